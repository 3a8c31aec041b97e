//! Task queries. An agency user sees the tasks its subtree leads or coordinates; the scope is
//! applied in SQL on both backends (the list query lives in `list_query`).

use std::collections::HashMap;

use diesel::prelude::*;

use super::model::{CommentRow, TaskChanges, TaskRow};
use crate::db::schema::{agencies, task_comments, task_coordinators, tasks};
use crate::db::{AnyConnection, MultiBackend};
use crate::domain::ids::{AgencyId, DirectiveId, TaskId};
use crate::domain::task::DeadlineStatus;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;
use chrono::NaiveDate;

pub(super) type TaskQuery<'a> = tasks::BoxedQuery<
    'a,
    MultiBackend,
    diesel::dsl::SqlTypeOf<diesel::dsl::AsSelect<TaskRow, MultiBackend>>,
>;

pub(super) fn select<'a>() -> TaskQuery<'a> {
    tasks::table.select(TaskRow::as_select()).into_boxed()
}

diesel::alias!(agencies as coordinating_agencies: CoordinatingAgencies);

/// A task as loaded for a caller: its row, its lead agency's path and its coordinating
/// agencies (in id order).
pub(super) type Found = (TaskRow, String, Vec<(AgencyId, String)>);

/// The task with `id`, its lead agency's path and its coordinators, whoever holds it: the
/// access module decides who sees it (`held_within`). One statement (a row per coordinator),
/// so a read of a task costs one round trip.
pub(super) fn find_with_holders(
    conn: &mut AnyConnection,
    id: &TaskId,
) -> Result<Option<Found>, ApiError> {
    let coordinator_path = coordinating_agencies.field(agencies::path);
    let rows: Vec<(TaskRow, String, Option<AgencyId>, Option<String>)> =
        crate::native!(conn, |c| tasks::table
            .inner_join(agencies::table)
            .left_join(task_coordinators::table.on(task_coordinators::task_id.eq(tasks::id)))
            .left_join(
                coordinating_agencies.on(coordinating_agencies
                    .field(agencies::id)
                    .eq(task_coordinators::agency_id)),
            )
            .filter(tasks::id.eq(id))
            .select((
                TaskRow::as_select(),
                agencies::path,
                task_coordinators::agency_id.nullable(),
                coordinator_path.nullable(),
            ))
            .order(task_coordinators::agency_id)
            .load(c))?;
    let mut rows = rows.into_iter();
    let Some((row, lead_path, first, first_path)) = rows.next() else {
        return Ok(None);
    };
    let coordinators = std::iter::once((first, first_path))
        .chain(rows.map(|r| (r.2, r.3)))
        .filter_map(|(agency, path)| Some((agency?, path?)))
        .collect();
    Ok(Some((row, lead_path, coordinators)))
}

/// Whether an agency at a path for which `within` is true holds the task: leads or
/// coordinates it.
pub(super) fn held_within(found: &Found, within: impl Fn(&str) -> bool) -> bool {
    within(&found.1) || found.2.iter().any(|(_, path)| within(path))
}

/// The paths of the agencies that see task `id` by holding it: its lead's and its
/// coordinators'.
pub(crate) fn reach(conn: &mut AnyConnection, id: &TaskId) -> Result<Vec<String>, ApiError> {
    let mut paths: Vec<String> = tasks::table
        .inner_join(agencies::table)
        .filter(tasks::id.eq(id))
        .select(agencies::path)
        .load(conn)?;
    let coordinators: Vec<String> = task_coordinators::table
        .inner_join(agencies::table.on(agencies::id.eq(task_coordinators::agency_id)))
        .filter(task_coordinators::task_id.eq(id))
        .select(agencies::path)
        .load(conn)?;
    paths.extend(coordinators);
    Ok(paths)
}

/// The coordinating agencies of one task: a fixed statement, so it stays prepared (an
/// `IN (?, ?, ...)` list is prepared anew on SQLite each time).
pub fn coordinators_of_task(
    conn: &mut AnyConnection,
    id: &TaskId,
) -> Result<Vec<AgencyId>, ApiError> {
    Ok(task_coordinators::table
        .filter(task_coordinators::task_id.eq(id))
        .select(task_coordinators::agency_id)
        .order(task_coordinators::agency_id)
        .load(conn)?)
}

/// The coordinating agencies of each task in `ids`.
pub fn coordinators_of(
    conn: &mut AnyConnection,
    ids: &[TaskId],
) -> Result<HashMap<TaskId, Vec<AgencyId>>, ApiError> {
    let pairs: Vec<(TaskId, AgencyId)> = crate::native!(conn, |c| task_coordinators::table
        .filter(task_coordinators::task_id.eq_any(ids))
        .select((task_coordinators::task_id, task_coordinators::agency_id))
        .order(task_coordinators::agency_id)
        .load(c))?;
    let mut map: HashMap<TaskId, Vec<AgencyId>> = HashMap::new();
    for (task, agency) in pairs {
        map.entry(task).or_default().push(agency);
    }
    Ok(map)
}

