//! `GET /api/v1/api-clients`: the API clients the caller manages.

use actix_web::{web, HttpResponse};

use super::access;
use super::dto::{ApiClientDto, ApiClientQuery};
use crate::auth::Authenticated;
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// List API clients
///
/// Admins, every client; an agency manager, the clients of its subtree; oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/api-clients",
    tag = "api-clients",
    params(ApiClientQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of clients", body = Page<ApiClientDto>),
        (status = 403, description = "Your role does not manage API clients", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid page size", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_api_clients(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<ApiClientQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, caller| access::list(conn, caller, &fetch))
        .await?;
    let page: Page<ApiClientDto> =
        page.try_finish(rows, |r| r.id.as_str(), ApiClientDto::from_row)?;
    Ok(HttpResponse::Ok().json(page))
}
