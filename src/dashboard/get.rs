//! `GET /api/v1/dashboard`: a period's figures for the caller's scope.

use super::dto::{DashboardDto, DashboardQuery};
use super::figures;
use crate::auth::Authenticated;
use crate::domain::ids::AgencyId;
use crate::domain::period::Period;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{web, HttpResponse};

/// Read the dashboard of a period
///
/// Every user, for the work of their scope (the whole province for province roles, their
/// agency's subtree otherwise), or of one agency inside it with `agency_id`. For the period:
/// the tasks due in it or still open at its start by deadline status (done on time, done
/// late, on track, overdue) overall, per lead agency and per directive, with the completion
/// rate; the targets of those tasks against the values their accepted reports reached; the
/// reports submitted, submitted late and awaiting review. Each figure is given again for the
/// same period of the previous year. Figures are taken on the period's last day, or today
/// while the period runs. An unknown agency and one outside the caller's scope are the same
/// 422.
#[utoipa::path(
    get,
    path = "/api/v1/dashboard",
    tag = "dashboard",
    params(DashboardQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The period's figures and the previous year's", body = DashboardDto),
        (status = 422, description = "A malformed period or an unknown agency", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_dashboard(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<DashboardQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let period = Period::parse(&query.period).map_err(|e| ApiError::field("period", e))?;
    let agency = query.agency_id.map(AgencyId::from);
    let include_predecessors = query.include_predecessors;
    let dto = state
        .pool
        .run_as(auth, move |conn, caller| {
            figures::dashboard(conn, caller, agency.as_ref(), include_predecessors, period)
        })
        .await?;
    Ok(HttpResponse::Ok().json(dto))
}
