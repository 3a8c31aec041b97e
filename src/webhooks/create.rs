//! `POST /api/v1/webhooks`: a new subscription, and its signing secret shown once.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;

use super::access;
use super::dto::{CreateWebhook, WebhookDto, WebhookWithSecret};
use super::model::WebhookRow;
use super::target;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, WebhookId};
use crate::domain::values::parse_text;
use crate::domain::webhook::{new_secret, EventFilter};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;

pub(super) const DESCRIPTION_MAX: usize = 500;

/// The event types of a body: valid patterns, and for an API client only kinds its scopes
/// read (as in the change feed).
pub(super) fn event_filter(
    auth: &Authenticated,
    patterns: &[String],
) -> Result<EventFilter, String> {
    let filter = EventFilter::new(patterns)?;
    if let Some(kind) = filter
        .kinds()
        .into_iter()
        .find(|k| !auth.holds(k.read_scope()))
    {
        return Err(format!(
            "names {} events, which need the scope {}",
            kind.as_str(),
            kind.read_scope().as_str()
        ));
    }
    Ok(filter)
}

struct NewWebhook {
    url: String,
    description: Option<String>,
    filter: EventFilter,
    agency_id: Option<AgencyId>,
}

/// Create a webhook
///
/// Admins and supervisors, for the province or any agency; an agency manager, for an agency
/// of its subtree; an API client with `webhooks:manage`, for the kinds its other scopes read.
/// Every change the subscription's agency subtree may see, of the event types named, is then
/// posted to `url` as JSON (`{type, timestamp, data}`), signed per the Standard Webhooks
/// specification (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64
/// HMAC-SHA256 of id.timestamp.body>`), in order, and retried with back-off for about 27
/// hours. The answer holds `secret`, shown this once.
#[utoipa::path(
    post,
    path = "/api/v1/webhooks",
    tag = "webhooks",
    request_body = CreateWebhook,
    security(("bearer" = []), ("client_credentials" = ["webhooks:manage"])),
    responses(
        (status = 201, description = "The webhook and its secret", body = WebhookWithSecret,
            headers(("ETag" = String, description = "The webhook's version"))),
        (status = 403, description = "Your role does not manage webhooks", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, a refused address, or an agency outside your subtree", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_webhook(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: Body<CreateWebhook>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut errors = FieldErrors::default();
    let url = errors.take("url", target::parse(&body.url));
    let description = body
        .description
        .filter(|d| !d.trim().is_empty())
        .and_then(|d| errors.take("description", parse_text(&d, DESCRIPTION_MAX)));
    let filter = errors.take("event_types", event_filter(&auth, &body.event_types));
    errors.finish()?;
    let (Some(url), Some(filter)) = (url, filter) else {
        return Err(ApiError::internal("webhook parse lost an error"));
    };
    let url = target::checked(url.to_string(), state.config.webhooks.allow_private).await?;
    let new = NewWebhook {
        url,
        description,
        filter,
        agency_id: body.agency_id.map(AgencyId::from),
    };
    // The subscription follows the changes after the newest one numbered: number those
    // already committed first (PostgreSQL numbers at read time), or it would receive them.
    state.pool.run(crate::changes::system_number).await?;
    let secret = new_secret();
    let kept = secret.clone();
    let row = state
        .pool
        .write_as(auth, move |conn, caller| insert(conn, caller, new, kept))
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    let answer = WebhookWithSecret {
        webhook: WebhookDto::from_row(row)?,
        secret,
    };
    Ok(created("webhooks", id.as_str(), version, &answer))
}

fn insert(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    new: NewWebhook,
    secret: String,
) -> Result<WebhookRow, ApiError> {
    access::check_reach_of_new(conn, caller, new.agency_id.as_ref())?;
    let now = Utc::now().naive_utc();
    let row = WebhookRow {
        id: WebhookId::generate(),
        url: new.url,
        description: new.description,
        event_types: new.filter.to_text(),
        secret,
        agency_id: new.agency_id,
        created_by: caller.id.clone(),
        active: true,
        disabled_reason: None,
        failure_streak: 0,
        after_seq: crate::changes::system_last_seq(conn)?,
        version: 1,
        created_at: now,
        updated_at: now,
        previous_secret: None,
        previous_secret_until: None,
    };
    let audit = json!({
        "url": row.url, "description": row.description, "event_types": row.event_types,
        "agency_id": row.agency_id,
    });
    access::insert(conn, caller, &row, audit)?;
    Ok(row)
}
