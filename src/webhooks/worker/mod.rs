//! The delivery worker: a thread inside the service that fans the change feed out to the
//! active webhooks (`fanout`) and sends what is due (`send`), once a second. With several
//! instances on PostgreSQL every instance runs it: a webhook's fan-out advances only from the
//! position it read, and a delivery is sent by the instance whose lease on it took, so each
//! event is queued once and sent by one instance at a time.

mod fanout;
mod send;

use chrono::NaiveDateTime;

use crate::config::WebhookSettings;
use crate::db::DbPool;
use crate::error::ApiError;

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    /// Deliveries queued from new changes.
    pub queued: usize,
    /// Attempts made, and how many of them the receivers accepted.
    pub attempted: usize,
    pub delivered: usize,
}

/// The HTTP agent the worker sends with: the configured timeout, no redirects followed (a
/// redirect could lead to an address the check refused), any status an answer.
pub fn agent(settings: &WebhookSettings) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(settings.timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .user_agent(concat!(
            "defense-compliance-webhooks/",
            env!("CARGO_PKG_VERSION")
        ))
        .build();
    ureq::Agent::new_with_config(config)
}

/// One pass at `now`: queue the new changes, then send every webhook's first due delivery.
pub fn pass(
    pool: &DbPool,
    settings: &WebhookSettings,
    agent: &ureq::Agent,
    now: NaiveDateTime,
) -> Result<Pass, ApiError> {
    let queued = fanout::run(pool, now)?;
    let (attempted, delivered) = send::run(pool, settings, agent, now)?;
    Ok(Pass {
        queued,
        attempted,
        delivered,
    })
}
