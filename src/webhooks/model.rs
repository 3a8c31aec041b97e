//! Row structs of webhooks, their deliveries and the attempts to send them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{webhook_attempts, webhook_deliveries, webhooks};
use crate::domain::ids::{AgencyId, DeliveryId, UserId, WebhookId};
use crate::domain::webhook::DeliveryStatus;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhooks)]
pub struct WebhookRow {
    pub id: WebhookId,
    pub url: String,
    pub description: Option<String>,
    /// Event type patterns, space-separated (`domain::webhook::EventFilter`).
    pub event_types: String,
    /// The signing secret (`whsec_...`): kept as given, since signing needs it.
    pub secret: String,
    /// The agency whose subtree's changes it receives; none for the whole province.
    pub agency_id: Option<AgencyId>,
    pub created_by: UserId,
    pub active: bool,
    /// Why the worker disabled it, until someone enables it again.
    pub disabled_reason: Option<String>,
    /// Failed attempts in a row.
    pub failure_streak: i32,
    /// The number of the last change fanned out to it.
    pub after_seq: i64,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The secret before the last rotation, still signing until `previous_secret_until`.
    pub previous_secret: Option<String>,
    pub previous_secret_until: Option<NaiveDateTime>,
}

impl WebhookRow {
    /// The secrets a delivery at `now` is signed with: the current one, and the one before
    /// it while its overlap lasts.
    pub fn signing_secrets(&self, now: NaiveDateTime) -> Vec<&str> {
        let previous = match (&self.previous_secret, self.previous_secret_until) {
            (Some(secret), Some(until)) if now < until => Some(secret.as_str()),
            _ => None,
        };
        std::iter::once(self.secret.as_str())
            .chain(previous)
            .collect()
    }
}

/// The columns a change may set; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = webhooks)]
pub struct WebhookChanges {
    pub url: Option<String>,
    pub secret: Option<String>,
    pub previous_secret: Option<Option<String>>,
    pub previous_secret_until: Option<Option<NaiveDateTime>>,
    pub description: Option<Option<String>>,
    pub event_types: Option<String>,
    pub active: Option<bool>,
    pub disabled_reason: Option<Option<String>>,
    pub failure_streak: Option<i32>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_deliveries)]
pub struct DeliveryRow {
    pub id: DeliveryId,
    pub webhook_id: WebhookId,
    /// Its place in the webhook's order: the change's number, 0 for a ping.
    pub ordinal: i64,
    pub event_type: String,
    /// The body sent, exactly (its signature covers these bytes).
    pub payload: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_until: Option<NaiveDateTime>,
    pub last_status_code: Option<i32>,
    pub last_duration_ms: Option<i32>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_attempts)]
pub struct AttemptRow {
    pub id: String,
    pub delivery_id: DeliveryId,
    pub attempted_at: NaiveDateTime,
    /// The receiver's status code; none when no answer came (refused, timed out).
    pub status_code: Option<i32>,
    pub duration_ms: i32,
    pub error: Option<String>,
}
