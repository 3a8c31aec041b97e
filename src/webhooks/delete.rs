//! `DELETE /api/v1/webhooks/{id}`: end a subscription, with its delivery log.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use crate::auth::Authenticated;
use crate::domain::ids::WebhookId;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// Delete a webhook
///
/// Its managers. Deliveries still waiting are dropped with it, and so is its delivery log.
#[utoipa::path(
    delete,
    path = "/api/v1/webhooks/{id}",
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The webhook's id")),
    security(("bearer" = []), ("client_credentials" = ["webhooks:manage"])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such webhook in your reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_webhook(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = WebhookId::from(id.into_inner());
    state
        .pool
        .write_as(auth, move |conn, caller| {
            let visible = access::load(conn, caller, &id)?;
            access::delete(conn, caller, visible)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
