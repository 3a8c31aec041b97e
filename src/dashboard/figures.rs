//! A window's figures, put together from the counts each resource's access module makes
//! within the dashboard's reach.

use std::collections::BTreeMap;

use chrono::{Duration, Utc};

use super::dto::{
    AgencyFigures, CampaignFigures, DashboardDto, DirectiveFigures, Figures, ReportFigures,
    StatusCounts, TargetFigures,
};
use super::reach::Reach;
use crate::agencies::access as agency_access;
use crate::assessments::access as assessment_access;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::delegations::access as delegation_access;
use crate::directives::access as directive_access;
use crate::domain::assessment::AssessmentStatus;
use crate::domain::ids::{AgencyId, DirectiveId};
use crate::domain::period::{Period, Window};
use crate::domain::task::{vietnam_date, DeadlineStatus, VIETNAM_OFFSET_HOURS};
use crate::error::ApiError;
use crate::recommendations::access as recommendation_access;
use crate::reports::access as report_access;
use crate::tasks::access as task_access;
use crate::time_limits::access as time_limit_access;

impl StatusCounts {
    fn add(&mut self, status: DeadlineStatus, count: i64) {
        match status {
            DeadlineStatus::DoneOnTime => self.done_on_time += count,
            DeadlineStatus::DoneLate => self.done_late += count,
            DeadlineStatus::OnTrack => self.on_track += count,
            DeadlineStatus::Overdue => self.overdue += count,
        }
        self.total += count;
        let done = self.done_on_time + self.done_late;
        self.completion_rate = if self.total == 0 {
            0.0
        } else {
            done as f64 / self.total as f64
        };
    }
}

/// The dashboard of `period` for `caller`: its scope, or the subtree of `agency` inside it
/// (an unknown agency and one outside the scope are the same 422), and the previous year.
pub(crate) fn dashboard(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    agency: Option<&AgencyId>,
    include_predecessors: bool,
    period: Period,
) -> Result<DashboardDto, ApiError> {
    let reach = super::reach::of(conn, caller, agency, include_predecessors)?;
    let cutoff = time_limit_access::current(conn)?.period_cutoff();
    let window = Window::new(period, cutoff, vietnam_date(Utc::now()));
    let earlier = window.a_year_earlier(cutoff);
    Ok(DashboardDto {
        agency_id: agency.map(|a| a.as_str().to_owned()),
        include_predecessors,
        current: for_window(conn, caller, &reach, &window)?,
        previous_year: for_window(conn, caller, &reach, &earlier)?,
    })
}

/// The tasks of `window` within `reach` by deadline status, overall.
pub(super) fn task_totals(
    conn: &mut AnyConnection,
    reach: &Reach,
    window: &Window,
) -> Result<StatusCounts, ApiError> {
    let mut tasks = StatusCounts::default();
    for (_, _, status, count) in task_access::period_counts(conn, reach, window)?.statuses {
        tasks.add(status, count);
    }
    Ok(tasks)
}

/// The figures of `window` within `reach`.
pub(super) fn for_window(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    reach: &Reach,
    window: &Window,
) -> Result<Figures, ApiError> {
    let mut tasks = StatusCounts::default();
    let mut agencies: BTreeMap<AgencyId, StatusCounts> = BTreeMap::new();
    let mut directives: BTreeMap<DirectiveId, StatusCounts> = BTreeMap::new();
    let counts = task_access::period_counts(conn, reach, window)?;
    for (agency, directive, status, count) in counts.statuses {
        tasks.add(status, count);
        agencies.entry(agency).or_default().add(status, count);
        directives.entry(directive).or_default().add(status, count);
    }
    Ok(Figures {
        period: window.period.to_string(),
        from: window.from,
        to: window.to,
        as_of: window.as_of,
        tasks,
        by_agency: by_agency(conn, caller, agencies)?,
        by_directive: by_directive(conn, caller, directives)?,
        targets: targets(conn, reach, window, counts.targets)?,
        reports: reports(conn, reach, window)?,
        campaigns: campaigns(conn, reach, window)?,
        delegations: states(delegation_access::period_states(conn, reach, window)?),
        recommendations: states(recommendation_access::period_states(conn, reach, window)?),
    })
}

