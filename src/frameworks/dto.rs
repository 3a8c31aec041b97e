//! Request and response bodies of the framework endpoints.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::FrameworkRow;
use crate::domain::framework::{total_points, CriterionGroup, FrameworkStatus, Rating, Thresholds};
use crate::domain::ids::{FrameworkId, UserId};
use crate::domain::values::AgencyKind;
use crate::error::ApiError;

/// A version of a scoring framework (bộ tiêu chí).
#[derive(Debug, Serialize, ToSchema)]
pub struct FrameworkDto {
    pub id: String,
    /// Shared by every version of the framework, e.g. `TT124-ANTT`.
    pub code: String,
    /// Numbered by the server: 1, 2, ... for each new version of the same code.
    pub version: i32,
    pub name: String,
    pub description: Option<String>,
    /// Agency kinds the framework is meant for; a campaign's default participants.
    pub applies_to: Vec<AgencyKind>,
    pub groups: Vec<CriterionGroup>,
    pub thresholds: Thresholds,
    /// The highest rating of an agency that failed a disqualifying condition; it is never
    /// recognised.
    pub disqualified_rating: Rating,
    /// Points available in all criteria.
    pub total_points: f64,
    pub status: FrameworkStatus,
    /// The version this one was copied from.
    pub previous_version_id: Option<String>,
    pub created_by: String,
    pub published_by: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    /// Changes on every edit; it is the `ETag` to send back as `If-Match`.
    pub revision: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl FrameworkDto {
    pub fn from_row(row: FrameworkRow) -> Result<Self, ApiError> {
        let groups = row.groups()?;
        let scheme = row.scheme()?;
        Ok(Self {
            applies_to: row.applies_to()?,
            total_points: total_points(&groups),
            thresholds: scheme.thresholds,
            disqualified_rating: scheme.disqualified_rating,
            status: row.status,
            groups,
            id: row.id.into_string(),
            code: row.code,
            version: row.version,
            name: row.name,
            description: row.description,
            previous_version_id: row.previous_version_id.map(FrameworkId::into_string),
            created_by: row.created_by.into_string(),
            published_by: row.published_by.map(UserId::into_string),
            published_at: row.published_at.map(|t| t.and_utc()),
            revision: row.revision,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// A criterion as written by an admin.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionInput {
    /// Unique within the framework, e.g. `1.2` or `KX1`.
    #[schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$")]
    pub code: String,
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
    pub guidance: Option<String>,
    /// Whole points from 1 to 1000 for a point criterion; absent or 0 for a disqualifying one.
    #[schema(value_type = Option<i64>, minimum = 0, maximum = 1000)]
    pub max_points: Option<f64>,
    /// A "không để xảy ra" condition: scored as met or not, without points.
    #[serde(default)]
    pub disqualifying: bool,
}

/// A group of criteria as written by an admin.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupInput {
    #[schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$")]
    pub code: String,
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: String,
    #[schema(min_items = 1, max_items = 100)]
    pub criteria: Vec<CriterionInput>,
}

/// A new framework; it starts as version 1, in draft.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateFramework {
    /// 2-32 upper-case letters, digits, `.`, `_`, `-`; not used by another framework.
    #[schema(pattern = "^[A-Z0-9][A-Z0-9._-]{1,31}$")]
    pub code: String,
    #[schema(
        min_length = 1,
        max_length = 300,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub name: String,
    #[schema(
        max_length = 5000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub description: Option<String>,
    #[schema(min_items = 1, max_items = 7)]
    pub applies_to: Vec<AgencyKind>,
    #[schema(min_items = 1, max_items = 50)]
    pub groups: Vec<GroupInput>,
    pub thresholds: Thresholds,
    /// Default `weak`.
    pub disqualified_rating: Option<Rating>,
}

/// Changes to a draft framework; absent fields stay as they are, `groups` is replaced whole.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateFramework {
    #[schema(
        min_length = 1,
        max_length = 300,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub name: Option<String>,
    #[schema(value_type = Option<String>, max_length = 5000, pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text_patch")]
    pub description: Option<Option<String>>,
    #[schema(min_items = 1, max_items = 7)]
    pub applies_to: Option<Vec<AgencyKind>>,
    #[schema(min_items = 1, max_items = 50)]
    pub groups: Option<Vec<GroupInput>>,
    pub thresholds: Option<Thresholds>,
    pub disqualified_rating: Option<Rating>,
}

/// Filters of the framework list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FrameworkQuery {
    /// Every version of one framework.
    #[param(pattern = "^[A-Z0-9][A-Z0-9._-]{1,31}$")]
    pub code: Option<String>,
    pub status: Option<FrameworkStatus>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<uuid::Uuid>,
}
