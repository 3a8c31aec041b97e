//! Row structs of the `campaigns` table, with separate insert and update forms.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::agencies::model::AgencyRow;
use crate::db::json;
use crate::db::schema::campaigns;
use crate::domain::assessment::CampaignStatus;
use crate::domain::ids::{AgencyId, CampaignId, FrameworkId, UserId};
use crate::domain::values::AgencyKind;
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = campaigns)]
pub struct CampaignRow {
    pub id: CampaignId,
    pub framework_id: FrameworkId,
    pub framework_code: String,
    pub year: i32,
    pub name: String,
    pub registration_deadline: NaiveDate,
    pub self_assessment_deadline: NaiveDate,
    pub review_deadline: NaiveDate,
    /// JSON array of agency kinds that take part.
    pub agency_kinds: String,
    /// JSON array of further agency ids that take part.
    pub agency_ids: String,
    pub status: CampaignStatus,
    pub cloned_from_id: Option<CampaignId>,
    pub created_by: UserId,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The columns an edit may change; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = campaigns)]
pub struct CampaignChanges {
    pub name: Option<String>,
    pub registration_deadline: Option<NaiveDate>,
    pub self_assessment_deadline: Option<NaiveDate>,
    pub review_deadline: Option<NaiveDate>,
    pub agency_kinds: Option<String>,
    pub agency_ids: Option<String>,
    pub status: Option<CampaignStatus>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}

/// Who takes part in a campaign: agencies of these kinds, and these agencies.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Participants {
    pub kinds: Vec<AgencyKind>,
    pub ids: Vec<AgencyId>,
}

impl Participants {
    pub fn includes(&self, agency: &AgencyRow) -> bool {
        self.ids.contains(&agency.id) || self.kinds.contains(&agency.kind)
    }
}

impl CampaignRow {
    pub fn participants(&self) -> Result<Participants, ApiError> {
        Ok(Participants {
            kinds: json::decode(&self.agency_kinds, "agency kinds")?,
            ids: json::decode(&self.agency_ids, "agency ids")?,
        })
    }

    /// Fails with 409 once the campaign is closed.
    pub fn check_open(&self) -> Result<(), ApiError> {
        match self.status {
            CampaignStatus::Open => Ok(()),
            CampaignStatus::Closed => Err(ApiError::Conflict(format!(
                "the campaign {} is closed",
                self.name
            ))),
        }
    }
}
