//! The JSON shapes of a subject's report.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::SubjectReportRow;
use crate::db::json;
use crate::domain::subject_report::{Answer, SubjectReportStatus};
use crate::error::ApiError;

/// The subject's answers to the outline; they replace the draft's.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutSubjectReport {
    /// One answer per section at most, up to 50.
    #[schema(max_items = 50)]
    pub answers: Vec<Answer>,
}

/// Why the delegation asks for a supplementary report, and by when.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnSubjectReport {
    #[schema(
        min_length = 1,
        max_length = 2000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub reason: String,
    /// By default 5 days after the request (a province's practice).
    pub due_on: Option<NaiveDate>,
}

/// A subject's report to a delegation.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectReportDto {
    pub delegation_id: String,
    pub agency_id: String,
    pub status: SubjectReportStatus,
    pub answers: Vec<Answer>,
    pub due_on: NaiveDate,
    /// Sent after its due date, or not sent and the due date has passed (Vietnam's calendar).
    pub late: bool,
    pub submitted_at: Option<DateTime<Utc>>,
    pub submitted_by: Option<String>,
    /// Why the delegation returned it, while it is returned.
    pub return_reason: Option<String>,
    /// The report's version, also its `ETag`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl SubjectReportDto {
    pub fn from_row(row: SubjectReportRow, today: NaiveDate) -> Result<Self, ApiError> {
        let late = row.late(today);
        Ok(Self {
            delegation_id: row.delegation_id.into_string(),
            agency_id: row.agency_id.into_string(),
            status: row.status,
            answers: json::decode(&row.answers, "report answers")?,
            due_on: row.due_on,
            late,
            submitted_at: row.submitted_at.map(|t| t.and_utc()),
            submitted_by: row.submitted_by.map(|u| u.into_string()),
            return_reason: row.return_reason,
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}
