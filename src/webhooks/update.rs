//! `PATCH /api/v1/webhooks/{id}`: change a webhook's address or events, pause it, or enable
//! it again after the worker disabled it.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::access;
use super::create::{event_filter, DESCRIPTION_MAX};
use super::dto::{UpdateWebhook, WebhookDto};
use super::model::WebhookChanges;
use super::target;
use crate::auth::Authenticated;
use crate::domain::ids::WebhookId;
use crate::domain::values::parse_text;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// The patch checked into changes and their audit record, or 422 naming each field.
async fn check(
    state: &AppState,
    auth: &Authenticated,
    patch: UpdateWebhook,
) -> Result<(WebhookChanges, Value), ApiError> {
    let mut errors = FieldErrors::default();
    let url = patch
        .url
        .and_then(|u| errors.take("url", target::parse(&u)));
    let description = patch.description.map(|d| {
        d.filter(|d| !d.trim().is_empty())
            .and_then(|d| errors.take("description", parse_text(&d, DESCRIPTION_MAX)))
    });
    let event_types = patch
        .event_types
        .and_then(|p| errors.take("event_types", event_filter(auth, &p)))
        .map(|f| f.to_text());
    errors.finish()?;
    let url = match url {
        Some(url) => {
            Some(target::checked(url.to_string(), state.config.webhooks.allow_private).await?)
        }
        None => None,
    };
    let mut audit = Map::new();
    for (field, value) in [
        ("url", json!(url)),
        ("event_types", json!(event_types)),
        ("active", json!(patch.active)),
    ] {
        if !value.is_null() {
            audit.insert(field.into(), value);
        }
    }
    if let Some(description) = &description {
        audit.insert("description".into(), json!(description));
    }
    // Enabling starts the run of failures afresh; pausing keeps what waits.
    let enabled = patch.active == Some(true);
    let changes = WebhookChanges {
        url,
        description,
        event_types,
        active: patch.active,
        disabled_reason: enabled.then_some(None),
        failure_streak: enabled.then_some(0),
        ..Default::default()
    };
    Ok((changes, Value::Object(audit)))
}

/// Change a webhook
///
/// Its managers. `active: true` enables a webhook the worker disabled after a run of failed
/// attempts: its waiting deliveries go out again in order. Send `If-Match` to refuse a stale
/// change.
#[utoipa::path(
    patch,
    path = "/api/v1/webhooks/{id}",
    tag = "webhooks",
    params(
        ("id" = Uuid, Path, description = "The webhook's id"),
        ("If-Match" = Option<String>, Header, description = "The webhook's ETag last read"),
    ),
    request_body = UpdateWebhook,
    security(("bearer" = []), ("client_credentials" = ["webhooks:manage"])),
    responses(
        (status = 200, description = "The webhook", body = WebhookDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 404, description = "No such webhook in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields or a refused address", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_webhook(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: Body<UpdateWebhook>,
) -> Result<HttpResponse, ApiError> {
    let id = WebhookId::from(id.into_inner());
    let (changes, audit) = check(&state, &auth, body.into_inner()).await?;
    let expected = etag::expected_version(&req)?;
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            let visible = access::load(conn, caller, &id)?;
            etag::check(expected, visible.row().version)?;
            access::save(conn, caller, &visible, changes, "webhook.update", audit)
        })
        .await?;
    let version = row.version;
    Ok(json_with_etag(
        StatusCode::OK,
        version,
        &WebhookDto::from_row(row)?,
    ))
}
