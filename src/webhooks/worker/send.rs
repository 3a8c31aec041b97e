//! Sends each active webhook's first due delivery, signed, and records the attempt: a 2xx
//! answer delivers it; anything else schedules the next try (`domain::webhook::next_attempt`)
//! or, once the schedule is spent, fails it. A run of failed attempts disables the webhook.

use std::time::Instant;

use chrono::{Duration, NaiveDateTime};

use super::super::model::{AttemptRow, DeliveryRow, WebhookRow};
use super::super::{access, queries, target};
use crate::config::WebhookSettings;
use crate::db::{write_transaction, AnyConnection, DbPool};
use crate::domain::webhook::{next_attempt, signature, DeliveryStatus};
use crate::error::ApiError;

/// How long an instance holds a delivery it is sending before another may take it.
fn lease(settings: &WebhookSettings) -> Duration {
    Duration::from_std(settings.timeout).unwrap_or(Duration::seconds(10)) + Duration::seconds(30)
}

/// What came of one attempt.
struct Outcome {
    status_code: Option<i32>,
    duration_ms: i32,
    error: Option<String>,
}

impl Outcome {
    fn delivered(&self) -> bool {
        self.status_code.is_some_and(|s| (200..300).contains(&s))
    }
}

fn failure(duration_ms: i32, error: impl Into<String>) -> Outcome {
    Outcome {
        status_code: None,
        duration_ms,
        error: Some(error.into()),
    }
}

/// Deliveries one webhook may send in one pass, so that a busy webhook still yields.
const PER_PASS: usize = 200;

/// Threads sending at once, each with one pooled connection: the rest of the pool stays for
/// requests however many webhooks there are.
const SENDERS: usize = 4;

/// Returns how many attempts were made and how many delivered. Webhooks are served side by
/// side on up to [`SENDERS`] threads, and each sends its due deliveries one after another
/// until one fails.
pub(super) fn run(
    pool: &DbPool,
    settings: &WebhookSettings,
    agent: &ureq::Agent,
    now: NaiveDateTime,
) -> Result<(usize, usize), ApiError> {
    let hooks = {
        let mut conn = pool.get()?;
        access::system_active(&mut conn)?
    };
    let hooks: Vec<WebhookRow> = hooks.into_iter().map(|(hook, _)| hook).collect();
    let share = hooks.len().div_ceil(SENDERS).max(1);
    let results: Vec<Result<(usize, usize), ApiError>> = std::thread::scope(|threads| {
        let serving: Vec<_> = hooks
            .chunks(share)
            .map(|some| threads.spawn(move || serve_all(pool, settings, agent, some, now)))
            .collect();
        serving
            .into_iter()
            .map(|s| {
                s.join()
                    .unwrap_or_else(|_| Err(ApiError::internal("a webhook sender panicked")))
            })
            .collect()
    });
    let mut totals = (0, 0);
    for result in results {
        let (attempted, delivered) = result?;
        totals = (totals.0 + attempted, totals.1 + delivered);
    }
    Ok(totals)
}

/// Serves webhooks one after another on one connection.
fn serve_all(
    pool: &DbPool,
    settings: &WebhookSettings,
    agent: &ureq::Agent,
    hooks: &[WebhookRow],
    now: NaiveDateTime,
) -> Result<(usize, usize), ApiError> {
    let mut conn = pool.get()?;
    let mut totals = (0, 0);
    for hook in hooks {
        let (attempted, delivered) = serve(&mut conn, settings, agent, hook.clone(), now)?;
        totals = (totals.0 + attempted, totals.1 + delivered);
    }
    Ok(totals)
}

