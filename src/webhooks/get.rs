//! `GET /api/v1/webhooks/{id}`: one webhook, without its secret.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::WebhookDto;
use crate::auth::Authenticated;
use crate::domain::ids::WebhookId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read a webhook
///
/// Admins and supervisors, any webhook; an agency manager, those of its subtree.
#[utoipa::path(
    get,
    path = "/api/v1/webhooks/{id}",
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The webhook's id")),
    security(("bearer" = []), ("client_credentials" = ["webhooks:manage"])),
    responses(
        (status = 200, description = "The webhook", body = WebhookDto,
            headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such webhook in your reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_webhook(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = WebhookId::from(id.into_inner());
    let row = state
        .pool
        .read_by_key_as(auth, move |conn, caller| {
            Ok(access::load(conn, caller, &id)?.row().clone())
        })
        .await?;
    let version = row.version;
    Ok(json_with_etag(
        StatusCode::OK,
        version,
        &WebhookDto::from_row(row)?,
    ))
}
