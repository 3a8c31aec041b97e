//! Request and answer bodies of webhooks and their deliveries.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::model::{AttemptRow, DeliveryRow, WebhookRow};
use crate::domain::webhook::{DeliveryStatus, EventFilter};
use crate::error::ApiError;

/// A new webhook.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhook {
    /// Where deliveries are posted: `https://` (or `http://`), at most 2,000 characters. An
    /// address on a private, loopback or link-local network is refused unless the operator
    /// allows it (`WEBHOOK_ALLOW_PRIVATE`).
    #[schema(min_length = 1, max_length = 2000)]
    pub url: String,
    /// What it is for, e.g. "Cổng thông tin điện tử tỉnh".
    #[schema(max_length = 500)]
    pub description: Option<String>,
    /// The events wanted: `*`, every event of a kind (`task.*`) or one event
    /// (`report.submit`); kinds are `task`, `report`, `directive`, `agency`, `assessment`.
    #[schema(min_items = 1, max_items = 20)]
    pub event_types: Vec<String>,
    /// The agency whose subtree's changes it receives; leave it out for the whole province
    /// (provincial roles only).
    pub agency_id: Option<Uuid>,
}

/// Changes to a webhook; absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWebhook {
    #[schema(min_length = 1, max_length = 2000)]
    pub url: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<String>, max_length = 500)]
    pub description: Option<Option<String>>,
    #[schema(min_items = 1, max_items = 20)]
    pub event_types: Option<Vec<String>>,
    /// `true` enables a webhook again (its run of failures starts afresh and its waiting
    /// deliveries go out); `false` pauses it: events are still queued, and go out in order
    /// once it is enabled.
    pub active: Option<bool>,
}

/// A webhook. Its secret is shown only when it is made.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookDto {
    pub id: String,
    pub url: String,
    pub description: Option<String>,
    pub event_types: Vec<String>,
    pub agency_id: Option<String>,
    pub active: bool,
    /// Why it was disabled automatically, if it was.
    pub disabled_reason: Option<String>,
    /// Failed attempts in a row; it is disabled when they reach the configured run.
    pub failure_streak: i32,
    /// While a rotated secret still signs (each delivery then carries a signature with each
    /// secret), until when.
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl WebhookDto {
    pub fn from_row(row: WebhookRow) -> Result<Self, ApiError> {
        let filter = EventFilter::parse(&row.event_types).map_err(ApiError::internal)?;
        Ok(Self {
            id: row.id.into_string(),
            url: row.url,
            description: row.description,
            event_types: filter.patterns().to_vec(),
            agency_id: row.agency_id.map(|a| a.into_string()),
            active: row.active,
            disabled_reason: row.disabled_reason,
            failure_streak: row.failure_streak,
            previous_secret_expires_at: row
                .previous_secret_until
                .filter(|until| *until > Utc::now().naive_utc())
                .map(|until| until.and_utc()),
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// A webhook with its signing secret, shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookWithSecret {
    pub webhook: WebhookDto,
    /// The key of the `webhook-signature` header (`whsec_` and base64), per the Standard
    /// Webhooks specification.
    pub secret: String,
}

/// One attempt to send a delivery.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttemptDto {
    pub attempted_at: DateTime<Utc>,
    /// The receiver's status code; absent when none came (refused, timed out).
    pub status_code: Option<i32>,
    pub duration_ms: i32,
    pub error: Option<String>,
}

impl From<AttemptRow> for AttemptDto {
    fn from(row: AttemptRow) -> Self {
        Self {
            attempted_at: row.attempted_at.and_utc(),
            status_code: row.status_code,
            duration_ms: row.duration_ms,
            error: row.error,
        }
    }
}

/// One event sent, or to send, to a webhook; its `id` is the `webhook-id` header.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryDto {
    pub id: String,
    pub event_type: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    /// When it goes out next, while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_status_code: Option<i32>,
    pub last_duration_ms: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The body posted.
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
    pub attempt_log: Vec<AttemptDto>,
}

impl DeliveryDto {
    pub fn from_row(row: DeliveryRow, attempts: Vec<AttemptRow>) -> Result<Self, ApiError> {
        Ok(Self {
            payload: serde_json::from_str(&row.payload).map_err(ApiError::internal)?,
            id: row.id.into_string(),
            event_type: row.event_type,
            next_attempt_at: (row.status == DeliveryStatus::Pending)
                .then(|| row.next_attempt_at.and_utc()),
            status: row.status,
            attempts: row.attempts,
            last_status_code: row.last_status_code,
            last_duration_ms: row.last_duration_ms,
            created_at: row.created_at.and_utc(),
            finished_at: row.finished_at.map(|t| t.and_utc()),
            attempt_log: attempts.into_iter().map(AttemptDto::from).collect(),
        })
    }
}

/// Page of webhooks or deliveries.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct WebhookPageQuery {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
}