/// Sends the webhook's due deliveries in order, each once this instance holds its lease.
fn serve(
    conn: &mut AnyConnection,
    settings: &WebhookSettings,
    agent: &ureq::Agent,
    mut hook: WebhookRow,
    now: NaiveDateTime,
) -> Result<(usize, usize), ApiError> {
    let (mut attempted, mut delivered) = (0, 0);
    while attempted < PER_PASS && hook.active {
        let Some(head) = queries::head(conn, &hook.id)? else {
            break;
        };
        if head.next_attempt_at > now || head.claimed_until.is_some_and(|until| until >= now) {
            break;
        }
        let until = now + lease(settings);
        if !write_transaction(conn, |c| queries::claim(c, &head.id, now, until))? {
            break;
        }
        let outcome = attempt(agent, settings, &hook, &head, now);
        attempted += 1;
        let ok = outcome.delivered();
        delivered += usize::from(ok);
        hook = write_transaction(conn, |c| {
            record(c, settings, hook.clone(), head, &outcome, now)
        })?;
        if !ok {
            break;
        }
    }
    Ok((attempted, delivered))
}

/// Posts the delivery's body with the Standard Webhooks headers.
fn attempt(
    agent: &ureq::Agent,
    settings: &WebhookSettings,
    hook: &WebhookRow,
    delivery: &DeliveryRow,
    now: NaiveDateTime,
) -> Outcome {
    let started = Instant::now();
    let elapsed = || i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
    let url = match target::parse(&hook.url) {
        Ok(url) => url,
        Err(message) => return failure(0, format!("the URL {message}")),
    };
    if let Err(message) = target::check_address(&url, settings.allow_private) {
        return failure(elapsed(), format!("the URL {message}"));
    }
    let timestamp = now.and_utc().timestamp();
    let id = delivery.id.as_str();
    let signed = hook
        .signing_secrets(now)
        .into_iter()
        .map(|secret| signature(secret, id, timestamp, &delivery.payload))
        .collect::<Result<Vec<_>, _>>();
    let signed = match signed {
        Ok(signatures) => signatures.join(" "),
        Err(message) => return failure(0, message),
    };
    let sent = agent
        .post(url.as_str())
        .header("content-type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signed)
        .send(delivery.payload.as_bytes());
    match sent {
        Ok(answer) => Outcome {
            status_code: Some(i32::from(answer.status().as_u16())),
            duration_ms: elapsed(),
            error: None,
        },
        Err(error) => failure(elapsed(), error.to_string()),
    }
}

/// Records the attempt, moves the delivery on and keeps the webhook's run of failures,
/// disabling it when the run reaches the configured length.
fn record(
    conn: &mut AnyConnection,
    settings: &WebhookSettings,
    mut hook: WebhookRow,
    mut delivery: DeliveryRow,
    outcome: &Outcome,
    now: NaiveDateTime,
) -> Result<WebhookRow, ApiError> {
    delivery.attempts += 1;
    delivery.last_status_code = outcome.status_code;
    delivery.last_duration_ms = Some(outcome.duration_ms);
    delivery.last_error = outcome
        .error
        .clone()
        .or_else(|| (!outcome.delivered()).then(|| "the receiver did not answer 2xx".to_owned()));
    let streak = if outcome.delivered() {
        delivery.status = DeliveryStatus::Delivered;
        delivery.finished_at = Some(now);
        0
    } else {
        let attempts = usize::try_from(delivery.attempts).unwrap_or(usize::MAX);
        match next_attempt(attempts, now, rand::random::<f64>()) {
            Some(at) => delivery.next_attempt_at = at,
            None => {
                delivery.status = DeliveryStatus::Failed;
                delivery.finished_at = Some(now);
            }
        }
        hook.failure_streak + 1
    };
    let attempt = AttemptRow {
        id: uuid::Uuid::now_v7().to_string(),
        delivery_id: delivery.id.clone(),
        attempted_at: now,
        status_code: outcome.status_code,
        duration_ms: outcome.duration_ms,
        error: outcome.error.clone(),
    };
    queries::record_attempt(conn, &attempt, &delivery)?;
    let disable = (streak >= settings.disable_after).then(|| {
        format!("disabled after {streak} failed attempts in a row; enable it again with PATCH active=true")
    });
    queries::set_health(conn, &hook.id, streak, disable.as_deref(), now)?;
    hook.failure_streak = streak;
    hook.active = disable.is_none();
    Ok(hook)
}
