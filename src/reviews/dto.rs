//! The JSON shapes of periodic reviews.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::model::ReviewRow;
use crate::dashboard::dto::DashboardDto;
use crate::db::json;
use crate::domain::review::ReviewKind;
use crate::error::ApiError;

/// The most directives a review names as its bases.
pub const BASES_MAX: usize = 20;

/// A new review; its figures are the dashboard's at this moment and never change afterwards.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateReview {
    pub kind: ReviewKind,
    /// `2026-H1` for a half-year review, `2026` for a year-end review, any period for a
    /// thematic one.
    #[schema(pattern = "^20[0-9]{2}(-(H[12]|Q[1-4]|9M|M(0?[1-9]|1[0-2])|0[1-9]|1[0-2]))?$")]
    pub period: String,
    /// The agency whose subtree is reviewed; absent: the caller's own agency for an agency
    /// manager, the whole province for a supervisor or admin.
    pub agency_id: Option<Uuid>,
    /// Also count the work of the agencies it succeeded in reorganisations.
    #[serde(default)]
    pub include_predecessors: bool,
    /// E.g. "Báo cáo sơ kết 6 tháng đầu năm 2026 thực hiện nhiệm vụ quốc phòng, an ninh".
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: String,
    /// The directives it reports on (căn cứ), at most 20.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub directive_ids: Vec<Uuid>,
    /// Kết quả đạt được.
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    #[schema(
        max_length = 50000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub results: Option<String>,
    /// Tồn tại, hạn chế và nguyên nhân.
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    #[schema(
        max_length = 50000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub shortcomings: Option<String>,
    /// Nhiệm vụ trọng tâm kỳ tới.
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    #[schema(
        max_length = 50000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub next_tasks: Option<String>,
}

/// Changes to a review's title and narrative; absent fields stay as they are, `null` or `""`
/// clears a section. The figures never change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateReview {
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "crate::http::optional_text_patch")]
    #[schema(value_type = Option<String>, max_length = 50000, pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$")]
    pub results: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::optional_text_patch")]
    #[schema(value_type = Option<String>, max_length = 50000, pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$")]
    pub shortcomings: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::optional_text_patch")]
    #[schema(value_type = Option<String>, max_length = 50000, pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$")]
    pub next_tasks: Option<Option<String>>,
}

/// Filters of the review list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReviewQuery {
    pub kind: Option<ReviewKind>,
    #[param(pattern = "^20[0-9]{2}(-(H[12]|Q[1-4]|9M|M(0?[1-9]|1[0-2])|0[1-9]|1[0-2]))?$")]
    pub period: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page (a review id).
    pub cursor: Option<Uuid>,
}

/// A periodic review (báo cáo sơ kết, tổng kết).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewDto {
    pub id: String,
    pub kind: ReviewKind,
    pub period: String,
    /// Absent for a review of the province.
    pub agency_id: Option<String>,
    pub include_predecessors: bool,
    pub title: String,
    pub directive_ids: Vec<String>,
    /// The dashboard as it was when the review was created.
    pub figures: DashboardDto,
    pub results: Option<String>,
    pub shortcomings: Option<String>,
    pub next_tasks: Option<String>,
    pub created_by: String,
    /// Changes on every update; send it back as `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ReviewDto {
    pub fn from_row(row: ReviewRow) -> Result<Self, ApiError> {
        Ok(Self {
            id: row.id.into_string(),
            kind: row.kind,
            period: row.period,
            agency_id: row.agency_id.map(|a| a.into_string()),
            include_predecessors: row.include_predecessors,
            title: row.title,
            directive_ids: json::decode(&row.directive_ids, "review bases")?,
            figures: json::decode(&row.figures, "review figures")?,
            results: row.results,
            shortcomings: row.shortcomings,
            next_tasks: row.next_tasks,
            created_by: row.created_by.into_string(),
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}
