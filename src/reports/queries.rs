//! Report queries. A report is visible to whoever sees its task (see `tasks::queries`).

use diesel::prelude::*;

use super::model::{ReportChanges, ReportRow};
use crate::db::schema::{agencies, reports, tasks};
use crate::db::AnyConnection;
use crate::domain::ids::{DirectiveId, ReportId, TaskId};
use crate::domain::report::ReportStatus;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

pub fn find(conn: &mut AnyConnection, id: &ReportId) -> Result<Option<ReportRow>, ApiError> {
    Ok(reports::table
        .filter(reports::id.eq(id))
        .select(ReportRow::as_select())
        .first(conn)
        .optional()?)
}

pub(super) fn of_task(
    conn: &mut AnyConnection,
    task_id: &TaskId,
    page: &PageRequest,
) -> Result<Vec<ReportRow>, ApiError> {
    let mut query = reports::table
        .filter(reports::task_id.eq(task_id.clone()))
        .select(ReportRow::as_select())
        .into_boxed();
    if let Some(after) = &page.after {
        query = query.filter(reports::id.gt(after.clone()));
    }
    Ok(query
        .order(reports::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}

pub fn insert(conn: &mut AnyConnection, row: &ReportRow) -> Result<(), ApiError> {
    diesel::insert_into(reports::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Applies `changes` if the row still has the version it was read at (see
/// `db::expect_updated`).
pub fn update(
    conn: &mut AnyConnection,
    id: &ReportId,
    read_version: i32,
    changes: &ReportChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        reports::table
            .filter(reports::id.eq(id))
            .filter(reports::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    crate::db::expect_updated(rows, "report")
}

/// The revision made of a returned report, if any.
pub fn revision_of(conn: &mut AnyConnection, id: &ReportId) -> Result<Option<ReportId>, ApiError> {
    Ok(reports::table
        .filter(reports::previous_revision_id.eq(id))
        .select(reports::id)
        .first(conn)
        .optional()?)
}

/// Up to `limit` reports sent (not drafts) on the tasks the subtree at `root` leads under
/// `bases`, latest first.
/// A task's reports other than drafts, by id.
pub(super) fn sent_of_task(
    conn: &mut AnyConnection,
    task_id: &TaskId,
    page: &PageRequest,
) -> Result<Vec<ReportRow>, ApiError> {
    let mut query = reports::table
        .filter(reports::task_id.eq(task_id.clone()))
        .filter(reports::status.ne(ReportStatus::Draft.as_str()))
        .select(ReportRow::as_select())
        .into_boxed();
    if let Some(after) = &page.after {
        query = query.filter(reports::id.gt(after.clone()));
    }
    Ok(query
        .order(reports::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}

pub(super) fn sent_on_granted(
    conn: &mut AnyConnection,
    root: &str,
    bases: &[DirectiveId],
    limit: i64,
) -> Result<Vec<ReportRow>, ApiError> {
    Ok(reports::table
        .inner_join(tasks::table.inner_join(agencies::table))
        .filter(crate::agencies::queries::path_within(root))
        .filter(tasks::directive_id.eq_any(bases))
        .filter(reports::status.ne(ReportStatus::Draft.as_str()))
        .select(ReportRow::as_select())
        .order((reports::submitted_at.desc(), reports::id.desc()))
        .limit(limit)
        .load(conn)?)
}

/// The draft reports on `tasks`, as (task, report) pairs.
pub(super) fn drafts_on(
    conn: &mut AnyConnection,
    tasks: &[TaskId],
) -> Result<Vec<(TaskId, ReportId)>, ApiError> {
    Ok(reports::table
        .filter(reports::task_id.eq_any(tasks))
        .filter(reports::status.eq(crate::domain::report::ReportStatus::Draft.as_str()))
        .select((reports::task_id, reports::id))
        .order(reports::id)
        .load(conn)?)
}

/// The reports submitted within a dashboard window by agencies of the subtree at `root` (the
/// whole province without one): (submitted at, reviewed at, the task's due date).
pub(super) fn submitted_in_window(
    conn: &mut AnyConnection,
    root: Option<&str>,
    window: &crate::domain::period::Window,
) -> Result<Vec<SubmittedReport>, ApiError> {
    let mut query = reports::table
        .inner_join(tasks::table.inner_join(agencies::table))
        .filter(reports::submitted_at.ge(window.recorded_from()))
        .filter(reports::submitted_at.lt(window.recorded_before()))
        .select((
            reports::submitted_at.assume_not_null(),
            reports::reviewed_at,
            tasks::due_on,
        ))
        .into_boxed();
    if let Some(root) = root {
        query = query.filter(crate::agencies::queries::path_within(root));
    }
    Ok(query.load(conn)?)
}

/// A report as a dashboard counts it: when it was submitted and reviewed (UTC), and its
/// task's due date.
pub type SubmittedReport = (
    chrono::NaiveDateTime,
    Option<chrono::NaiveDateTime>,
    chrono::NaiveDate,
);
