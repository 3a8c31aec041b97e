//! `POST /api/v1/webhooks/{id}/ping`: a test event, sent ahead of anything waiting.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use uuid::Uuid;

use super::dto::DeliveryDto;
use super::{access, payload};
use crate::auth::Authenticated;
use crate::domain::ids::WebhookId;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// Send a test event
///
/// Its managers. Queues a `webhook.ping` event, signed like every delivery, which the worker
/// sends within a second or two ahead of the webhook's other waiting deliveries (while the
/// webhook is active); follow it in the delivery log.
#[utoipa::path(
    post,
    path = "/api/v1/webhooks/{id}/ping",
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The webhook's id")),
    security(("bearer" = []), ("client_credentials" = ["webhooks:manage"])),
    responses(
        (status = 202, description = "The ping, queued", body = DeliveryDto),
        (status = 404, description = "No such webhook in your reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn ping_webhook(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = WebhookId::from(id.into_inner());
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            let webhook = access::load(conn, caller, &id)?;
            let ping = payload::ping(&id, Utc::now().naive_utc())?;
            access::enqueue(conn, caller, &webhook, ping)
        })
        .await?;
    Ok(HttpResponse::Accepted().json(DeliveryDto::from_row(row, Vec::new())?))
}
