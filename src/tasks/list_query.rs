//! The task list query. Filters, cursor and order are SQL on both backends. For an agency
//! caller the scope is not `IN (subquery) OR IN (subquery)` over the whole table: each agency
//! of the caller's subtree gets one ordered, limited walk of the `(lead_agency_id, sort key)`
//! index, the tasks the subtree coordinates one more, and the pages are merged here, so a
//! page costs a few short index walks whatever the province's size.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::dto::TaskSort;
use super::model::TaskRow;
use super::queries::{find_with_holders, held_within, select, TaskQuery};
use crate::agencies::queries::path_within;
use crate::auth::Scope;
use crate::db::schema::{agencies, task_coordinators, tasks};
use crate::db::AnyConnection;
use crate::domain::agency_tree::is_within;
use crate::domain::ids::{AgencyId, TaskId};
use crate::domain::search_key::like_pattern;
use crate::domain::task::{DeadlineStatus, TaskStatus};
use crate::error::ApiError;
use crate::http::pagination::PageRequest;
use crate::reorganisations::access as reorganisation_access;

/// Past this many agencies in a subtree, one query with an id list beats one walk each.
const MAX_WALKS: usize = 32;
/// Past this many coordinated tasks, they are matched by a subquery instead of by key.
const MAX_COORDINATED: i64 = 500;

/// List filters, already parsed.
#[derive(Debug, Default, Clone)]
pub struct TaskFilter {
    pub directive_id: Option<String>,
    pub lead_agency_id: Option<AgencyId>,
    pub coordinating_agency_id: Option<AgencyId>,
    pub status: Option<TaskStatus>,
    pub deadline_status: Option<DeadlineStatus>,
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    pub updated_since: Option<NaiveDateTime>,
    pub q: Option<String>,
    pub sort: TaskSort,
    /// Also the tasks held by the agencies the scope's agencies succeeded.
    pub include_predecessors: bool,
}

/// Where the previous page ended: the cursor task's id and sort keys.
#[derive(Debug, Clone)]
struct Position {
    id: TaskId,
    due_on: NaiveDate,
    updated_at: NaiveDateTime,
}

/// Deadline status as SQL, with `today` in Vietnam's calendar (see `domain::task`).
fn with_deadline_status(
    query: TaskQuery<'_>,
    status: DeadlineStatus,
    today: NaiveDate,
) -> TaskQuery<'_> {
    let open = tasks::completed_on
        .is_null()
        .and(tasks::status.ne(TaskStatus::Cancelled.as_str()));
    match status {
        DeadlineStatus::DoneOnTime => {
            query.filter(tasks::completed_on.le(tasks::due_on.nullable()))
        }
        DeadlineStatus::DoneLate => query.filter(tasks::completed_on.gt(tasks::due_on.nullable())),
        DeadlineStatus::Overdue => query.filter(open.and(tasks::due_on.lt(today))),
        DeadlineStatus::OnTrack => query.filter(open.and(tasks::due_on.ge(today))),
    }
}

fn after<'a>(query: TaskQuery<'a>, sort: TaskSort, at: &Position) -> TaskQuery<'a> {
    let id = at.id.clone();
    match sort {
        TaskSort::Created => query.filter(tasks::id.gt(id)),
        TaskSort::DueOn => query.filter(
            tasks::due_on
                .gt(at.due_on)
                .or(tasks::due_on.eq(at.due_on).and(tasks::id.gt(id))),
        ),
        TaskSort::UpdatedAt => query.filter(
            tasks::updated_at
                .gt(at.updated_at)
                .or(tasks::updated_at.eq(at.updated_at).and(tasks::id.gt(id))),
        ),
    }
}

/// The filtered, ordered and limited query, without the scope.
fn filtered<'a>(
    filter: &TaskFilter,
    at: Option<&Position>,
    page: &PageRequest,
    today: NaiveDate,
) -> TaskQuery<'a> {
    let mut query = select();
    if let Some(directive) = filter.directive_id.clone() {
        query = query.filter(tasks::directive_id.eq(directive));
    }
    if let Some(lead) = filter.lead_agency_id.clone() {
        query = query.filter(tasks::lead_agency_id.eq(lead));
    }
    if let Some(agency) = filter.coordinating_agency_id.clone() {
        let coordinated = task_coordinators::table
            .filter(task_coordinators::agency_id.eq(agency))
            .select(task_coordinators::task_id);
        query = query.filter(tasks::id.eq_any(coordinated));
    }
    if let Some(status) = filter.status {
        query = query.filter(tasks::status.eq(status.as_str()));
    }
    if let Some(status) = filter.deadline_status {
        query = with_deadline_status(query, status, today);
    }
    if let Some(from) = filter.due_from {
        query = query.filter(tasks::due_on.ge(from));
    }
    if let Some(to) = filter.due_to {
        query = query.filter(tasks::due_on.le(to));
    }
    if let Some(since) = filter.updated_since {
        query = query.filter(tasks::updated_at.ge(since));
    }
    if let Some(q) = &filter.q {
        query = query.filter(tasks::search_key.like(like_pattern(q)).escape('\\'));
    }
    if let Some(at) = at {
        query = after(query, filter.sort, at);
    }
    query = match filter.sort {
        TaskSort::Created => query.order(tasks::id.asc()),
        TaskSort::DueOn => query.order((tasks::due_on.asc(), tasks::id.asc())),
        TaskSort::UpdatedAt => query.order((tasks::updated_at.asc(), tasks::id.asc())),
    };
    query.limit(page.fetch())
}

