//! `POST /api/v1/webhooks/{id}/secret`: a new signing secret, shown once; the one it replaces
//! keeps signing for an overlap, so that the receiver switches without rejecting a delivery.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::access;
use super::dto::{WebhookDto, WebhookWithSecret};
use super::model::WebhookChanges;
use crate::api_clients::dto::RotateSecret;
use crate::auth::Authenticated;
use crate::domain::ids::WebhookId;
use crate::domain::values::secret_overlap;
use crate::domain::webhook::new_secret;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Rotate a webhook's secret
///
/// Its managers. The answer holds the new `secret`, shown this once. For `overlap_hours`
/// (24 by default, 0 to 168) every delivery carries two signatures in `webhook-signature`,
/// one with each secret, as the Standard Webhooks specification allows; a receiver that
/// checks either keeps working while it changes its key.
#[utoipa::path(
    post,
    path = "/api/v1/webhooks/{id}/secret",
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The webhook's id")),
    request_body = RotateSecret,
    security(("bearer" = []), ("client_credentials" = ["webhooks:manage"])),
    responses(
        (status = 200, description = "The webhook and its new secret", body = WebhookWithSecret,
            headers(("ETag" = String, description = "The webhook's new version"))),
        (status = 404, description = "No such webhook in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An overlap outside 0 to 168 hours", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn rotate_webhook_secret(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<RotateSecret>,
) -> Result<HttpResponse, ApiError> {
    let id = WebhookId::from(id.into_inner());
    let overlap = secret_overlap(body.into_inner().overlap_hours)
        .map_err(|message| ApiError::field("overlap_hours", message))?;
    let secret = new_secret();
    let kept = secret.clone();
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            let visible = access::load(conn, caller, &id)?;
            let until = Utc::now().naive_utc() + overlap;
            let changes = WebhookChanges {
                secret: Some(kept),
                previous_secret: Some(Some(visible.row().secret.clone())),
                previous_secret_until: Some(Some(until)),
                ..Default::default()
            };
            let audit = json!({"previous_valid_until": until});
            access::save(
                conn,
                caller,
                &visible,
                changes,
                "webhook.rotate_secret",
                audit,
            )
        })
        .await?;
    let version = row.version;
    let answer = WebhookWithSecret {
        webhook: WebhookDto::from_row(row)?,
        secret,
    };
    Ok(json_with_etag(StatusCode::OK, version, &answer))
}
