//! Request and response bodies of the directive endpoints, and their parsing.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::model::DirectiveRow;
use crate::domain::directive::{parse_number, DirectiveKind, DirectiveStatus};
use crate::domain::ids::AgencyId;
use crate::domain::values::{parse_calendar_date, Name};
use crate::error::{ApiError, FieldErrors};
use crate::http::double_option;

pub const TITLE_MAX: usize = 500;
pub const SUMMARY_MAX: usize = 5000;
pub const ISSUER_MAX: usize = 200;
pub const TERM_MAX: usize = 20;
pub const BASED_ON_MAX: usize = 50;
pub use crate::domain::values::DATE_YEARS as YEARS;

/// A directive (văn bản chỉ đạo).
#[derive(Debug, Serialize, ToSchema)]
pub struct DirectiveDto {
    pub id: String,
    pub kind: DirectiveKind,
    /// Number and symbol (số, ký hiệu), e.g. `28-NQ/TW`.
    pub number: String,
    /// The issuing body (cơ quan ban hành), e.g. "Bộ Chính trị".
    pub issuer: String,
    /// The issuing agency when it is one of the province's agencies.
    pub issuer_agency_id: Option<String>,
    /// Issue date (ngày ban hành), `YYYY-MM-DD`.
    pub issued_on: NaiveDate,
    /// Subject (trích yếu).
    pub title: String,
    pub summary: Option<String>,
    /// Party congress term (khóa), e.g. `X`.
    pub term: Option<String>,
    pub status: DirectiveStatus,
    /// The directive that replaced this one.
    pub superseded_by: Option<String>,
    /// The directives this one implements (căn cứ).
    pub based_on: Vec<String>,
    /// Changes on every update; send it back as `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl DirectiveDto {
    pub fn from_row(row: DirectiveRow, based_on: Vec<String>) -> Result<Self, ApiError> {
        let (kind, status) = (row.kind, row.status);
        Ok(Self {
            id: row.id.into_string(),
            kind,
            number: row.number,
            issuer: row.issuer,
            issuer_agency_id: row.issuer_agency_id.map(AgencyId::into_string),
            issued_on: row.issued_on,
            title: row.title,
            summary: row.summary,
            term: row.term,
            status,
            superseded_by: row.superseded_by,
            based_on,
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// A new directive. `issuer` may be left out when `issuer_agency_id` names the issuing agency.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDirective {
    pub kind: DirectiveKind,
    #[schema(
        pattern = "^[0-9]{1,5}(/[0-9]{4})?[-/][A-ZĐ][A-Z0-9Đ]*([-/.][A-Z0-9Đ]+)*$",
        max_length = 60
    )]
    pub number: String,
    #[schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub issuer: Option<String>,
    pub issuer_agency_id: Option<Uuid>,
    /// Between 1945-01-01 and 2100-12-31.
    pub issued_on: NaiveDate,
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: String,
    #[schema(
        max_length = 5000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub summary: Option<String>,
    #[schema(max_length = 20, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub term: Option<String>,
    /// Defaults to `in_force`, or `superseded` when `superseded_by` is given.
    pub status: Option<DirectiveStatus>,
    pub superseded_by: Option<Uuid>,
    /// Up to 50 directive ids.
    #[schema(max_items = 50)]
    pub based_on: Option<Vec<Uuid>>,
}

/// Changes to a directive; absent fields stay as they are, `null` clears an optional one.
/// `based_on`, when given, replaces the whole list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateDirective {
    pub kind: Option<DirectiveKind>,
    #[schema(
        pattern = "^[0-9]{1,5}(/[0-9]{4})?[-/][A-ZĐ][A-Z0-9Đ]*([-/.][A-Z0-9Đ]+)*$",
        max_length = 60
    )]
    pub number: Option<String>,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub issuer: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub issuer_agency_id: Option<Option<Uuid>>,
    pub issued_on: Option<NaiveDate>,
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: Option<String>,
    #[schema(value_type = Option<String>, max_length = 5000, pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text_patch")]
    pub summary: Option<Option<String>>,
    #[schema(value_type = Option<String>, max_length = 20, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text_patch")]
    pub term: Option<Option<String>>,
    pub status: Option<DirectiveStatus>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub superseded_by: Option<Option<Uuid>>,
    #[schema(max_items = 50)]
    pub based_on: Option<Vec<Uuid>>,
}

/// Filters for the directive list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DirectiveQuery {
    pub kind: Option<DirectiveKind>,
    pub status: Option<DirectiveStatus>,
    /// Issuing body, matched anywhere ignoring case and diacritics ("bo chinh tri").
    #[param(max_length = 200)]
    pub issuer: Option<String>,
    pub issuer_agency_id: Option<Uuid>,
    /// Year of issue.
    #[param(minimum = 1945, maximum = 2100)]
    pub year: Option<i32>,
    /// Search over number, title and issuer, ignoring case and Vietnamese diacritics.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
    /// `csv` or `xlsx` answers the whole filtered list as a file (streamed; `limit` and
    /// `cursor` are ignored), as does `Accept: text/csv`; `json` (default) answers a page.
    #[param(inline)]
    pub format: Option<crate::tabular::ListFormat>,
}

