//! The only door to report rows: a report is loaded through its task's access
//! (`tasks::access`), so a caller sees a report exactly when it sees the task; and the one
//! write path of a report (version check, bump, audit event, reload).

use chrono::Utc;

use super::model::{ReportChanges, ReportRow};
use super::queries;
use crate::audit;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::domain::ids::{ReportId, TaskId};
use crate::domain::permissions::reports::{self as rules, ReportAction};
use crate::error::ApiError;
use crate::http::pagination::PageRequest;
use crate::tasks::access as task_access;
use crate::tasks::model::TaskRow;

/// A report, its task and the task's lead agency path, if the caller sees the task; else 404.
pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &ReportId,
) -> Result<(ReportRow, TaskRow, String), ApiError> {
    let report = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let task = task_access::load(conn, caller, &report.task_id)?;
    let path = task.lead_path().to_owned();
    Ok((report, task.into_row(), path))
}

/// A report as [`load`] gives it, if the caller may also take `action` on it (else 403).
pub fn for_action(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &ReportId,
    action: ReportAction,
) -> Result<(ReportRow, TaskRow, String), ApiError> {
    let loaded = load(conn, caller, id)?;
    if !rules::may(caller, action, &loaded.2) {
        return Err(ApiError::Forbidden);
    }
    Ok(loaded)
}

/// The task a caller drafts a new report on: visible (else 404) and led by the caller's
/// agency (else 403).
pub fn task_for_drafting(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    task_id: &TaskId,
) -> Result<(TaskRow, Vec<String>), ApiError> {
    let task = task_access::load(conn, caller, task_id)?;
    if !rules::may(caller, ReportAction::Draft, task.lead_path()) {
        return Err(ApiError::Forbidden);
    }
    let reach = task.reach();
    Ok((task.into_row(), reach))
}

/// Applies `changes` to the version of `report` that was read (another writer in between is a
/// lost race), bumps `version` and `updated_at`, records `event` and returns the stored row.
pub fn save(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    report: &ReportRow,
    mut changes: ReportChanges,
    event: &str,
    audit_changes: serde_json::Value,
) -> Result<ReportRow, ApiError> {
    let version = report.version + 1;
    changes.version = Some(version);
    changes.updated_at = Some(Utc::now().naive_utc());
    queries::update(conn, &report.id, report.version, &changes)?;
    let (actor, feed) = (caller.actor(), audit::FeedDetail::version(version));
    let id = report.id.as_str();
    audit::record_with(conn, &actor, event, "report", id, audit_changes, feed)?;
    queries::find(conn, &report.id)?.ok_or(ApiError::NotFound)
}

/// The paths of the agencies that see the report: its task's (see
/// `tasks::access::system_reach`).
pub(crate) fn system_reach(
    conn: &mut AnyConnection,
    id: &ReportId,
) -> Result<Vec<String>, ApiError> {
    let report = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    task_access::system_reach(conn, &report.task_id)
}

/// A page of the reports on a task the caller sees.
pub fn of_task(
    conn: &mut AnyConnection,
    task: &task_access::Visible,
    page: &PageRequest,
) -> Result<Vec<ReportRow>, ApiError> {
    queries::of_task(conn, &task.row().id, page)
}

/// Up to `limit` sent reports on the tasks a delegation's grant reaches, latest first.
pub fn granted_sent(
    conn: &mut AnyConnection,
    grant: &crate::delegations::grant::Grant,
    limit: i64,
) -> Result<Vec<ReportRow>, ApiError> {
    queries::sent_on_granted(conn, grant.subject_path(), grant.bases(), limit)
}

/// A page of the reports sent on a task a delegation's grant reaches (never drafts).
pub fn granted_of_task(
    conn: &mut AnyConnection,
    task: &crate::tasks::access::Granted,
    page: &PageRequest,
) -> Result<Vec<ReportRow>, ApiError> {
    queries::sent_of_task(conn, &task.row().id, page)
}

/// A sent report on a task a delegation's grant reaches: proof for its evidence.
#[derive(Debug)]
pub struct GrantedReport {
    row: ReportRow,
}

impl GrantedReport {
    pub fn row(&self) -> &ReportRow {
        &self.row
    }
}

/// The report `id` if it was sent on the granted task (else 404: drafts stay the subject's).
pub fn granted_load(
    conn: &mut AnyConnection,
    task: &crate::tasks::access::Granted,
    id: &ReportId,
) -> Result<GrantedReport, ApiError> {
    let row = queries::find(conn, id)?
        .filter(|r| r.task_id == task.row().id)
        .filter(|r| r.status != crate::domain::report::ReportStatus::Draft)
        .ok_or(ApiError::NotFound)?;
    Ok(GrantedReport { row })
}

/// The draft reports on `tasks` that a reorganisation moves with them, for a caller who
/// prepares reorganisations (else 403).
pub(crate) fn drafts_to_reorganise(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    tasks: &[TaskId],
) -> Result<Vec<(TaskId, ReportId)>, ApiError> {
    crate::reorganisations::access::check_preparer(caller)?;
    queries::drafts_on(conn, tasks)
}

/// The reports submitted within a dashboard's window and reach.
pub fn submitted_in_period(
    conn: &mut AnyConnection,
    reach: &crate::dashboard::reach::Reach,
    window: &crate::domain::period::Window,
) -> Result<Vec<queries::SubmittedReport>, ApiError> {
    reach.each_root(|root| queries::submitted_in_window(conn, root, window))
}
