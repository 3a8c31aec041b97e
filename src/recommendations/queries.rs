//! SQL of recommendations with their tasks; only `recommendations::access` calls it.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::Bool;

use crate::agencies::queries::path_within;
use crate::conclusions::model::RecommendationRow;
use crate::db::schema::{agencies, delegation_members, delegations, recommendations, tasks};
use crate::db::{AnyConnection, MultiBackend};
use crate::domain::conclusion::RecommendationState;
use crate::domain::delegation::DelegationStatus;
use crate::domain::ids::{AgencyId, DelegationId, UserId};
use crate::domain::task::TaskStatus;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// A recommendation with what its task says of it: status, due date, completion date.
pub(crate) type Followed = (RecommendationRow, TaskStatus, NaiveDate, Option<NaiveDate>);

/// An agency user's reach: its own subtree's recommendations, and those of the delegations it
/// leads (its subtree) or is an active member of.
pub(super) struct Reach<'a> {
    pub user: &'a UserId,
    pub root: &'a str,
    /// The agencies the caller's subtree succeeded, when the list includes them.
    pub predecessors: Vec<AgencyId>,
}

/// List filters, already parsed.
#[derive(Debug, Default)]
pub(crate) struct RecommendationFilter {
    pub delegation_id: Option<DelegationId>,
    pub agency_id: Option<AgencyId>,
    pub state: Option<RecommendationState>,
    pub overdue: Option<bool>,
    pub include_predecessors: bool,
}

type Source = diesel::dsl::InnerJoinQuerySource<recommendations::table, tasks::table>;
type Condition = Box<dyn BoxableExpression<Source, MultiBackend, SqlType = Bool>>;

pub(super) fn list(
    conn: &mut AnyConnection,
    reach: Option<Reach<'_>>,
    filter: RecommendationFilter,
    today: NaiveDate,
    page: &PageRequest,
) -> Result<Vec<Followed>, ApiError> {
    let mut query = recommendations::table
        .inner_join(tasks::table)
        .select((
            RecommendationRow::as_select(),
            tasks::status,
            tasks::due_on,
            tasks::completed_on,
        ))
        .into_boxed();
    if let Some(reach) = reach {
        query = query.filter(within(reach));
    }
    if let Some(delegation) = filter.delegation_id {
        query = query.filter(recommendations::delegation_id.eq(delegation));
    }
    if let Some(agency) = filter.agency_id {
        query = query.filter(recommendations::agency_id.eq(agency));
    }
    if let Some(state) = filter.state {
        query = query.filter(in_state(state, today));
    }
    match filter.overdue {
        Some(true) => query = query.filter(in_state(RecommendationState::Overdue, today)),
        Some(false) => {
            query = query.filter(diesel::dsl::not(in_state(
                RecommendationState::Overdue,
                today,
            )))
        }
        None => {}
    }
    if let Some(after) = &page.after {
        query = query.filter(recommendations::id.gt(after.clone()));
    }
    Ok(query
        .order(recommendations::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}

/// Recommendations not carried out yet (their task neither completed nor cancelled) addressed
/// to the subtree at `subject_path` by delegations other than `except`, earliest due first.
pub(super) fn open_to(
    conn: &mut AnyConnection,
    subject_path: &str,
    except: &DelegationId,
    limit: i64,
) -> Result<Vec<Followed>, ApiError> {
    let in_subtree = agencies::table
        .filter(path_within(subject_path))
        .select(agencies::id);
    Ok(recommendations::table
        .inner_join(tasks::table)
        .filter(recommendations::agency_id.eq_any(in_subtree))
        .filter(recommendations::delegation_id.ne(except))
        .filter(tasks::status.ne_all([
            TaskStatus::Completed.as_str(),
            TaskStatus::Cancelled.as_str(),
        ]))
        .select((
            RecommendationRow::as_select(),
            tasks::status,
            tasks::due_on,
            tasks::completed_on,
        ))
        .order((tasks::due_on.asc(), recommendations::id.asc()))
        .limit(limit)
        .load(conn)?)
}

pub(super) fn open_count(
    conn: &mut AnyConnection,
    delegation: &DelegationId,
) -> Result<i64, ApiError> {
    Ok(recommendations::table
        .inner_join(tasks::table)
        .filter(recommendations::delegation_id.eq(delegation))
        .filter(tasks::status.ne_all([
            TaskStatus::Completed.as_str(),
            TaskStatus::Cancelled.as_str(),
        ]))
        .count()
        .get_result(conn)?)
}

fn within(reach: Reach<'_>) -> Condition {
    let in_subtree = || {
        agencies::table
            .filter(path_within(reach.root))
            .select(agencies::id)
    };
    let as_member = delegation_members::table
        .inner_join(delegations::table)
        .filter(delegation_members::user_id.eq(reach.user.clone()))
        .filter(delegations::status.ne(DelegationStatus::Closed.as_str()))
        .select(delegation_members::delegation_id);
    let as_lead = delegations::table
        .filter(delegations::leading_agency_id.eq_any(in_subtree()))
        .select(delegations::id);
    Box::new(
        recommendations::agency_id
            .eq_any(in_subtree())
            .or(recommendations::agency_id.eq_any(reach.predecessors))
            // Its follow-up task is the subtree's: carried to it by a reorganisation.
            .or(tasks::lead_agency_id.eq_any(in_subtree()))
            .or(recommendations::delegation_id.eq_any(as_member))
            .or(recommendations::delegation_id.eq_any(as_lead)),
    )
}

/// The recommendations whose task puts them in `state` on `today`
/// (`domain::conclusion::recommendation_state`, in SQL).
fn in_state(state: RecommendationState, today: NaiveDate) -> Condition {
    use RecommendationState as R;
    let is = |s: TaskStatus| tasks::status.eq(s.as_str());
    let unfinished = || {
        tasks::status.ne_all([
            TaskStatus::Completed.as_str(),
            TaskStatus::Cancelled.as_str(),
        ])
    };
    let on_time = || {
        tasks::completed_on
            .le(tasks::due_on.nullable())
            .assume_not_null()
    };
    match state {
        R::Cancelled => Box::new(is(TaskStatus::Cancelled)),
        R::DoneOnTime => Box::new(is(TaskStatus::Completed).and(on_time())),
        R::DoneLate => Box::new(
            is(TaskStatus::Completed).and(tasks::completed_on.is_null().or(on_time().eq(false))),
        ),
        R::Overdue => Box::new(unfinished().and(tasks::due_on.lt(today))),
        R::Open => Box::new(is(TaskStatus::Open).and(tasks::due_on.ge(today))),
        R::InProgress => Box::new(
            unfinished()
                .and(is(TaskStatus::Open).eq(false))
                .and(tasks::due_on.ge(today)),
        ),
    }
}

/// How many recommendations made within a dashboard window to agencies of the subtree at
/// `root` (any agency without one) are in each status of their follow-up task.
pub(super) fn count_by_follow_up(
    conn: &mut AnyConnection,
    root: Option<&str>,
    window: &crate::domain::period::Window,
) -> Result<Vec<(String, i64)>, ApiError> {
    let mut query = recommendations::table
        .inner_join(tasks::table)
        .group_by(tasks::status)
        .select((tasks::status, diesel::dsl::count_star()))
        .into_boxed()
        .filter(recommendations::created_at.ge(window.recorded_from()))
        .filter(recommendations::created_at.lt(window.recorded_before()));
    if let Some(root) = root {
        let within = agencies::table
            .filter(path_within(root))
            .select(agencies::id);
        query = query.filter(recommendations::agency_id.eq_any(within));
    }
    Ok(query.load(conn)?)
}
