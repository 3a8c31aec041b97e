//! `GET /api/v1/dashboard/series`: one dashboard figure period by period, for charts.

use actix_web::{web, HttpResponse};
use chrono::Utc;

use super::dto::{SeriesDto, SeriesGranularity, SeriesMetric, SeriesPoint, SeriesQuery};
use super::{figures, reach};
use crate::auth::Authenticated;
use crate::domain::ids::AgencyId;
use crate::domain::period::{Period, PeriodPart, Window};
use crate::domain::task::vietnam_date;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::state::AppState;
use crate::time_limits::access as time_limit_access;

/// The most periods one series holds.
pub const MAX_POINTS: usize = 36;

/// Read a dashboard figure over time
///
/// Every user, for their scope as in the dashboard (or one agency's subtree inside it with
/// `agency_id`; an agency outside it is the same 422 as an unknown one): the value of
/// `metric` for each month or quarter from `from` to `to` (at most 36), each counted as the
/// dashboard counts that period.
#[utoipa::path(
    get,
    path = "/api/v1/dashboard/series",
    tag = "dashboard",
    params(SeriesQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The metric period by period", body = SeriesDto),
        (status = 422, description = "Malformed or mismatched periods, too many, or an unknown agency", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_dashboard_series(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<SeriesQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let periods = periods(&query)?;
    let (metric, granularity) = (query.metric, query.granularity);
    let agency = query.agency_id.map(AgencyId::from);
    let include_predecessors = query.include_predecessors;
    let dto = state
        .pool
        .run_as(auth, move |conn, caller| {
            let reach = reach::of(conn, caller, agency.as_ref(), include_predecessors)?;
            let cutoff = time_limit_access::current(conn)?.period_cutoff();
            let today = vietnam_date(Utc::now());
            let mut points = Vec::with_capacity(periods.len());
            for period in periods {
                let window = Window::new(period, cutoff, today);
                points.push(SeriesPoint {
                    period: period.to_string(),
                    from: window.from,
                    to: window.to,
                    value: value(conn, &reach, &window, metric)?,
                });
            }
            Ok(SeriesDto {
                metric,
                granularity,
                agency_id: agency.map(AgencyId::into_string),
                points,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(dto))
}

fn value(
    conn: &mut crate::db::AnyConnection,
    reach: &reach::Reach,
    window: &Window,
    metric: SeriesMetric,
) -> Result<f64, ApiError> {
    if matches!(
        metric,
        SeriesMetric::ReportsSubmitted | SeriesMetric::ReportsLate
    ) {
        let reports = figures::reports(conn, reach, window)?;
        let count = match metric {
            SeriesMetric::ReportsLate => reports.late,
            _ => reports.submitted,
        };
        return Ok(count as f64);
    }
    let tasks = figures::task_totals(conn, reach, window)?;
    Ok(match metric {
        SeriesMetric::DoneOnTime => tasks.done_on_time as f64,
        SeriesMetric::DoneLate => tasks.done_late as f64,
        SeriesMetric::OnTrack => tasks.on_track as f64,
        SeriesMetric::Overdue => tasks.overdue as f64,
        SeriesMetric::CompletionRate => tasks.completion_rate,
        _ => tasks.total as f64,
    })
}

/// The periods from `from` to `to`, both of the granularity's kind and in order.
fn periods(query: &SeriesQuery) -> Result<Vec<Period>, ApiError> {
    let mut errors = FieldErrors::default();
    let of_kind = |raw: &str| {
        let period = Period::parse(raw)?;
        match (query.granularity, period.part) {
            (SeriesGranularity::Month, PeriodPart::Month(_))
            | (SeriesGranularity::Quarter, PeriodPart::Quarter(_)) => Ok(period),
            (SeriesGranularity::Month, _) => Err("must be a month (2026-M01)".to_owned()),
            (SeriesGranularity::Quarter, _) => Err("must be a quarter (2026-Q1)".to_owned()),
        }
    };
    let from = errors.take("from", of_kind(&query.from));
    let to = errors.take("to", of_kind(&query.to));
    errors.finish()?;
    let (Some(from), Some(to)) = (from, to) else {
        return Err(ApiError::internal("series periods lost"));
    };
    let mut periods = vec![from];
    while *periods.last().unwrap_or(&to) != to {
        if periods.len() == MAX_POINTS || from.year > to.year {
            let message = format!("must be `from` or up to {MAX_POINTS} periods after it");
            return Err(ApiError::field("to", message));
        }
        periods.push(periods[periods.len() - 1].next());
    }
    Ok(periods)
}
