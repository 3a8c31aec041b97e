//! The only door to task rows for request handlers and child resources (reports, comments):
//! every load names the caller, a task outside the caller's scope is "not found", and an
//! action the caller may not take on a visible task is "forbidden". Work done for the
//! province rather than for a caller (seeding, the CLI) goes through [`system_load`].

use chrono::NaiveDate;

use super::counts;
use super::list_query::{self, TaskFilter};
use super::model::{CommentRow, TaskChanges, TaskRow};
use super::queries;
use crate::agencies::access as agency_access;
use crate::audit::{self, AuditActor};
use crate::auth::{AuthUser, Scope};
use crate::dashboard::reach::Reach;
use crate::db::AnyConnection;
use crate::delegations::grant::Grant;
use crate::domain::agency_tree::is_within;
use crate::domain::ids::{AgencyId, TaskId, UserId};
use crate::domain::period::Window;
use crate::domain::permissions::{tasks as rules, Actor};
use crate::domain::task::{DeadlineStatus, TaskAction};
use crate::error::ApiError;
use crate::http::pagination::PageRequest;
use crate::reorganisations::access as reorganisation_access;

/// A task the caller sees, with the path of its lead agency (the access rules need it) and
/// its coordinating agencies as read with it. Only this module makes one, so holding a
/// `Visible` proves the scope was checked.
#[derive(Debug)]
pub struct Visible {
    row: TaskRow,
    lead_path: String,
    /// The coordinating agencies with their paths.
    coordinators: Vec<(AgencyId, String)>,
    /// Seen only because the caller's agency succeeded the one that held it: read, never
    /// written (the write rules check the caller's own subtree; comments check this).
    inherited: bool,
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

    /// The row and its coordinating agencies, read in the same statement.
    pub fn into_parts(self) -> (TaskRow, Vec<AgencyId>) {
        let coordinators = self.coordinators.into_iter().map(|(id, _)| id).collect();
        (self.row, coordinators)
    }

    /// The paths of the agencies that hold the task (its lead's and its coordinators'), as
    /// read with it: what the change feed needs of a change to the task or its reports.
    pub fn reach(&self) -> Vec<String> {
        let coordinators = self.coordinators.iter().map(|(_, path)| path.clone());
        std::iter::once(self.lead_path.clone())
            .chain(coordinators)
            .collect()
    }
}

fn visible_in(conn: &mut AnyConnection, scope: &Scope, id: &TaskId) -> Result<Visible, ApiError> {
    let found = queries::find_with_holders(conn, id)?.ok_or(ApiError::NotFound)?;
    let inherited = if queries::held_within(&found, |path| scope.contains(path)) {
        false
    } else {
        // Read only when the scope does not hold the task, so a plain read costs nothing more.
        let roots = reorganisation_access::inherited_roots(conn, scope)?;
        let within = |path: &str| roots.iter().any(|root| is_within(path, root));
        if !queries::held_within(&found, within) {
            return Err(ApiError::NotFound);
        }
        true
    };
    let (row, lead_path, coordinators) = found;
    Ok(Visible {
        row,
        lead_path,
        coordinators,
        inherited,
    })
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
    let assigned_by = task.row.assigned_by.as_ref().map(UserId::as_str);
    ApiError::forbidden_unless(rules::may_act(caller, action, assigned_by, &task.lead_path))?;
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
    let assigned_by = task.row.assigned_by.as_ref().map(UserId::as_str);
    ApiError::forbidden_unless(rules::oversees(caller, assigned_by, &task.lead_path))?;
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
    let version = task.row.version + 1;
    changes.version = Some(version);
    changes.updated_at = Some(chrono::Utc::now().naive_utc());
    queries::update(conn, &id, task.row.version, &changes)?;
    let feed = audit::FeedDetail::version(version);
    let actor = caller.actor();
    audit::record_with(
        conn,
        &actor,
        event,
        "task",
        id.as_str(),
        audit_changes,
        feed,
    )?;
    Ok(system_load(conn, &id)?.into_row())
}

/// A task read for the province, not for a caller: after the caller's own write, or in
/// system work (seeding, the CLI). Grep for it: nothing a request names goes through here.
pub fn system_load(conn: &mut AnyConnection, id: &TaskId) -> Result<Visible, ApiError> {
    visible_in(conn, &Scope::Province, id)
}

/// The paths of the agencies that see the task by holding it (its lead and coordinators),
/// for the change feed; read for the province, after the write.
pub(crate) fn system_reach(conn: &mut AnyConnection, id: &TaskId) -> Result<Vec<String>, ApiError> {
    queries::reach(conn, id)
}

