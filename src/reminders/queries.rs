//! The records reminders are due for, read for no caller (the background job), and the
//! record that a reminder went out.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::{exists, not};
use diesel::prelude::*;

use super::Due;
use crate::db::schema::{assessments, reminders, reports, tasks};
use crate::db::AnyConnection;
use crate::domain::reminder::ReminderEvent;
use crate::error::ApiError;

const FINAL_TASK_STATUSES: [&str; 2] = ["completed", "cancelled"];

/// Open tasks due between `from` and `to` not yet sent `event`: for a due-soon reminder, at
/// `tighter_than` days or a tighter threshold; for an overdue one (`None`), at all.
pub(super) fn system_open_tasks(
    conn: &mut AnyConnection,
    (from, to): (NaiveDate, NaiveDate),
    event: ReminderEvent,
    tighter_than: Option<i32>,
    limit: i64,
) -> Result<Vec<Due>, ApiError> {
    let reminded = reminders::table
        .filter(reminders::entity_id.eq(tasks::id))
        .filter(reminders::event.eq(event.action()))
        .filter(reminders::days.le(tighter_than.unwrap_or(i32::MAX)));
    Ok(tasks::table
        .filter(tasks::due_on.between(from, to))
        .filter(tasks::status.ne_all(FINAL_TASK_STATUSES))
        .filter(not(exists(reminded)))
        .select((tasks::id, tasks::version))
        .order((tasks::due_on, tasks::id))
        .limit(limit)
        .load(conn)?)
}

/// Reports submitted before `since` and still waiting for review, not yet reminded.
pub(super) fn system_reports_waiting(
    conn: &mut AnyConnection,
    since: NaiveDateTime,
    limit: i64,
) -> Result<Vec<Due>, ApiError> {
    let reminded = reminders::table
        .filter(reminders::entity_id.eq(reports::id))
        .filter(reminders::event.eq(ReminderEvent::ReportReviewPending.action()));
    Ok(reports::table
        .filter(reports::status.eq("submitted"))
        .filter(reports::submitted_at.le(since))
        .filter(not(exists(reminded)))
        .select((reports::id, reports::version))
        .order(reports::id)
        .limit(limit)
        .load(conn)?)
}

/// Assessments submitted before `since` and not yet decided or returned, not yet reminded.
pub(super) fn system_assessments_waiting(
    conn: &mut AnyConnection,
    since: NaiveDateTime,
    limit: i64,
) -> Result<Vec<Due>, ApiError> {
    let reminded = reminders::table
        .filter(reminders::entity_id.eq(assessments::id))
        .filter(reminders::event.eq(ReminderEvent::AssessmentReviewPending.action()));
    Ok(assessments::table
        .filter(assessments::status.eq_any(["submitted", "under_review"]))
        .filter(assessments::submitted_at.le(since))
        .filter(not(exists(reminded)))
        .select((assessments::id, assessments::version))
        .order(assessments::id)
        .limit(limit)
        .load(conn)?)
}

/// Records that `event` at `days` went out for the record; a second instance doing the same
/// meets the key and rolls back.
pub(super) fn mark_sent(
    conn: &mut AnyConnection,
    id: &str,
    event: &str,
    days: i32,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::insert_into(reminders::table)
        .values((
            reminders::entity_id.eq(id),
            reminders::event.eq(event),
            reminders::days.eq(days),
            reminders::sent_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}
