//! Task queries. An agency user sees the tasks its subtree leads or coordinates; the filter is
//! applied in SQL on both backends.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::dto::TaskSort;
use super::model::{CommentRow, NewTaskRow, TaskChanges, TaskRow};
use crate::auth::Scope;
use crate::db::schema::{agencies, task_comments, task_coordinators, tasks};
use crate::db::{AnyConnection, MultiBackend};
use crate::domain::search_key::like_pattern;
use crate::domain::task::{DeadlineStatus, TaskStatus};
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

type TaskQuery<'a> = tasks::BoxedQuery<
    'a,
    MultiBackend,
    diesel::dsl::SqlTypeOf<diesel::dsl::AsSelect<TaskRow, MultiBackend>>,
>;

/// Keeps only tasks whose lead or coordinating agency lies in `scope`.
fn visible<'a>(query: TaskQuery<'a>, scope: &Scope) -> TaskQuery<'a> {
    let Some(pattern) = scope.path_pattern() else {
        return query;
    };
    let leads = agencies::table
        .filter(agencies::path.like(pattern.clone()))
        .select(agencies::id);
    let coordinated = task_coordinators::table
        .inner_join(agencies::table)
        .filter(agencies::path.like(pattern))
        .select(task_coordinators::task_id);
    query.filter(
        tasks::lead_agency_id
            .eq_any(leads)
            .or(tasks::id.eq_any(coordinated)),
    )
}

fn select<'a>() -> TaskQuery<'a> {
    tasks::table.select(TaskRow::as_select()).into_boxed()
}

/// The task with `id` and its lead agency's path, if `scope` sees it.
pub(super) fn find_visible(
    conn: &mut AnyConnection,
    id: &str,
    scope: &Scope,
) -> Result<Option<(TaskRow, String)>, ApiError> {
    let Some(row) = visible(select().filter(tasks::id.eq(id.to_owned())), scope)
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let path = crate::agencies::queries::path_of(conn, &row.lead_agency_id)?;
    Ok(Some((row, path)))
}

/// List filters, already parsed.
#[derive(Debug, Default, Clone)]
pub struct TaskFilter {
    pub directive_id: Option<String>,
    pub lead_agency_id: Option<String>,
    pub coordinating_agency_id: Option<String>,
    pub status: Option<TaskStatus>,
    pub deadline_status: Option<DeadlineStatus>,
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    pub updated_since: Option<NaiveDateTime>,
    pub q: Option<String>,
    pub sort: TaskSort,
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

/// Rows after the cursor task in the chosen order. The cursor is resolved inside the caller's
/// scope: a task outside it is the same 422 as an unknown id, so a cursor cannot probe
/// another agency's tasks or their dates.
fn after_cursor<'a>(
    conn: &mut AnyConnection,
    query: TaskQuery<'a>,
    scope: &Scope,
    sort: TaskSort,
    cursor: &str,
) -> Result<TaskQuery<'a>, ApiError> {
    let id = cursor.to_owned();
    let position = visible(select().filter(tasks::id.eq(id.clone())), scope)
        .first::<TaskRow>(conn)
        .optional()?
        .map(|t| (t.due_on, t.updated_at));
    let (due_on, updated_at) =
        position.ok_or_else(|| ApiError::field("cursor", "names no task in this list"))?;
    Ok(match sort {
        TaskSort::Created => query.filter(tasks::id.gt(id)),
        TaskSort::DueOn => query.filter(
            tasks::due_on
                .gt(due_on)
                .or(tasks::due_on.eq(due_on).and(tasks::id.gt(id))),
        ),
        TaskSort::UpdatedAt => query.filter(
            tasks::updated_at
                .gt(updated_at)
                .or(tasks::updated_at.eq(updated_at).and(tasks::id.gt(id))),
        ),
    })
}

pub(super) fn list(
    conn: &mut AnyConnection,
    scope: &Scope,
    filter: TaskFilter,
    page: &PageRequest,
    today: NaiveDate,
) -> Result<Vec<TaskRow>, ApiError> {
    let mut query = visible(select(), scope);
    if let Some(directive) = filter.directive_id {
        query = query.filter(tasks::directive_id.eq(directive));
    }
    if let Some(lead) = filter.lead_agency_id {
        query = query.filter(tasks::lead_agency_id.eq(lead));
    }
    if let Some(agency) = filter.coordinating_agency_id {
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
    if let Some(q) = filter.q {
        query = query.filter(tasks::search_key.like(like_pattern(&q)).escape('\\'));
    }
    if let Some(cursor) = &page.after {
        query = after_cursor(conn, query, scope, filter.sort, cursor)?;
    }
    query = match filter.sort {
        TaskSort::Created => query.order(tasks::id.asc()),
        TaskSort::DueOn => query.order((tasks::due_on.asc(), tasks::id.asc())),
        TaskSort::UpdatedAt => query.order((tasks::updated_at.asc(), tasks::id.asc())),
    };
    Ok(query.limit(page.fetch()).load(conn)?)
}

/// The coordinating agencies of each task in `ids`.
pub fn coordinators_of(
    conn: &mut AnyConnection,
    ids: &[String],
) -> Result<HashMap<String, Vec<String>>, ApiError> {
    let pairs: Vec<(String, String)> = task_coordinators::table
        .filter(task_coordinators::task_id.eq_any(ids))
        .select((task_coordinators::task_id, task_coordinators::agency_id))
        .order(task_coordinators::agency_id)
        .load(conn)?;
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for (task, agency) in pairs {
        map.entry(task).or_default().push(agency);
    }
    Ok(map)
}

pub fn replace_coordinators(
    conn: &mut AnyConnection,
    task_id: &str,
    agency_ids: &[String],
) -> Result<(), ApiError> {
    diesel::delete(task_coordinators::table.filter(task_coordinators::task_id.eq(task_id)))
        .execute(conn)?;
    for agency in agency_ids {
        diesel::insert_into(task_coordinators::table)
            .values((
                task_coordinators::task_id.eq(task_id),
                task_coordinators::agency_id.eq(agency),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn insert(conn: &mut AnyConnection, row: &NewTaskRow) -> Result<(), ApiError> {
    diesel::insert_into(tasks::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Applies `changes` if the row still has the version it was read at (see
/// `db::expect_updated`).
pub fn update(
    conn: &mut AnyConnection,
    id: &str,
    read_version: i32,
    changes: &TaskChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        tasks::table
            .filter(tasks::id.eq(id))
            .filter(tasks::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    crate::db::expect_updated(rows, "task")
}

pub fn insert_comment(conn: &mut AnyConnection, row: &CommentRow) -> Result<(), ApiError> {
    diesel::insert_into(task_comments::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn comments(
    conn: &mut AnyConnection,
    task_id: &str,
    page: &PageRequest,
) -> Result<Vec<CommentRow>, ApiError> {
    let mut query = task_comments::table
        .filter(task_comments::task_id.eq(task_id.to_owned()))
        .select(CommentRow::as_select())
        .into_boxed();
    if let Some(after) = &page.after {
        query = query.filter(task_comments::id.gt(after.clone()));
    }
    Ok(query
        .order(task_comments::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}