/// A page of the discussion of a task the caller sees.
pub fn comments_of(
    conn: &mut AnyConnection,
    task: &Visible,
    page: &PageRequest,
) -> Result<Vec<CommentRow>, ApiError> {
    queries::comments(conn, &task.row.id, page)
}

/// The task if the caller sees it (else 404), for a caller whose role writes in task
/// discussions (else 403, judged first: those roles see the whole province anyway) and whose
/// agency holds the task rather than inheriting it from a predecessor (else 403).
pub fn for_comment(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &TaskId,
) -> Result<Visible, ApiError> {
    ApiError::forbidden_unless(rules::may_comment(caller))?;
    let task = load(conn, caller, id)?;
    ApiError::forbidden_unless(!task.inherited)?;
    Ok(task)
}

/// Writes `body` in the discussion of a task the caller has loaded here (for a comment) or
/// has just moved (the transition's comment, audited with the transition).
pub fn add_comment(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    task: &TaskRow,
    body: String,
    transition: Option<TaskAction>,
) -> Result<CommentRow, ApiError> {
    let row = CommentRow {
        id: crate::domain::ids::CommentId::generate(),
        task_id: task.id.clone(),
        author_id: caller.id.clone(),
        body,
        transition: transition.map(|t| t.as_str().to_owned()),
        created_at: chrono::Utc::now().naive_utc(),
    };
    queries::insert_comment(conn, &row)?;
    if transition.is_none() {
        let event = serde_json::json!({"comment_id": row.id});
        let task_id = row.task_id.as_str();
        audit::record(
            conn,
            &caller.actor(),
            "task.comment",
            "task",
            task_id,
            event,
        )?;
    }
    Ok(row)
}

/// 403 unless the caller's role assigns tasks at all.
pub fn check_assigner(caller: &AuthUser) -> Result<(), ApiError> {
    ApiError::forbidden_unless(rules::assigns(caller))
}

/// The path of an agency the caller may give work to, or a 422 naming `field`. The agency is
/// looked up inside the caller's scope, and an unknown id and one outside the caller's reach
/// get the same message, so the answer does not tell whether another agency exists.
pub fn assignable_agency(
    conn: &mut AnyConnection,
    actor: &impl Actor,
    field: &str,
    id: &AgencyId,
) -> Result<String, ApiError> {
    const REFUSED: &str = "names no agency you may assign tasks to";
    let path = agency_access::named(conn, actor.scope(), id.as_str(), field, REFUSED)?.path;
    if rules::may_assign(actor, &path) {
        Ok(path)
    } else {
        Err(ApiError::field(field, REFUSED))
    }
}

/// Checks the coordinating agencies: known, assignable, and not the lead agency itself.
pub fn check_coordinators(
    conn: &mut AnyConnection,
    actor: &impl Actor,
    lead: &AgencyId,
    ids: &[AgencyId],
) -> Result<(), ApiError> {
    const FIELD: &str = "coordinating_agency_ids";
    if ids.contains(lead) {
        return Err(ApiError::field(FIELD, "must not include the lead agency"));
    }
    for id in ids {
        assignable_agency(conn, actor, FIELD, id)?;
    }
    Ok(())
}

/// Stores a new task with its coordinating agencies and its audit event; the agencies were
/// checked with [`assignable_agency`] and [`check_coordinators`].
pub fn insert(
    conn: &mut AnyConnection,
    actor: &AuditActor,
    row: &TaskRow,
    coordinators: &[AgencyId],
) -> Result<(), ApiError> {
    queries::insert(conn, row)?;
    queries::replace_coordinators(conn, &row.id, coordinators)?;
    let changes = serde_json::json!({
        "directive_id": row.directive_id, "title": row.title, "lead_agency_id": row.lead_agency_id,
        "coordinating_agency_ids": coordinators, "start_on": row.start_on, "due_on": row.due_on,
        "priority": row.priority, "target_value": row.target_value, "target_unit": row.target_unit,
        "recurrence": row.recurrence, "previous_occurrence_id": row.previous_occurrence_id,
    });
    let feed = audit::FeedDetail::version(row.version);
    audit::record_with(
        conn,
        actor,
        "task.create",
        "task",
        row.id.as_str(),
        changes,
        feed,
    )
}

/// Replaces the coordinating agencies of a task the caller oversees (checked with
/// [`check_coordinators`]); saved with the task's next version.
pub fn replace_coordinators(
    conn: &mut AnyConnection,
    task: &Visible,
    ids: &[AgencyId],
) -> Result<(), ApiError> {
    queries::replace_coordinators(conn, &task.row.id, ids)
}

/// The coordinating agencies of a task the caller sees.
pub fn coordinators(conn: &mut AnyConnection, task: &TaskRow) -> Result<Vec<AgencyId>, ApiError> {
    queries::coordinators_of_task(conn, &task.id)
}

