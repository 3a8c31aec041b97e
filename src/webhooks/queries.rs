//! SQL of webhooks and their deliveries; only `webhooks::access` and the worker call it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{AttemptRow, DeliveryRow, WebhookChanges, WebhookRow};
use crate::agencies::queries::path_within;
use crate::db::schema::{agencies, webhook_attempts, webhook_deliveries, webhooks};
use crate::db::{expect_updated, AnyConnection};
use crate::domain::ids::{DeliveryId, WebhookId};
use crate::domain::webhook::DeliveryStatus;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// The webhook with the path of its agency (none for a province webhook).
pub(super) fn find(
    conn: &mut AnyConnection,
    id: &WebhookId,
) -> Result<Option<(WebhookRow, Option<String>)>, ApiError> {
    Ok(webhooks::table
        .left_join(agencies::table)
        .filter(webhooks::id.eq(id))
        .select((WebhookRow::as_select(), agencies::path.nullable()))
        .first(conn)
        .optional()?)
}

pub(super) fn insert(conn: &mut AnyConnection, row: &WebhookRow) -> Result<(), ApiError> {
    diesel::insert_into(webhooks::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub(super) fn update(
    conn: &mut AnyConnection,
    id: &WebhookId,
    read_version: i32,
    changes: &WebhookChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        webhooks::table
            .filter(webhooks::id.eq(id))
            .filter(webhooks::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    expect_updated(rows, "webhook")
}

pub(super) fn delete(conn: &mut AnyConnection, id: &WebhookId) -> Result<(), ApiError> {
    let deliveries = webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(id))
        .select(webhook_deliveries::id);
    diesel::delete(
        webhook_attempts::table.filter(webhook_attempts::delivery_id.eq_any(deliveries)),
    )
    .execute(conn)?;
    diesel::delete(webhook_deliveries::table.filter(webhook_deliveries::webhook_id.eq(id)))
        .execute(conn)?;
    diesel::delete(webhooks::table.filter(webhooks::id.eq(id))).execute(conn)?;
    Ok(())
}

/// A page of webhooks; `root` limits them to agencies inside an agency manager's subtree.
pub(super) fn list(
    conn: &mut AnyConnection,
    root: Option<&str>,
    page: &PageRequest,
) -> Result<Vec<WebhookRow>, ApiError> {
    let mut query = webhooks::table.select(WebhookRow::as_select()).into_boxed();
    if let Some(root) = root {
        let in_subtree = agencies::table
            .filter(path_within(root))
            .select(agencies::id.nullable());
        query = query.filter(webhooks::agency_id.eq_any(in_subtree));
    }
    if let Some(after) = &page.after {
        query = query.filter(webhooks::id.gt(after.clone()));
    }
    Ok(query
        .order(webhooks::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}

/// Every webhook, or only the active ones, with its agency's path, for the worker.
pub(super) fn all(
    conn: &mut AnyConnection,
    only_active: bool,
) -> Result<Vec<(WebhookRow, Option<String>)>, ApiError> {
    let mut query = webhooks::table
        .left_join(agencies::table)
        .select((WebhookRow::as_select(), agencies::path.nullable()))
        .into_boxed();
    if only_active {
        query = query.filter(webhooks::active.eq(true));
    }
    Ok(query.order(webhooks::id).load(conn)?)
}

/// Moves a webhook's fan-out position, outside its versioned changes (the worker's progress
/// is not a change to the subscription).
pub(super) fn advance(
    conn: &mut AnyConnection,
    id: &WebhookId,
    from: i64,
    to: i64,
) -> Result<bool, ApiError> {
    let rows = diesel::update(
        webhooks::table
            .filter(webhooks::id.eq(id))
            .filter(webhooks::after_seq.eq(from)),
    )
    .set(webhooks::after_seq.eq(to))
    .execute(conn)?;
    Ok(rows == 1)
}

pub(super) fn insert_deliveries(
    conn: &mut AnyConnection,
    rows: &[DeliveryRow],
) -> Result<(), ApiError> {
    for row in rows {
        diesel::insert_into(webhook_deliveries::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// A page of a webhook's deliveries, newest first.
pub(super) fn deliveries(
    conn: &mut AnyConnection,
    webhook: &WebhookId,
    page: &PageRequest,
) -> Result<Vec<DeliveryRow>, ApiError> {
    let mut query = webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook))
        .select(DeliveryRow::as_select())
        .into_boxed();
    if let Some(after) = &page.after {
        query = query.filter(webhook_deliveries::id.lt(after.clone()));
    }
    Ok(query
        .order(webhook_deliveries::id.desc())
        .limit(page.fetch())
        .load(conn)?)
}

/// One delivery of a webhook.
pub(super) fn delivery(
    conn: &mut AnyConnection,
    webhook: &WebhookId,
    id: &DeliveryId,
) -> Result<Option<DeliveryRow>, ApiError> {
    Ok(webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook))
        .filter(webhook_deliveries::id.eq(id))
        .select(DeliveryRow::as_select())
        .first(conn)
        .optional()?)
}

/// The attempts at the given deliveries, oldest first.
pub(super) fn attempts(
    conn: &mut AnyConnection,
    deliveries: &[DeliveryId],
) -> Result<Vec<AttemptRow>, ApiError> {
    Ok(webhook_attempts::table
        .filter(webhook_attempts::delivery_id.eq_any(deliveries))
        .select(AttemptRow::as_select())
        .order((
            webhook_attempts::delivery_id,
            webhook_attempts::attempted_at,
        ))
        .load(conn)?)
}

/// Puts a finished delivery back in the queue, with a fresh retry schedule.
pub(super) fn requeue(
    conn: &mut AnyConnection,
    id: &DeliveryId,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(webhook_deliveries::table.find(id))
        .set((
            webhook_deliveries::status.eq(DeliveryStatus::Pending),
            webhook_deliveries::attempts.eq(0),
            webhook_deliveries::next_attempt_at.eq(now),
            webhook_deliveries::claimed_until.eq(None::<NaiveDateTime>),
            webhook_deliveries::finished_at.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

/// The first delivery still to send of a webhook: deliveries go out in order, so only it may.
pub(super) fn head(
    conn: &mut AnyConnection,
    webhook: &WebhookId,
) -> Result<Option<DeliveryRow>, ApiError> {
    Ok(webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook))
        .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending))
        .select(DeliveryRow::as_select())
        .order((webhook_deliveries::ordinal, webhook_deliveries::id))
        .first(conn)
        .optional()?)
}

/// Takes the lease on a due delivery until `until`; false when another instance holds it or
/// it is no longer pending. One conditional `UPDATE`, so exactly one instance wins.
pub(super) fn claim(
    conn: &mut AnyConnection,
    id: &DeliveryId,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<bool, ApiError> {
    let rows = diesel::update(
        webhook_deliveries::table
            .filter(webhook_deliveries::id.eq(id))
            .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending))
            .filter(webhook_deliveries::next_attempt_at.le(now))
            .filter(
                webhook_deliveries::claimed_until
                    .is_null()
                    .or(webhook_deliveries::claimed_until.lt(now)),
            ),
    )
    .set(webhook_deliveries::claimed_until.eq(until))
    .execute(conn)?;
    Ok(rows == 1)
}

/// Records an attempt and the delivery's new state.
pub(super) fn record_attempt(
    conn: &mut AnyConnection,
    attempt: &AttemptRow,
    delivery: &DeliveryRow,
) -> Result<(), ApiError> {
    diesel::insert_into(webhook_attempts::table)
        .values(attempt)
        .execute(conn)?;
    diesel::update(webhook_deliveries::table.find(&delivery.id))
        .set((
            webhook_deliveries::status.eq(delivery.status),
            webhook_deliveries::attempts.eq(delivery.attempts),
            webhook_deliveries::next_attempt_at.eq(delivery.next_attempt_at),
            webhook_deliveries::claimed_until.eq(None::<NaiveDateTime>),
            webhook_deliveries::last_status_code.eq(delivery.last_status_code),
            webhook_deliveries::last_duration_ms.eq(delivery.last_duration_ms),
            webhook_deliveries::last_error.eq(&delivery.last_error),
            webhook_deliveries::finished_at.eq(delivery.finished_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets a webhook's run of failures, and disables it with `reason` when given.
pub(super) fn set_health(
    conn: &mut AnyConnection,
    id: &WebhookId,
    failure_streak: i32,
    disabled_reason: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let target = webhooks::table.filter(webhooks::id.eq(id));
    match disabled_reason {
        None => diesel::update(target)
            .set(webhooks::failure_streak.eq(failure_streak))
            .execute(conn)?,
        Some(reason) => diesel::update(target)
            .set((
                webhooks::failure_streak.eq(failure_streak),
                webhooks::active.eq(false),
                webhooks::disabled_reason.eq(reason),
                webhooks::version.eq(webhooks::version + 1),
                webhooks::updated_at.eq(now),
            ))
            .execute(conn)?,
    };
    Ok(())
}
