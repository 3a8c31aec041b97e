//! The row of a subject's report.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::delegation_reports;
use crate::domain::ids::{AgencyId, DelegationId, UserId};
use crate::domain::subject_report::SubjectReportStatus;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = delegation_reports)]
pub struct SubjectReportRow {
    pub delegation_id: DelegationId,
    pub agency_id: AgencyId,
    pub status: SubjectReportStatus,
    /// JSON list of `domain::subject_report::Answer`.
    pub answers: String,
    pub due_on: NaiveDate,
    pub submitted_at: Option<NaiveDateTime>,
    pub submitted_by: Option<UserId>,
    pub return_reason: Option<String>,
    pub created_by: UserId,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The columns a change may set; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = delegation_reports)]
pub struct SubjectReportChanges {
    pub status: Option<SubjectReportStatus>,
    pub answers: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub submitted_at: Option<Option<NaiveDateTime>>,
    pub submitted_by: Option<Option<UserId>>,
    pub return_reason: Option<Option<String>>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}

impl SubjectReportRow {
    /// Sent after its due date, or not sent and the due date has passed by `today`.
    pub fn late(&self, today: NaiveDate) -> bool {
        use crate::domain::subject_report::is_late;
        match (self.status, self.submitted_at) {
            (SubjectReportStatus::Submitted, Some(at)) => {
                is_late(crate::domain::task::vietnam_date(at.and_utc()), self.due_on)
            }
            _ => is_late(today, self.due_on),
        }
    }
}
