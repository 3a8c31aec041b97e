//! The only door to task rows for request handlers and child resources (reports, comments):
//! every load names the caller, a task outside the caller's scope is "not found", and an
//! action the caller may not take on a visible task is "forbidden". Work done for the
//! province rather than for a caller (seeding, the CLI) goes through [`system_load`].

use chrono::NaiveDate;

use super::list_query::{self, TaskFilter};
use super::model::{CommentRow, TaskChanges, TaskRow};
use super::queries;
use super::rules;
use crate::audit;
use crate::auth::{AuthUser, Scope};
use crate::db::AnyConnection;
use crate::domain::ids::TaskId;
use crate::domain::task::TaskAction;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// A task the caller sees, with the path of its lead agency (the access rules need it).
/// Only this module makes one, so holding a `Visible` proves the scope was checked.
#[derive(Debug)]
pub struct Visible {
    row: TaskRow,
    lead_path: String,
}

impl Visible {
    pub fn row(&self) -> &TaskRow {
        &self.row
    }

    pub fn lead_path(&self) -> &str {
        &self.lead_path
    }

    pub fn into_row(self) -> TaskRow {
        self.row
    }
}

fn visible_in(conn: &mut AnyConnection, scope: &Scope, id: &TaskId) -> Result<Visible, ApiError> {
    let (row, lead_path) = queries::find_visible(conn, id, scope)?.ok_or(ApiError::NotFound)?;
    Ok(Visible { row, lead_path })
}

/// The task if the caller sees it (its subtree leads or coordinates it), else 404.
pub fn load(conn: &mut AnyConnection, caller: &AuthUser, id: &TaskId) -> Result<Visible, ApiError> {
    visible_in(conn, &caller.scope, id)
}

/// The task if the caller sees it (else 404) and may take `action` on it (else 403).
pub fn for_action(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &TaskId,
    action: TaskAction,
) -> Result<Visible, ApiError> {
    let task = load(conn, caller, id)?;
    let assigned_by = task.row.assigned_by.as_deref();
    if !rules::may_act(caller, action, assigned_by, &task.lead_path) {
        return Err(ApiError::Forbidden);
    }
    Ok(task)
}

/// The task if the caller sees it (else 404) and oversees it, i.e. may change its terms
/// (else 403).
pub fn for_oversight(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &TaskId,
) -> Result<Visible, ApiError> {
    let task = load(conn, caller, id)?;
    if !rules::oversees(caller, task.row.assigned_by.as_deref(), &task.lead_path) {
        return Err(ApiError::Forbidden);
    }
    Ok(task)
}

/// A page of the tasks the caller sees; a cursor outside the caller's scope is refused like
/// an unknown one.
pub fn list(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    filter: TaskFilter,
    page: &PageRequest,
    today: NaiveDate,
) -> Result<Vec<TaskRow>, ApiError> {
    list_query::list(conn, &caller.scope, filter, page, today)
}

/// The one write path of a task: applies `changes` only to the version `task` was read at
/// (another writer in between is a lost race, see `db::retry_lost_races`), bumps `version`
/// and `updated_at`, records `event` in the audit trail and returns the row as stored.
pub fn save(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    task: Visible,
    mut changes: TaskChanges,
    event: &str,
    audit_changes: serde_json::Value,
) -> Result<TaskRow, ApiError> {
    let id = task.row.id;
    changes.version = Some(task.row.version + 1);
    changes.updated_at = Some(chrono::Utc::now().naive_utc());
    queries::update(conn, &id, task.row.version, &changes)?;
    audit::record(
        conn,
        &caller.actor(),
        event,
        "task",
        id.as_str(),
        audit_changes,
    )?;
    Ok(system_load(conn, &id)?.into_row())
}

/// A task read for the province, not for a caller: after the caller's own write, or in
/// system work (seeding, the CLI). Grep for it: nothing a request names goes through here.
pub fn system_load(conn: &mut AnyConnection, id: &TaskId) -> Result<Visible, ApiError> {
    visible_in(conn, &Scope::Province, id)
}

/// A page of the discussion of a task the caller sees.
pub fn comments_of(
    conn: &mut AnyConnection,
    task: &Visible,
    page: &PageRequest,
) -> Result<Vec<CommentRow>, ApiError> {
    queries::comments(conn, &task.row.id, page)
}
