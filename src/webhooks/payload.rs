//! The body of a delivery, in the Standard Webhooks shape: `{type, timestamp, data}`. It is
//! made when the delivery is queued and sent byte for byte on every attempt.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::model::DeliveryRow;
use crate::changes::outbox::ChangeRow;
use crate::domain::change::ChangeType;
use crate::domain::ids::{DeliveryId, WebhookId};
use crate::domain::webhook::{DeliveryStatus, PING};
use crate::error::ApiError;

#[derive(Serialize)]
struct Event<'a, T: Serialize> {
    #[serde(rename = "type")]
    event_type: &'a str,
    timestamp: String,
    data: T,
}

/// What a change's event says: the change as the feed lists it, without the record (the
/// receiver reads it at `href` with its own credentials, so it learns no more than it may).
#[derive(Serialize)]
struct ChangeData<'a> {
    change_id: &'a str,
    entity_type: &'a str,
    entity_id: &'a str,
    action: &'a str,
    version: Option<i32>,
    deleted: bool,
    href: String,
}

fn body<T: Serialize>(event_type: &str, at: NaiveDateTime, data: T) -> Result<String, ApiError> {
    let event = Event {
        event_type,
        timestamp: at
            .and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        data,
    };
    serde_json::to_string(&event).map_err(ApiError::internal)
}

fn queued(
    webhook: &WebhookId,
    ordinal: i64,
    event_type: &str,
    payload: String,
    now: NaiveDateTime,
) -> DeliveryRow {
    DeliveryRow {
        id: DeliveryId::generate(),
        webhook_id: webhook.clone(),
        ordinal,
        event_type: event_type.to_owned(),
        payload,
        status: DeliveryStatus::Pending,
        attempts: 0,
        next_attempt_at: now,
        claimed_until: None,
        last_status_code: None,
        last_duration_ms: None,
        last_error: None,
        created_at: now,
        finished_at: None,
    }
}

/// The delivery of one change to one webhook.
pub(super) fn of_change(
    webhook: &WebhookId,
    change: &ChangeRow,
    kind: ChangeType,
    now: NaiveDateTime,
) -> Result<DeliveryRow, ApiError> {
    let data = ChangeData {
        change_id: &change.id,
        entity_type: kind.as_str(),
        entity_id: &change.entity_id,
        action: &change.action,
        version: change.version,
        deleted: change.action.ends_with(".delete"),
        href: kind.path().replace("{id}", &change.entity_id),
    };
    let payload = body(&change.action, change.occurred_at, data)?;
    let seq = change.seq.unwrap_or_default();
    Ok(queued(webhook, seq, &change.action, payload, now))
}

/// A test ping, sent before anything else waiting.
pub(super) fn ping(webhook: &WebhookId, now: NaiveDateTime) -> Result<DeliveryRow, ApiError> {
    let data = serde_json::json!({"webhook_id": webhook});
    let payload = body(PING, now, data)?;
    Ok(queued(webhook, 0, PING, payload, now))
}
