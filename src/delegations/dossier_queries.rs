//! The dossier's SQL: the subject's tasks, reports and assessments, read for a delegation that
//! supervises it. Only `delegations::dossier` calls these, after `delegations::access` found
//! the caller's standing and the subject entry: the grant is the delegation's, and every query
//! is bound to the subject's subtree and the delegation's legal bases.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::agencies::queries::path_within;
use crate::db::schema::{agencies, assessments, campaigns, reports, tasks};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, DirectiveId, ReportId, TaskId};
use crate::domain::report::ReportStatus;
use crate::domain::task::{DeadlineStatus, TaskStatus};
use crate::error::ApiError;

/// The tasks the subject's subtree leads under the bases, cancelled ones left out.
macro_rules! subject_tasks {
    ($root:expr, $bases:expr) => {
        tasks::table
            .inner_join(agencies::table)
            .filter(path_within($root))
            .filter(tasks::directive_id.eq_any($bases))
            .filter(tasks::status.ne(TaskStatus::Cancelled.as_str()))
    };
}

/// How many of those tasks are in `status` on `today`.
pub(super) fn count_tasks(
    conn: &mut AnyConnection,
    root: &str,
    bases: &[DirectiveId],
    status: DeadlineStatus,
    today: NaiveDate,
) -> Result<i64, ApiError> {
    let query = subject_tasks!(root, bases).count().into_boxed();
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

/// A task of the subject: id, title, lead agency, due date, status, completion date.
pub(super) type TaskLine = (
    TaskId,
    String,
    AgencyId,
    NaiveDate,
    TaskStatus,
    Option<NaiveDate>,
);

/// The open tasks (not completed), earliest due first.
pub(super) fn open_tasks(
    conn: &mut AnyConnection,
    root: &str,
    bases: &[DirectiveId],
    limit: i64,
) -> Result<Vec<TaskLine>, ApiError> {
    Ok(subject_tasks!(root, bases)
        .filter(tasks::completed_on.is_null())
        .select((
            tasks::id,
            tasks::title,
            tasks::lead_agency_id,
            tasks::due_on,
            tasks::status,
            tasks::completed_on,
        ))
        .order((tasks::due_on.asc(), tasks::id.asc()))
        .limit(limit)
        .load(conn)?)
}

/// A report sent on one of the subject's tasks: id, task, period, status, when sent.
pub(super) type ReportLine = (
    ReportId,
    TaskId,
    String,
    ReportStatus,
    Option<chrono::NaiveDateTime>,
);

/// The latest sent reports (drafts are the agency's own) on the subject's tasks.
pub(super) fn latest_reports(
    conn: &mut AnyConnection,
    root: &str,
    bases: &[DirectiveId],
    limit: i64,
) -> Result<Vec<ReportLine>, ApiError> {
    let task_ids = subject_tasks!(root, bases).select(tasks::id);
    Ok(reports::table
        .filter(reports::task_id.eq_any(task_ids))
        .filter(reports::status.ne(ReportStatus::Draft.as_str()))
        .select((
            reports::id,
            reports::task_id,
            reports::period,
            reports::status,
            reports::submitted_at,
        ))
        .order((reports::submitted_at.desc(), reports::id.desc()))
        .limit(limit)
        .load(conn)?)
}

/// An assessment of the subject: campaign year, standard, status, rating, recognised.
pub(super) type AssessmentLine = (i32, String, String, Option<String>, Option<bool>);

/// The subject agency's own assessments in campaigns of the years under review.
pub(super) fn assessments_in(
    conn: &mut AnyConnection,
    agency: &AgencyId,
    years: (i32, i32),
) -> Result<Vec<AssessmentLine>, ApiError> {
    Ok(assessments::table
        .inner_join(campaigns::table)
        .filter(assessments::agency_id.eq(agency))
        .filter(campaigns::year.between(years.0, years.1))
        .select((
            campaigns::year,
            campaigns::framework_code,
            assessments::status,
            assessments::rating,
            assessments::recognised,
        ))
        .order((campaigns::year.asc(), campaigns::framework_code.asc()))
        .load(conn)?)
}
