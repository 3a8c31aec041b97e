//! `GET /api/v1/webhooks`: the webhooks the caller manages.

use actix_web::{web, HttpResponse};

use super::access;
use super::dto::{WebhookDto, WebhookPageQuery};
use crate::auth::Authenticated;
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// List webhooks
///
/// Admins and supervisors, every webhook; an agency manager, those of its subtree; oldest
/// first.
#[utoipa::path(
    get,
    path = "/api/v1/webhooks",
    tag = "webhooks",
    params(WebhookPageQuery),
    security(("bearer" = []), ("client_credentials" = ["webhooks:manage"])),
    responses(
        (status = 200, description = "A page of webhooks", body = Page<WebhookDto>),
        (status = 403, description = "Your role does not manage webhooks", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid page size or cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_webhooks(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<WebhookPageQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, caller| access::list(conn, caller, &fetch))
        .await?;
    let page: Page<WebhookDto> = page.try_finish(rows, |r| r.id.as_str(), WebhookDto::from_row)?;
    Ok(HttpResponse::Ok().json(page))
}
