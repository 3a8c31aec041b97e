//! Task figures of a reporting period for dashboards, counted in SQL: the tasks whose deadline
//! falls in the period or that were still open when it began, by deadline status as of the
//! window's day, and their targets. Only `tasks::access` calls these, with the caller's roots.

use chrono::NaiveDate;
use diesel::dsl::{count, max, sql, sum};
use diesel::expression::SqlLiteral;
use diesel::prelude::*;
use diesel::sql_types::Integer;

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

/// The three disjoint parts of a window's tasks, each matched by an index: those due in it,
/// those due before it and still open, and those due before it and completed in or after it.
#[derive(Debug, Clone, Copy)]
enum Part {
    Due,
    CarriedOpen,
    CarriedDone,
}

const PARTS: [Part; 3] = [Part::Due, Part::CarriedOpen, Part::CarriedDone];

/// The tasks of one part of a window, grouped and selected as given, as a boxed query.
/// Cancelled tasks are left out, and so is a task created after the window's day.
macro_rules! in_window {
    ($from:expr, $group:expr, $select:expr, $window:expr, $part:expr) => {{
        let (from, to) = ($window.from, $window.to);
        let query = $from
            .group_by($group)
            .select($select)
            .into_boxed()
            .filter(tasks::status.ne(TaskStatus::Cancelled.as_str()))
            .filter(tasks::created_at.lt($window.recorded_before()));
        match $part {
            Part::Due => query.filter(tasks::due_on.between(from, to)),
            Part::CarriedOpen => query
                .filter(tasks::completed_on.is_null())
                .filter(tasks::due_on.lt(from)),
            Part::CarriedDone => query
                .filter(tasks::completed_on.ge(from))
                .filter(tasks::due_on.lt(from)),
        }
    }};
}

/// The tasks of one part of a window led inside the subtree at `root` (the whole province
/// without one). The subtree is a list of lead agencies, so that each is one walk of the
/// covering index that starts with `lead_agency_id`.
macro_rules! in_window_within {
    ($from:expr, $group:expr, $select:expr, $root:expr, $window:expr, $part:expr) => {{
        let query = in_window!($from, $group, $select, $window, $part);
        match $root {
            Some(root) => {
                let leads = agencies::table
                    .filter(path_within(root))
                    .select(agencies::id);
                query.filter(tasks::lead_agency_id.eq_any(leads))
            }
            None => query,
        }
    }};
}

/// `1` for a task whose deadline status as of `as_of` is `status`, else `0`, as SQL to sum.
/// The day is written into the SQL: a `NaiveDate` prints only digits and dashes, and both
/// backends compare a date column with such a literal.
fn one_if(status: DeadlineStatus, as_of: NaiveDate) -> SqlLiteral<Integer> {
    let when = match status {
        DeadlineStatus::DoneOnTime => format!("C <= '{as_of}' AND C <= tasks.due_on"),
        DeadlineStatus::DoneLate => format!("C <= '{as_of}' AND C > tasks.due_on"),
        DeadlineStatus::Overdue => {
            format!("(C IS NULL OR C > '{as_of}') AND tasks.due_on < '{as_of}'")
        }
        DeadlineStatus::OnTrack => {
            format!("(C IS NULL OR C > '{as_of}') AND tasks.due_on >= '{as_of}'")
        }
    };
    let when = when.replace('C', "tasks.completed_on");
    sql::<Integer>(&format!("CASE WHEN {when} THEN 1 ELSE 0 END"))
}

/// A window's tasks counted in one pass per part: by lead agency, directive and deadline
/// status, and their targets by unit.
#[derive(Debug, Default)]
pub struct PeriodCounts {
    pub statuses: Vec<StatusCount>,
    /// (unit, tasks with a target, the sum of their targets).
    pub targets: Vec<(Option<String>, i64, f64)>,
}

pub(super) fn in_period(
    conn: &mut AnyConnection,
    root: Option<&str>,
    window: &Window,
) -> Result<PeriodCounts, ApiError> {
    let as_of = window.as_of;
    let mut counts = PeriodCounts::default();
    for part in PARTS {
        let sums = (
            (
                tasks::lead_agency_id,
                tasks::directive_id,
                tasks::target_unit,
            ),
            sum(one_if(DeadlineStatus::DoneOnTime, as_of)),
            sum(one_if(DeadlineStatus::DoneLate, as_of)),
            sum(one_if(DeadlineStatus::Overdue, as_of)),
            sum(one_if(DeadlineStatus::OnTrack, as_of)),
            (count(tasks::target_value), sum(tasks::target_value)),
        );
        let group = (
            tasks::lead_agency_id,
            tasks::directive_id,
            tasks::target_unit,
        );
        let rows: Vec<PartSums> = match root {
            None => in_window!(tasks::table, group, sums, window, part).load(conn)?,
            Some(_) => {
                in_window_within!(tasks::table, group, sums, root, window, part).load(conn)?
            }
        };
        for ((agency, directive, unit), on_time, late, overdue, on_track, targets) in rows {
            let statuses = [
                (DeadlineStatus::DoneOnTime, on_time),
                (DeadlineStatus::DoneLate, late),
                (DeadlineStatus::Overdue, overdue),
                (DeadlineStatus::OnTrack, on_track),
            ];
            for (status, n) in statuses {
                if let Some(n) = n.filter(|n| *n > 0) {
                    counts
                        .statuses
                        .push((agency.clone(), directive.clone(), status, n));
                }
            }
            if targets.0 > 0 {
                counts
                    .targets
                    .push((unit, targets.0, targets.1.unwrap_or(0.0)));
            }
        }
    }
    Ok(counts)
}

/// One group's sums of [`one_if`] for each status, and its targets (how many, their sum).
type PartSums = (
    (AgencyId, DirectiveId, Option<String>),
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    (i64, Option<f64>),
);

/// The value each of a window's tasks with a target reached: the highest value of its reports
/// accepted by the window's day, with the target's unit.
pub(super) fn reached(
    conn: &mut AnyConnection,
    root: Option<&str>,
    window: &Window,
) -> Result<Vec<(TaskId, Option<String>, f64)>, ApiError> {
    let mut reached = Vec::new();
    for part in PARTS {
        let rows: Vec<(TaskId, Option<String>, Option<f64>)> = in_window_within!(
            reports::table.inner_join(tasks::table),
            (tasks::id, tasks::target_unit),
            (tasks::id, tasks::target_unit, max(reports::actual_value)),
            root,
            window,
            part
        )
        .filter(tasks::target_value.is_not_null())
        .filter(reports::status.eq(ReportStatus::Accepted.as_str()))
        .filter(reports::reviewed_at.lt(window.recorded_before()))
        .load(conn)?;
        let rows = rows.into_iter();
        reached.extend(rows.filter_map(|(task, unit, value)| Some((task, unit, value?))));
    }
    Ok(reached)
}