/// The cursor task, resolved inside the list's scope: a task outside it is the same 422 as
/// an unknown id, so a cursor cannot probe another agency's tasks or their dates.
fn position(
    conn: &mut AnyConnection,
    sees: impl Fn(&str) -> bool,
    cursor: &str,
) -> Result<Position, ApiError> {
    let (task, _, _) = find_with_holders(conn, &TaskId::from_stored(cursor.to_owned()))?
        .filter(|found| held_within(found, &sees))
        .ok_or_else(|| ApiError::field("cursor", "names no task in this list"))?;
    Ok(Position {
        id: task.id,
        due_on: task.due_on,
        updated_at: task.updated_at,
    })
}

fn sort_key(row: &TaskRow, sort: TaskSort) -> (Option<NaiveDateTime>, Option<NaiveDate>, &str) {
    match sort {
        TaskSort::Created => (None, None, row.id.as_str()),
        TaskSort::DueOn => (None, Some(row.due_on), row.id.as_str()),
        TaskSort::UpdatedAt => (Some(row.updated_at), None, row.id.as_str()),
    }
}

/// A page of the tasks `scope` sees, in the filter's order.
pub(super) fn list(
    conn: &mut AnyConnection,
    scope: &Scope,
    filter: TaskFilter,
    page: &PageRequest,
    today: NaiveDate,
) -> Result<Vec<TaskRow>, ApiError> {
    let inherited = match filter.include_predecessors {
        true => reorganisation_access::inherited_roots(conn, scope)?,
        false => Vec::new(),
    };
    let sees = |path: &str| scope.contains(path) || inherited.iter().any(|r| is_within(path, r));
    let at = match &page.after {
        Some(cursor) => Some(position(conn, sees, cursor)?),
        None => None,
    };
    let query = || filtered(&filter, at.as_ref(), page, today);
    let Some(root) = scope.subtree() else {
        return Ok(query().load(conn)?);
    };
    let mut leads: Vec<String> = Vec::new();
    for root in std::iter::once(root).chain(inherited.iter().map(String::as_str)) {
        leads.extend(crate::native!(conn, |c| agencies::table
            .filter(path_within(root))
            .select(agencies::id)
            .load::<String>(c))?);
    }
    let coordinated = task_coordinators::table
        .filter(task_coordinators::agency_id.eq_any(leads.clone()))
        .select(task_coordinators::task_id);
    if leads.len() > MAX_WALKS {
        let visible = tasks::lead_agency_id
            .eq_any(leads)
            .or(tasks::id.eq_any(coordinated));
        return Ok(query().filter(visible).load(conn)?);
    }
    let all_leads = leads.clone();
    if let Some(lead) = &filter.lead_agency_id {
        leads.retain(|id| id == lead.as_str());
    }
    // Coordinated tasks are few: fetched by key, not by walking the table to find them.
    let coordinated: Vec<String> = coordinated.limit(MAX_COORDINATED + 1).load(conn)?;
    let mut rows: Vec<TaskRow> = match coordinated.len() {
        0 => Vec::new(),
        n if n as i64 > MAX_COORDINATED => {
            let by_subtree = task_coordinators::table
                .filter(task_coordinators::agency_id.eq_any(all_leads))
                .select(task_coordinators::task_id);
            query().filter(tasks::id.eq_any(by_subtree)).load(conn)?
        }
        _ => query().filter(tasks::id.eq_any(coordinated)).load(conn)?,
    };
    for lead in leads {
        rows.extend(query().filter(tasks::lead_agency_id.eq(lead)).load(conn)?);
    }
    rows.sort_by(|a, b| sort_key(a, filter.sort).cmp(&sort_key(b, filter.sort)));
    rows.dedup_by(|a, b| a.id == b.id);
    rows.truncate(page.fetch() as usize);
    Ok(rows)
}
