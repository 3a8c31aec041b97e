//! Row structs of the `reports` table: one form to read and insert, one to update.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::reports;
use crate::domain::ids::{AgencyId, ReportId, TaskId, UserId};
use crate::domain::report::ReportStatus;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reports)]
pub struct ReportRow {
    pub id: ReportId,
    pub task_id: TaskId,
    pub agency_id: AgencyId,
    pub period: String,
    pub body: String,
    pub actual_value: Option<f64>,
    pub status: ReportStatus,
    pub revision: i32,
    pub previous_revision_id: Option<ReportId>,
    pub created_by: UserId,
    pub submitted_by: Option<UserId>,
    pub submitted_at: Option<NaiveDateTime>,
    pub reviewed_by: Option<UserId>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub review_comment: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The columns an edit or a transition may change; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = reports)]
pub struct ReportChanges {
    pub period: Option<String>,
    pub body: Option<String>,
    pub actual_value: Option<Option<f64>>,
    pub status: Option<ReportStatus>,
    pub submitted_by: Option<Option<UserId>>,
    pub submitted_at: Option<Option<NaiveDateTime>>,
    pub reviewed_by: Option<Option<UserId>>,
    pub reviewed_at: Option<Option<NaiveDateTime>>,
    pub review_comment: Option<Option<String>>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}
