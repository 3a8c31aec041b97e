//! Campaign input checked into settings: year, calendar, participants.

use chrono::{Datelike, NaiveDate};

use super::dto::{CreateCampaign, UpdateCampaign};
use crate::domain::assessment::{default_deadlines, CampaignStatus};
use crate::domain::ids::{AgencyId, FrameworkId};
use crate::domain::values::{AgencyKind, Name};
use crate::error::{ApiError, FieldErrors};

pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
pub const NAME_MAX: usize = 300;
pub const AGENCY_IDS_MAX: usize = 500;

/// A campaign's three deadlines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calendar {
    pub registration: NaiveDate,
    pub self_assessment: NaiveDate,
    pub review: NaiveDate,
}

impl Calendar {
    /// Deadlines follow each other and fall in the campaign's year or early the next one.
    pub fn check(&self, year: i32) -> Result<(), ApiError> {
        let mut errors = FieldErrors::default();
        for (field, date) in [
            ("registration_deadline", self.registration),
            ("self_assessment_deadline", self.self_assessment),
            ("review_deadline", self.review),
        ] {
            if date.year() != year && date.year() != year + 1 {
                errors.add(field, format!("must fall in {year} or {}", year + 1));
            }
        }
        if self.registration > self.self_assessment {
            errors.add(
                "self_assessment_deadline",
                "must not come before the registration deadline",
            );
        }
        if self.self_assessment > self.review {
            errors.add(
                "review_deadline",
                "must not come before the self-assessment deadline",
            );
        }
        errors.finish()
    }
}

pub fn parse_year(year: Option<i32>) -> Result<i32, ApiError> {
    match year {
        Some(y) if YEARS.contains(&y) => Ok(y),
        _ => Err(ApiError::field(
            "year",
            format!("must be a year from {} to {}", YEARS.start(), YEARS.end()),
        )),
    }
}

pub fn parse_name(name: Option<String>) -> Result<Option<String>, ApiError> {
    name.map(|n| Name::parse(&n, NAME_MAX).map(Name::into_inner))
        .transpose()
        .map_err(|m| ApiError::field("name", m))
}

fn unique<T: PartialEq + Clone>(items: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

/// Checked settings of a new campaign; `None` participants mean "the framework's kinds".
pub struct NewCampaign {
    pub framework_id: FrameworkId,
    pub year: i32,
    pub name: Option<String>,
    pub calendar: Calendar,
    pub kinds: Option<Vec<AgencyKind>>,
    pub ids: Option<Vec<AgencyId>>,
}

/// The schema's bounds on participant lists, checked before any record is read.
fn check_sizes(
    kinds: Option<&Vec<AgencyKind>>,
    ids: Option<&Vec<uuid::Uuid>>,
) -> Result<(), ApiError> {
    let mut errors = FieldErrors::default();
    if kinds.is_some_and(|k| k.len() > AgencyKind::ALL.len()) {
        errors.add(
            "agency_kinds",
            format!("must list at most {} kinds", AgencyKind::ALL.len()),
        );
    }
    if ids.is_some_and(|i| i.len() > AGENCY_IDS_MAX) {
        errors.add(
            "agency_ids",
            format!("must list at most {AGENCY_IDS_MAX} agencies"),
        );
    }
    errors.finish()
}

impl CreateCampaign {
    pub fn parse(self) -> Result<NewCampaign, ApiError> {
        check_sizes(self.agency_kinds.as_ref(), self.agency_ids.as_ref())?;
        let year = parse_year(self.year)?;
        let name = parse_name(self.name)?;
        let [registration, self_assessment, review] = default_deadlines(year)
            .ok_or_else(|| ApiError::internal("no calendar for the year"))?;
        let calendar = Calendar {
            registration: self.registration_deadline.unwrap_or(registration),
            self_assessment: self.self_assessment_deadline.unwrap_or(self_assessment),
            review: self.review_deadline.unwrap_or(review),
        };
        calendar.check(year)?;
        Ok(NewCampaign {
            framework_id: FrameworkId::from(self.framework_id),
            year,
            name,
            calendar,
            kinds: self.agency_kinds.map(|k| unique(&k)),
            ids: self
                .agency_ids
                .map(|ids| unique(&ids).into_iter().map(AgencyId::from).collect()),
        })
    }
}

/// Checked changes; the calendar is checked against the stored one when applied.
pub struct CampaignPatch {
    pub name: Option<String>,
    pub registration_deadline: Option<NaiveDate>,
    pub self_assessment_deadline: Option<NaiveDate>,
    pub review_deadline: Option<NaiveDate>,
    pub kinds: Option<Vec<AgencyKind>>,
    pub ids: Option<Vec<AgencyId>>,
    pub status: Option<CampaignStatus>,
}

impl UpdateCampaign {
    pub fn parse(self) -> Result<CampaignPatch, ApiError> {
        check_sizes(self.agency_kinds.as_ref(), self.agency_ids.as_ref())?;
        Ok(CampaignPatch {
            name: parse_name(self.name)?,
            registration_deadline: self.registration_deadline,
            self_assessment_deadline: self.self_assessment_deadline,
            review_deadline: self.review_deadline,
            kinds: self.agency_kinds.map(|k| unique(&k)),
            ids: self
                .agency_ids
                .map(|ids| unique(&ids).into_iter().map(AgencyId::from).collect()),
            status: self.status,
        })
    }
}

/// At least one kind or one agency must take part.
pub fn check_participants(kinds: &[AgencyKind], ids: &[AgencyId]) -> Result<(), ApiError> {
    if kinds.is_empty() && ids.is_empty() {
        Err(ApiError::field(
            "agency_kinds",
            "name at least one agency kind or agency id that takes part",
        ))
    } else {
        Ok(())
    }
}