/// A period's tasks within a dashboard's reach, counted by lead agency, directive and
/// deadline status as of the window's day, with their targets by unit.
pub fn period_counts(
    conn: &mut AnyConnection,
    reach: &Reach,
    window: &Window,
) -> Result<counts::PeriodCounts, ApiError> {
    let mut all = counts::PeriodCounts::default();
    for part in reach.each_root(|root| Ok(vec![counts::in_period(conn, root, window)?]))? {
        all.statuses.extend(part.statuses);
        all.targets.extend(part.targets);
    }
    Ok(all)
}

/// What a period's tasks with a target reached within a dashboard's reach, by the highest
/// value of their accepted reports: (task, unit, value).
pub fn period_reached(
    conn: &mut AnyConnection,
    reach: &Reach,
    window: &Window,
) -> Result<Vec<(TaskId, Option<String>, f64)>, ApiError> {
    reach.each_root(|root| counts::reached(conn, root, window))
}

/// How many tasks a delegation's grant reaches are in `status` on `today`.
pub fn granted_count(
    conn: &mut AnyConnection,
    grant: &Grant,
    status: DeadlineStatus,
    today: NaiveDate,
) -> Result<i64, ApiError> {
    queries::count_granted(conn, grant.subject_path(), grant.bases(), status, today)
}

/// Up to `limit` tasks a delegation's grant reaches that are not completed, earliest due first.
pub fn granted_open(
    conn: &mut AnyConnection,
    grant: &Grant,
    limit: i64,
) -> Result<Vec<TaskRow>, ApiError> {
    queries::open_granted(conn, grant.subject_path(), grant.bases(), limit)
}

/// A task a delegation's grant reaches, read by its side: proof for the task's sent reports.
#[derive(Debug)]
pub struct Granted {
    row: TaskRow,
}

impl Granted {
    pub fn row(&self) -> &TaskRow {
        &self.row
    }
}

/// The task `id` if the grant reaches it (under the delegation's bases, or following up one of
/// its recommendations, in the subject's subtree), else 404; with its coordinating agencies.
pub fn granted_load(
    conn: &mut AnyConnection,
    grant: &Grant,
    id: &TaskId,
) -> Result<(Granted, Vec<AgencyId>), ApiError> {
    let row = queries::find_granted(
        conn,
        grant.subject_path(),
        grant.bases(),
        grant.delegation(),
        id,
    )?
    .ok_or(ApiError::NotFound)?;
    let coordinators = queries::coordinators_of_task(conn, &row.id)?;
    Ok((Granted { row }, coordinators))
}

pub(crate) use super::queries::{Function, OpenWork};

/// The open work of `agencies` (tasks they lead or coordinate), or the part of it that is
/// `function`, for a caller who prepares reorganisations (else 403): the province roles, who
/// see every task anyway.
pub(crate) fn open_work_to_reorganise(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    agencies: &[AgencyId],
    function: &queries::Function,
) -> Result<Vec<OpenWork>, ApiError> {
    crate::reorganisations::access::check_preparer(caller)?;
    queries::open_work_of(conn, agencies, function)
}

/// Whether one of `agencies` leads or coordinates the task.
pub(crate) fn held_by(task: &Visible, agencies: &[AgencyId]) -> bool {
    agencies.contains(&task.row.lead_agency_id)
        || task.coordinators.iter().any(|(c, _)| agencies.contains(c))
}

/// Gives the work `from` holds in the task to `to` (as lead, or as coordinator unless `to`
/// already holds the task), through the task's one write path, naming the decision.
pub(crate) fn carry_to_successor(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &TaskId,
    (from, to): (&AgencyId, &AgencyId),
    decision: &str,
) -> Result<TaskRow, ApiError> {
    let task = system_load(conn, id)?;
    let lead = task.row.lead_agency_id.clone();
    let mut coordinators: Vec<AgencyId> =
        task.coordinators.iter().map(|(c, _)| c.clone()).collect();
    let new_lead = if &lead == from { to.clone() } else { lead };
    for c in coordinators.iter_mut() {
        if c == from {
            *c = to.clone();
        }
    }
    coordinators.retain(|c| c != &new_lead);
    coordinators.sort();
    coordinators.dedup();
    queries::replace_coordinators(conn, id, &coordinators)?;
    let changes = TaskChanges {
        lead_agency_id: Some(new_lead.clone()),
        ..Default::default()
    };
    let audit = serde_json::json!({
        "decision": decision, "lead_agency_id": new_lead, "coordinating_agency_ids": coordinators,
    });
    save(conn, caller, task, changes, "task.reorganise", audit)
}