/// Summaries may hold line breaks and tabs; other text fields may not.
pub fn parse_summary(raw: &str) -> Result<String, String> {
    let flattened: String = raw
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    Name::parse(&flattened, SUMMARY_MAX)?;
    Ok(raw.trim().to_owned())
}

/// A create request whose fields are known valid (references not yet checked).
pub struct NewDirective {
    pub kind: DirectiveKind,
    pub number: String,
    pub issuer: Option<String>,
    pub issuer_agency_id: Option<AgencyId>,
    pub issued_on: NaiveDate,
    pub title: String,
    pub summary: Option<String>,
    pub term: Option<String>,
    pub status: DirectiveStatus,
    pub superseded_by: Option<String>,
    pub based_on: Vec<String>,
}

fn ids(list: Option<Vec<Uuid>>, errors: &mut FieldErrors) -> Option<Vec<String>> {
    let list = list?;
    if list.len() > BASED_ON_MAX {
        errors.0.push(crate::error::FieldError::new(
            "based_on",
            format!("must have at most {BASED_ON_MAX} ids"),
        ));
    }
    let mut ids: Vec<String> = list.iter().map(Uuid::to_string).collect();
    ids.sort();
    ids.dedup();
    Some(ids)
}

impl CreateDirective {
    pub fn parse(self) -> Result<NewDirective, ApiError> {
        let mut errors = FieldErrors::default();
        let number = errors.take("number", parse_number(&self.number));
        let issuer = self
            .issuer
            .and_then(|i| errors.take("issuer", Name::parse(&i, ISSUER_MAX).map(Name::into_inner)));
        let issued_on = errors.take("issued_on", parse_calendar_date(self.issued_on));
        let title = errors.take(
            "title",
            Name::parse(&self.title, TITLE_MAX).map(Name::into_inner),
        );
        let summary = self
            .summary
            .and_then(|s| errors.take("summary", parse_summary(&s)));
        let term = self
            .term
            .and_then(|t| errors.take("term", Name::parse(&t, TERM_MAX).map(Name::into_inner)));
        let based_on = ids(self.based_on, &mut errors).unwrap_or_default();
        errors.finish()?;
        let default_status = if self.superseded_by.is_some() {
            DirectiveStatus::Superseded
        } else {
            DirectiveStatus::InForce
        };
        match (number, issued_on, title) {
            (Some(number), Some(issued_on), Some(title)) => Ok(NewDirective {
                kind: self.kind,
                number,
                issuer,
                issuer_agency_id: self.issuer_agency_id.map(AgencyId::from),
                issued_on,
                title,
                summary,
                term,
                status: self.status.unwrap_or(default_status),
                superseded_by: self.superseded_by.map(|s| s.to_string()),
                based_on,
            }),
            _ => Err(ApiError::internal("directive parse lost an error")),
        }
    }
}

/// An update request whose fields are known valid (references not yet checked).
pub struct DirectivePatch {
    pub kind: Option<DirectiveKind>,
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub issuer_agency_id: Option<Option<AgencyId>>,
    pub issued_on: Option<NaiveDate>,
    pub title: Option<String>,
    pub summary: Option<Option<String>>,
    pub term: Option<Option<String>>,
    pub status: Option<DirectiveStatus>,
    pub superseded_by: Option<Option<String>>,
    pub based_on: Option<Vec<String>>,
}

impl UpdateDirective {
    pub fn parse(self) -> Result<DirectivePatch, ApiError> {
        let mut errors = FieldErrors::default();
        let patch = DirectivePatch {
            kind: self.kind,
            number: self
                .number
                .and_then(|n| errors.take("number", parse_number(&n))),
            issuer: self.issuer.and_then(|i| {
                errors.take("issuer", Name::parse(&i, ISSUER_MAX).map(Name::into_inner))
            }),
            issuer_agency_id: self.issuer_agency_id.map(|a| a.map(AgencyId::from)),
            issued_on: self
                .issued_on
                .and_then(|d| errors.take("issued_on", parse_calendar_date(d))),
            title: self.title.and_then(|t| {
                errors.take("title", Name::parse(&t, TITLE_MAX).map(Name::into_inner))
            }),
            summary: match self.summary {
                Some(Some(s)) => errors.take("summary", parse_summary(&s)).map(Some),
                Some(None) => Some(None),
                None => None,
            },
            term: match self.term {
                Some(Some(t)) => errors
                    .take("term", Name::parse(&t, TERM_MAX).map(Name::into_inner))
                    .map(Some),
                Some(None) => Some(None),
                None => None,
            },
            status: self.status,
            superseded_by: self.superseded_by.map(|s| s.map(|id| id.to_string())),
            based_on: ids(self.based_on, &mut errors),
        };
        errors.finish()?;
        Ok(patch)
    }
}