/// The agencies' figures in tree order, with their names.
fn by_agency(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    mut counts: BTreeMap<AgencyId, StatusCounts>,
) -> Result<Vec<AgencyFigures>, ApiError> {
    let mut known = agency_access::all_visible_with_predecessors(conn, caller)?;
    known.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(known
        .into_iter()
        .filter_map(|agency| {
            let tasks = counts.remove(&agency.id)?;
            Some(AgencyFigures {
                agency_id: agency.id.into_string(),
                name: agency.name,
                tasks,
            })
        })
        .collect())
}

/// The directives' figures by number, with their titles.
fn by_directive(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    counts: BTreeMap<DirectiveId, StatusCounts>,
) -> Result<Vec<DirectiveFigures>, ApiError> {
    let ids: Vec<DirectiveId> = counts.keys().cloned().collect();
    let mut titles = directive_access::titles(conn, caller, &ids)?;
    titles.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    Ok(titles
        .into_iter()
        .filter_map(|(id, number, title)| {
            let tasks = counts.get(&id)?.clone();
            Some(DirectiveFigures {
                directive_id: id.into_string(),
                number,
                title,
                tasks,
            })
        })
        .collect())
}

/// Targets against actuals by unit.
fn targets(
    conn: &mut AnyConnection,
    reach: &Reach,
    window: &Window,
    counted: Vec<(Option<String>, i64, f64)>,
) -> Result<Vec<TargetFigures>, ApiError> {
    let mut by_unit: BTreeMap<Option<String>, TargetFigures> = BTreeMap::new();
    for (unit, tasks, target) in counted {
        let figures = by_unit.entry(unit.clone()).or_insert(TargetFigures {
            unit,
            tasks: 0,
            target: 0.0,
            actual: 0.0,
        });
        figures.tasks += tasks;
        figures.target += target;
    }
    for (_, unit, value) in task_access::period_reached(conn, reach, window)? {
        if let Some(figures) = by_unit.get_mut(&unit) {
            figures.actual += value;
        }
    }
    Ok(by_unit.into_values().collect())
}

/// The reports submitted in the window: how many, how many late, how many not yet reviewed.
pub(super) fn reports(
    conn: &mut AnyConnection,
    reach: &Reach,
    window: &Window,
) -> Result<ReportFigures, ApiError> {
    let taken = window.recorded_before();
    let mut figures = ReportFigures::default();
    for (submitted, reviewed, due_on) in report_access::submitted_in_period(conn, reach, window)? {
        figures.submitted += 1;
        let day = (submitted + Duration::hours(VIETNAM_OFFSET_HOURS)).date();
        if day > due_on {
            figures.late += 1;
        }
        if reviewed.is_none_or(|at| at >= taken) {
            figures.awaiting_review += 1;
        }
    }
    Ok(figures)
}

/// Counts by state, the same state from several subtrees added up.
fn states(counts: Vec<(String, i64)>) -> BTreeMap<String, i64> {
    let mut states = BTreeMap::new();
    for (state, count) in counts {
        *states.entry(state).or_default() += count;
    }
    states
}

/// The campaigns of the window's year with the counted agencies' registrations.
fn campaigns(
    conn: &mut AnyConnection,
    reach: &Reach,
    window: &Window,
) -> Result<Vec<CampaignFigures>, ApiError> {
    let (campaigns, counts) = assessment_access::year_counts(conn, reach, window.period.year)?;
    let submitted = [
        AssessmentStatus::Submitted,
        AssessmentStatus::UnderReview,
        AssessmentStatus::Decided,
    ]
    .map(AssessmentStatus::as_str);
    Ok(campaigns
        .into_iter()
        .map(|(id, name)| {
            let mut figures = CampaignFigures {
                campaign_id: id.as_str().to_owned(),
                name,
                registrations: 0,
                submitted: 0,
                decided: 0,
                ratings: BTreeMap::new(),
            };
            for (_, status, rating, count) in counts.iter().filter(|c| c.0 == id) {
                figures.registrations += count;
                if submitted.contains(&status.as_str()) {
                    figures.submitted += count;
                }
                if status == AssessmentStatus::Decided.as_str() {
                    figures.decided += count;
                    if let Some(rating) = rating {
                        *figures.ratings.entry(rating.clone()).or_default() += count;
                    }
                }
            }
            figures
        })
        .collect())
}
