//! Task figures of a reporting period for dashboards, counted in SQL: the tasks whose deadline
//! falls in the period or that were still open when it began, by deadline status as of the
//! window's day, and their targets. Only `tasks::access` calls these, with the caller's roots.

use diesel::dsl::{count_star, max, sum};
use diesel::prelude::*;

use crate::agencies::queries::path_within;
use crate::db::schema::{agencies, reports, tasks};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, DirectiveId, TaskId};
use crate::domain::period::Window;
use crate::domain::report::ReportStatus;
use crate::domain::task::{DeadlineStatus, TaskStatus};
use crate::error::ApiError;

/// How many tasks a lead agency has under a directive in a deadline status.
pub type StatusCount = (AgencyId, DirectiveId, DeadlineStatus, i64);

/// The tasks of a window led inside the subtree at `root` (the whole province without one),
/// as a boxed query to add a deadline status to. Cancelled tasks are left out, and so is a
/// task created after the window's day.
macro_rules! in_window {
    ($group:expr, $select:expr, $root:expr, $window:expr) => {
        in_window!(
            tasks::table.inner_join(agencies::table),
            $group,
            $select,
            $root,
            $window
        )
    };
    ($from:expr, $group:expr, $select:expr, $root:expr, $window:expr) => {{
        let (from, to) = ($window.from, $window.to);
        let mut query = $from
            .group_by($group)
            .select($select)
            .into_boxed()
            .filter(tasks::status.ne(TaskStatus::Cancelled.as_str()))
            .filter(tasks::created_at.lt($window.recorded_before()))
            .filter(
                tasks::due_on
                    .between(from, to)
                    .or(tasks::due_on.lt(from).and(
                        tasks::completed_on
                            .is_null()
                            .or(tasks::completed_on.ge(from)),
                    )),
            );
        if let Some(root) = $root {
            query = query.filter(path_within(root));
        }
        query
    }};
}

pub(super) fn by_deadline_status(
    conn: &mut AnyConnection,
    root: Option<&str>,
    window: &Window,
) -> Result<Vec<StatusCount>, ApiError> {
    let as_of = window.as_of;
    let mut counts = Vec::new();
    for &status in DeadlineStatus::ALL {
        let done = tasks::completed_on.le(as_of);
        let open = tasks::completed_on
            .is_null()
            .or(tasks::completed_on.gt(as_of));
        let query = in_window!(
            (tasks::lead_agency_id, tasks::directive_id),
            (tasks::lead_agency_id, tasks::directive_id, count_star()),
            root,
            window
        );
        let query = match status {
            DeadlineStatus::DoneOnTime => {
                query.filter(done.and(tasks::completed_on.le(tasks::due_on.nullable())))
            }
            DeadlineStatus::DoneLate => {
                query.filter(done.and(tasks::completed_on.gt(tasks::due_on.nullable())))
            }
            DeadlineStatus::Overdue => query.filter(open.and(tasks::due_on.lt(as_of))),
            DeadlineStatus::OnTrack => query.filter(open.and(tasks::due_on.ge(as_of))),
        };
        let rows: Vec<(AgencyId, DirectiveId, i64)> = query.load(conn)?;
        counts.extend(rows.into_iter().map(|(a, d, n)| (a, d, status, n)));
    }
    Ok(counts)
}

/// The targets of a window's tasks by unit: (unit, tasks with a target, their sum).
pub(super) fn targets(
    conn: &mut AnyConnection,
    root: Option<&str>,
    window: &Window,
) -> Result<Vec<(Option<String>, i64, f64)>, ApiError> {
    let rows: Vec<(Option<String>, i64, Option<f64>)> = in_window!(
        tasks::target_unit,
        (tasks::target_unit, count_star(), sum(tasks::target_value)),
        root,
        window
    )
    .filter(tasks::target_value.is_not_null())
    .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(unit, n, total)| (unit, n, total.unwrap_or(0.0)))
        .collect())
}

/// The value each of a window's tasks with a target reached: the highest value of its reports
/// accepted by the window's day, with the target's unit.
pub(super) fn reached(
    conn: &mut AnyConnection,
    root: Option<&str>,
    window: &Window,
) -> Result<Vec<(TaskId, Option<String>, f64)>, ApiError> {
    let rows: Vec<(TaskId, Option<String>, Option<f64>)> = in_window!(
        reports::table.inner_join(tasks::table.inner_join(agencies::table)),
        (tasks::id, tasks::target_unit),
        (tasks::id, tasks::target_unit, max(reports::actual_value)),
        root,
        window
    )
    .filter(tasks::target_value.is_not_null())
    .filter(reports::status.eq(ReportStatus::Accepted.as_str()))
    .filter(reports::reviewed_at.lt(window.recorded_before()))
    .load(conn)?;
    let reached = rows
        .into_iter()
        .filter_map(|(task, unit, value)| Some((task, unit, value?)))
        .collect();
    Ok(reached)
}
