//! Request and response bodies of the campaign endpoints.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::model::CampaignRow;
use crate::domain::assessment::CampaignStatus;
use crate::domain::ids::{AgencyId, CampaignId};
use crate::domain::values::AgencyKind;
use crate::error::ApiError;
use crate::http::whole_number;

/// A yearly campaign (đợt đánh giá) of one framework version.
#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignDto {
    pub id: String,
    /// The pinned, published framework version.
    pub framework_id: String,
    pub framework_code: String,
    pub year: i32,
    pub name: String,
    /// Last day (Vietnam time) for agencies to register themselves.
    pub registration_deadline: NaiveDate,
    /// Last day (Vietnam time) to submit the self-assessment.
    pub self_assessment_deadline: NaiveDate,
    /// Last day (Vietnam time) for the review and decision.
    pub review_deadline: NaiveDate,
    /// Agencies of these kinds take part...
    pub agency_kinds: Vec<AgencyKind>,
    /// ...and these agencies too.
    pub agency_ids: Vec<String>,
    pub status: CampaignStatus,
    /// The previous year's campaign this one was copied from.
    pub cloned_from_id: Option<String>,
    pub created_by: String,
    /// Changes on every update; send it back as `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CampaignDto {
    pub fn from_row(row: CampaignRow) -> Result<Self, ApiError> {
        let participants = row.participants()?;
        Ok(Self {
            status: row.status,
            agency_kinds: participants.kinds,
            agency_ids: participants
                .ids
                .into_iter()
                .map(AgencyId::into_string)
                .collect(),
            id: row.id.into_string(),
            framework_id: row.framework_id.into_string(),
            framework_code: row.framework_code,
            year: row.year,
            name: row.name,
            registration_deadline: row.registration_deadline,
            self_assessment_deadline: row.self_assessment_deadline,
            review_deadline: row.review_deadline,
            cloned_from_id: row.cloned_from_id.map(CampaignId::into_string),
            created_by: row.created_by.into_string(),
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// A new campaign. Deadlines default to 31/03, 30/11 and 15/12 of the year; participants
/// default to the framework's `applies_to`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCampaign {
    /// A published framework version.
    pub framework_id: Uuid,
    #[serde(deserialize_with = "whole_number")]
    #[schema(value_type = i32, minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// Defaults to the framework's name and the year.
    #[schema(max_length = 300, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub name: Option<String>,
    pub registration_deadline: Option<NaiveDate>,
    pub self_assessment_deadline: Option<NaiveDate>,
    pub review_deadline: Option<NaiveDate>,
    #[schema(max_items = 7)]
    pub agency_kinds: Option<Vec<AgencyKind>>,
    #[schema(max_items = 500)]
    pub agency_ids: Option<Vec<Uuid>>,
}

/// Changes to a campaign; absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCampaign {
    #[schema(
        min_length = 1,
        max_length = 300,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub name: Option<String>,
    pub registration_deadline: Option<NaiveDate>,
    pub self_assessment_deadline: Option<NaiveDate>,
    pub review_deadline: Option<NaiveDate>,
    #[schema(max_items = 7)]
    pub agency_kinds: Option<Vec<AgencyKind>>,
    #[schema(max_items = 500)]
    pub agency_ids: Option<Vec<Uuid>>,
    /// `closed` ends the year: nothing more is written.
    pub status: Option<CampaignStatus>,
}

/// The year of the copy.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloneCampaign {
    #[serde(deserialize_with = "whole_number")]
    #[schema(value_type = i32, minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// Defaults to the source's name with the new year.
    #[schema(max_length = 300, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub name: Option<String>,
}

/// Filters of the campaign list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CampaignQuery {
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    pub status: Option<CampaignStatus>,
    #[param(pattern = "^[A-Z0-9][A-Z0-9._-]{1,31}$")]
    pub framework_code: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<Uuid>,
}
