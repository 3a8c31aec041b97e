//! Request and response bodies of the report endpoints.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::ReportRow;
use crate::domain::ids::{ReportId, UserId};
use crate::domain::period::Period;
use crate::domain::report::{ReportStatus, ReviewDecision};
use crate::domain::values::parse_text;
use crate::error::{ApiError, FieldError, FieldErrors};
use crate::http::double_option;
use crate::tasks::dto::TARGET_MAX;

pub const BODY_MAX: usize = 20_000;

/// A progress or result report on a task.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportDto {
    pub id: String,
    pub task_id: String,
    /// The reporting agency (the task's lead agency).
    pub agency_id: String,
    /// The reporting period (kỳ báo cáo): `2026`, `2026-H1`, `2026-Q3`, `2026-9M` or `2026-M11`.
    pub period: String,
    pub body: String,
    /// The value reached, in the unit of the task's target.
    pub actual_value: Option<f64>,
    pub status: ReportStatus,
    /// 1 for the first version; each revision of a returned report adds one.
    pub revision: i32,
    /// The returned report this revision replaces.
    pub previous_revision_id: Option<String>,
    pub created_by: String,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_comment: Option<String>,
    /// Changes on every update; send it back as `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ReportDto {
    pub fn from_row(row: ReportRow) -> Result<Self, ApiError> {
        Ok(Self {
            status: row.status,
            id: row.id.into_string(),
            task_id: row.task_id.into_string(),
            agency_id: row.agency_id.into_string(),
            period: row.period,
            body: row.body,
            actual_value: row.actual_value,
            revision: row.revision,
            previous_revision_id: row.previous_revision_id.map(ReportId::into_string),
            created_by: row.created_by.into_string(),
            submitted_by: row.submitted_by.map(UserId::into_string),
            submitted_at: row.submitted_at.map(|t| t.and_utc()),
            reviewed_by: row.reviewed_by.map(UserId::into_string),
            reviewed_at: row.reviewed_at.map(|t| t.and_utc()),
            review_comment: row.review_comment,
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// A new draft report.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateReport {
    #[schema(pattern = "^20[0-9]{2}(-(H[12]|Q[1-4]|9M|M(0?[1-9]|1[0-2])|0[1-9]|1[0-2]))?$")]
    pub period: String,
    #[schema(
        min_length = 1,
        max_length = 20000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub body: String,
    #[schema(minimum = 0, maximum = 1000000000000.0)]
    pub actual_value: Option<f64>,
}

/// Changes to a draft report; absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateReport {
    #[schema(pattern = "^20[0-9]{2}(-(H[12]|Q[1-4]|9M|M(0?[1-9]|1[0-2])|0[1-9]|1[0-2]))?$")]
    pub period: Option<String>,
    #[schema(
        min_length = 1,
        max_length = 20000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub body: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<f64>, minimum = 0, maximum = 1000000000000.0)]
    pub actual_value: Option<Option<f64>>,
}

/// A supervisor's decision on a submitted report.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    pub decision: ReviewDecision,
    #[schema(
        max_length = 5000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub comment: Option<String>,
}

/// An empty JSON object (`{}`): the action needs no input.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoInput {}

fn parse_value(value: f64) -> Result<f64, String> {
    if value.is_finite() && (0.0..=TARGET_MAX).contains(&value) {
        Ok(value)
    } else {
        Err("must be a number from 0 to 10^12".into())
    }
}

/// Valid fields of a report: (period, body, actual value).
pub type ReportFields = (Option<String>, Option<String>, Option<Option<f64>>);

impl CreateReport {
    pub fn parse(self) -> Result<(String, String, Option<f64>), ApiError> {
        let (period, body, value) = UpdateReport {
            period: Some(self.period),
            body: Some(self.body),
            actual_value: Some(self.actual_value),
        }
        .parse()?;
        match (period, body) {
            (Some(period), Some(body)) => Ok((period, body, value.flatten())),
            _ => Err(ApiError::internal("report parse lost a field")),
        }
    }
}

impl UpdateReport {
    pub fn parse(self) -> Result<ReportFields, ApiError> {
        let mut errors = FieldErrors::default();
        let period = self
            .period
            .and_then(|p| errors.take("period", Period::parse(&p).map(|p| p.to_string())));
        let body = self
            .body
            .and_then(|b| errors.take("body", parse_text(&b, BODY_MAX)));
        let value = match self.actual_value {
            Some(Some(v)) => errors.take("actual_value", parse_value(v)).map(Some),
            other => other,
        };
        errors.finish()?;
        Ok((period, body, value))
    }
}

impl ReviewRequest {
    pub fn parse_comment(&self) -> Result<Option<String>, ApiError> {
        self.comment
            .as_deref()
            .map(|c| {
                parse_text(c, 5000)
                    .map_err(|m| ApiError::Validation(vec![FieldError::new("comment", m)]))
            })
            .transpose()
    }
}
