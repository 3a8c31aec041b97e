//! `GET /api/v1/reviews`: the periodic reviews the caller sees.

use actix_web::{web, HttpResponse};

use super::access;
use super::dto::{ReviewDto, ReviewQuery};
use super::queries::ReviewFilter;
use crate::auth::Authenticated;
use crate::domain::period::Period;
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// List periodic reviews
///
/// The reviews the caller sees (the province's roles: all; an agency user: those of agencies
/// in its subtree), oldest first, with their frozen figures.
#[utoipa::path(
    get,
    path = "/api/v1/reviews",
    tag = "dashboard",
    params(ReviewQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of reviews in your reach", body = Page<ReviewDto>),
        (status = 422, description = "Invalid filter or page size", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_reviews(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<ReviewQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let period = query
        .period
        .as_deref()
        .map(Period::parse)
        .transpose()
        .map_err(|m| ApiError::field("period", m))?;
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let filter = ReviewFilter {
        kind: query.kind,
        period: period.map(|p| p.to_string()),
    };
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, caller| {
            access::list(conn, caller, filter, &fetch)
        })
        .await?;
    let page: Page<ReviewDto> = page.try_finish(rows, |r| r.id.as_str(), ReviewDto::from_row)?;
    Ok(HttpResponse::Ok().json(page))
}
