//! The JSON shapes of supervision plans.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::model::PlanRow;
use crate::db::json;
use crate::domain::supervision_plan::{PlanItem, PlanStatus};
use crate::error::ApiError;

/// A body's plan of the year.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePlan {
    /// 2000 to 2100; one plan per body and year.
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: i32,
    /// The body that plans and leads the work (Tỉnh ủy, HĐND, UBND, Ban Chỉ đạo khu vực
    /// phòng thủ, an inspectorate).
    pub body_agency_id: Uuid,
    /// E.g. "Kế hoạch kiểm tra, giám sát năm 2026".
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: String,
    /// Up to 100 planned supervisions, in their order.
    #[schema(max_items = 100)]
    #[serde(default, deserialize_with = "crate::http::objects")]
    pub items: Vec<PlanItem>,
}

/// Changes to a draft plan; absent fields stay as they are, `items` replaces the list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePlan {
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: Option<String>,
    #[schema(max_items = 100)]
    #[serde(default, deserialize_with = "crate::http::optional_objects")]
    pub items: Option<Vec<PlanItem>>,
}

/// Filters for the plan list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PlanQuery {
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    pub body_agency_id: Option<Uuid>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page (a plan id).
    pub cursor: Option<Uuid>,
}

/// A body's yearly plan of supervisions (kế hoạch kiểm tra, giám sát năm).
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanDto {
    pub id: String,
    pub year: i32,
    pub body_agency_id: String,
    pub title: String,
    pub items: Vec<PlanItem>,
    pub status: PlanStatus,
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by: Option<String>,
    pub created_by: String,
    /// The plan's version, also its `ETag`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PlanDto {
    pub fn from_row(row: PlanRow) -> Result<Self, ApiError> {
        Ok(Self {
            items: json::decode(&row.items, "plan items")?,
            id: row.id.into_string(),
            year: row.year,
            body_agency_id: row.body_agency_id.into_string(),
            title: row.title,
            status: row.status,
            approved_at: row.approved_at.map(|t| t.and_utc()),
            approved_by: row.approved_by.map(|u| u.into_string()),
            created_by: row.created_by.into_string(),
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}
