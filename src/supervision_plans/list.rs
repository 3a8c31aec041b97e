//! `GET /api/v1/supervision-plans`: the plans the caller sees.

use actix_web::{web, HttpResponse};

use super::access;
use super::dto::{PlanDto, PlanQuery};
use super::queries::PlanFilter;
use crate::auth::Authenticated;
use crate::domain::ids::AgencyId;
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// List supervision plans
///
/// The plans the caller sees (the province's roles: all; an agency user: those of bodies in its
/// subtree), oldest first, by year and body.
#[utoipa::path(
    get,
    path = "/api/v1/supervision-plans",
    tag = "delegations",
    params(PlanQuery),
    security(("bearer" = []), ("client_credentials" = ["delegations:read"])),
    responses(
        (status = 200, description = "A page of plans in your reach", body = Page<PlanDto>),
        (status = 422, description = "Invalid filter or page size", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_plans(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<PlanQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    if query.year.is_some_and(|y| !(2000..=2100).contains(&y)) {
        return Err(ApiError::field("year", "must be from 2000 to 2100"));
    }
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let filter = PlanFilter {
        year: query.year,
        body_agency_id: query.body_agency_id.map(AgencyId::from),
    };
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, caller| {
            access::list(conn, caller, filter, &fetch)
        })
        .await?;
    let page: Page<PlanDto> = page.try_finish(rows, |r| r.id.as_str(), PlanDto::from_row)?;
    Ok(HttpResponse::Ok().json(page))
}
