//! `GET /api/v1/recommendations`: the recommendations the caller follows up.

use actix_web::{web, HttpResponse};
use chrono::Utc;

use super::access;
use super::dto::{RecommendationDto, RecommendationQuery};
use super::queries::RecommendationFilter;
use crate::auth::Authenticated;
use crate::domain::ids::{AgencyId, DelegationId};
use crate::domain::task::vietnam_date;
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// List recommendations
///
/// The recommendations of issued conclusions the caller sees (province roles: all; an agency
/// user: those addressed to its subtree or whose follow-up task its subtree leads, and those of
/// the delegations its subtree leads or it is an active member of), oldest first, each with the state of its follow-up task: open, in
/// progress, done on time or late, overdue, cancelled.
#[utoipa::path(
    get,
    path = "/api/v1/recommendations",
    tag = "delegations",
    params(RecommendationQuery),
    security(("bearer" = []), ("client_credentials" = ["delegations:read"])),
    responses(
        (status = 200, description = "A page of recommendations in your reach", body = Page<RecommendationDto>),
        (status = 422, description = "Invalid filter or page size", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_recommendations(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<RecommendationQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let filter = RecommendationFilter {
        delegation_id: query.delegation_id.map(DelegationId::from),
        agency_id: query.agency_id.map(AgencyId::from),
        state: query.state,
        overdue: query.overdue,
        include_predecessors: query.include_predecessors.unwrap_or(false),
    };
    let today = vietnam_date(Utc::now());
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, caller| {
            access::list(conn, caller, filter, today, &fetch)
        })
        .await?;
    let page: Page<RecommendationDto> = page.finish(
        rows,
        |r| r.0.id.as_str(),
        |row| RecommendationDto::new(row, today),
    );
    Ok(HttpResponse::Ok().json(page))
}