pub fn replace_coordinators(
    conn: &mut AnyConnection,
    task_id: &TaskId,
    agency_ids: &[AgencyId],
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

pub fn insert(conn: &mut AnyConnection, row: &TaskRow) -> Result<(), ApiError> {
    diesel::insert_into(tasks::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Applies `changes` if the row still has the version it was read at (see
/// `db::expect_updated`).
pub fn update(
    conn: &mut AnyConnection,
    id: &TaskId,
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

pub(super) fn comments(
    conn: &mut AnyConnection,
    task_id: &TaskId,
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

/// The tasks the subtree at `root` leads under `bases`, cancelled ones left out.
macro_rules! granted_tasks {
    ($root:expr, $bases:expr) => {
        tasks::table
            .inner_join(agencies::table)
            .filter(crate::agencies::queries::path_within($root))
            .filter(tasks::directive_id.eq_any($bases))
            .filter(tasks::status.ne(crate::domain::task::TaskStatus::Cancelled.as_str()))
    };
}

/// How many of those tasks are in `status` on `today`.
pub(super) fn count_granted(
    conn: &mut AnyConnection,
    root: &str,
    bases: &[DirectiveId],
    status: DeadlineStatus,
    today: NaiveDate,
) -> Result<i64, ApiError> {
    let query = granted_tasks!(root, bases).count().into_boxed();
    let query = match status {
        DeadlineStatus::DoneOnTime => {
            query.filter(tasks::completed_on.le(tasks::due_on.nullable()))
        }
        DeadlineStatus::DoneLate => query.filter(tasks::completed_on.gt(tasks::due_on.nullable())),
        DeadlineStatus::OnTrack => query
            .filter(tasks::completed_on.is_null())
            .filter(tasks::due_on.ge(today)),
        DeadlineStatus::Overdue => query
            .filter(tasks::completed_on.is_null())
            .filter(tasks::due_on.lt(today)),
    };
    Ok(query.get_result(conn)?)
}

/// Those tasks not completed, earliest due first.
pub(super) fn open_granted(
    conn: &mut AnyConnection,
    root: &str,
    bases: &[DirectiveId],
    limit: i64,
) -> Result<Vec<TaskRow>, ApiError> {
    Ok(granted_tasks!(root, bases)
        .filter(tasks::completed_on.is_null())
        .select(TaskRow::as_select())
        .order((tasks::due_on.asc(), tasks::id.asc()))
        .limit(limit)
        .load(conn)?)
}

/// One task the grant reaches: under the bases, or a follow-up task of a recommendation the
/// delegation made; inside the subject's subtree either way.
pub(super) fn find_granted(
    conn: &mut AnyConnection,
    root: &str,
    bases: &[DirectiveId],
    delegation: &crate::domain::ids::DelegationId,
    id: &TaskId,
) -> Result<Option<TaskRow>, ApiError> {
    let under_bases = granted_tasks!(root, bases)
        .filter(tasks::id.eq(id))
        .select(TaskRow::as_select())
        .first(conn)
        .optional()?;
    if under_bases.is_some() {
        return Ok(under_bases);
    }
    use crate::db::schema::recommendations;
    let recommended = recommendations::table
        .filter(recommendations::delegation_id.eq(delegation))
        .select(recommendations::task_id);
    Ok(tasks::table
        .inner_join(agencies::table)
        .filter(crate::agencies::queries::path_within(root))
        .filter(tasks::id.eq(id))
        .filter(tasks::id.eq_any(recommended))
        .select(TaskRow::as_select())
        .first(conn)
        .optional()?)
}

/// Open tasks (neither completed nor cancelled) that one of `agencies` leads or coordinates:
/// (task, title, the agency, whether it leads), for a reorganisation.
pub(crate) fn open_work_of(
    conn: &mut AnyConnection,
    agencies: &[AgencyId],
    function: &Function,
) -> Result<Vec<OpenWork>, ApiError> {
    const FINAL: [&str; 2] = ["completed", "cancelled"];
    let mut led = tasks::table
        .filter(tasks::lead_agency_id.eq_any(agencies))
        .filter(tasks::status.ne_all(FINAL))
        .select((
            tasks::id,
            tasks::title,
            tasks::lead_agency_id,
            tasks::recommendation_id,
        ))
        .order(tasks::id)
        .into_boxed::<MultiBackend>();
    let mut coordinated = tasks::table
        .inner_join(task_coordinators::table.on(task_coordinators::task_id.eq(tasks::id)))
        .filter(task_coordinators::agency_id.eq_any(agencies))
        .filter(tasks::status.ne_all(FINAL))
        .select((
            tasks::id,
            tasks::title,
            task_coordinators::agency_id,
            tasks::recommendation_id,
        ))
        .order((tasks::id, task_coordinators::agency_id))
        .into_boxed::<MultiBackend>();
    if let Some(directive) = &function.directive_id {
        led = led.filter(tasks::directive_id.eq(directive.clone()));
        coordinated = coordinated.filter(tasks::directive_id.eq(directive.clone()));
    }
    if let Some(ids) = &function.task_ids {
        led = led.filter(tasks::id.eq_any(ids.clone()));
        coordinated = coordinated.filter(tasks::id.eq_any(ids.clone()));
    }
    type Held = (TaskId, String, AgencyId, Option<String>);
    let work = |leads: bool| {
        move |(task_id, title, holder, recommendation_id): Held| OpenWork {
            task_id,
            title,
            holder,
            leads,
            recommendation_id,
        }
    };
    let led: Vec<Held> = led.load(conn)?;
    let coordinated: Vec<Held> = coordinated.load(conn)?;
    Ok(led
        .into_iter()
        .map(work(true))
        .chain(coordinated.into_iter().map(work(false)))
        .collect())
}

/// An open task an agency holds, as a reorganisation moves it.
#[derive(Debug)]
pub struct OpenWork {
    pub task_id: TaskId,
    pub title: String,
    /// The agency that holds it: as lead (`leads`), or as a coordinator.
    pub holder: AgencyId,
    pub leads: bool,
    /// The recommendation (kiến nghị) it follows up, if any.
    pub recommendation_id: Option<String>,
}

/// Which of an agency's open tasks a reorganisation moves: all of them (a merger or a
/// dissolution), or a transfer's function.
#[derive(Debug, Default)]
pub struct Function {
    pub directive_id: Option<DirectiveId>,
    pub task_ids: Option<Vec<TaskId>>,
}
