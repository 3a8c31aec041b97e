//! The only door to webhooks: admins and supervisors manage every webhook, an agency manager
//! those of its subtree; anyone else gets 404 for a webhook and 403 for the list. A delivery
//! is reached only through its webhook. The worker reads for no caller (`system_*`).

use chrono::Utc;

use super::model::{AttemptRow, DeliveryRow, WebhookChanges, WebhookRow};
use super::queries;
use crate::agencies::access as agency_access;
use crate::audit;
use crate::auth::AuthUser;
use crate::db::versioned::{self, versioned_row};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, DeliveryId, WebhookId};
use crate::domain::role::Role;
use crate::domain::webhook::DeliveryStatus;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// A webhook the caller manages.
#[derive(Debug)]
pub struct Visible {
    row: WebhookRow,
}

impl Visible {
    pub fn row(&self) -> &WebhookRow {
        &self.row
    }
}

fn manages(caller: &AuthUser, agency_path: Option<&str>) -> bool {
    match caller.role {
        Role::Admin | Role::Supervisor => true,
        Role::AgencyManager => agency_path.is_some_and(|path| caller.scope.contains(path)),
        _ => false,
    }
}

/// 403 unless the caller's role manages webhooks (admins, supervisors, agency managers).
pub fn check_manages_webhooks(caller: &AuthUser) -> Result<(), ApiError> {
    ApiError::forbidden_unless(matches!(
        caller.role,
        Role::Admin | Role::Supervisor | Role::AgencyManager
    ))
}

/// The webhook if the caller manages it, else 404.
pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &WebhookId,
) -> Result<Visible, ApiError> {
    let (row, agency_path) = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    if !manages(caller, agency_path.as_deref()) {
        return Err(ApiError::NotFound);
    }
    Ok(Visible { row })
}

/// Checks the agency a new webhook follows inside the caller's scope (an unknown agency and
/// one outside it get the same 422); the whole province only for provincial roles.
pub(super) fn check_reach_of_new(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    agency: Option<&AgencyId>,
) -> Result<(), ApiError> {
    check_manages_webhooks(caller)?;
    let Some(agency) = agency else {
        if caller.role == Role::AgencyManager {
            return Err(ApiError::field(
                "agency_id",
                "must name an agency of your subtree",
            ));
        }
        return Ok(());
    };
    agency_access::named(
        conn,
        &caller.scope,
        agency.as_str(),
        "agency_id",
        "names no agency you may follow",
    )?;
    Ok(())
}

/// A page of the webhooks the caller manages (403 for roles that manage none).
pub(crate) fn list(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    page: &PageRequest,
) -> Result<Vec<WebhookRow>, ApiError> {
    check_manages_webhooks(caller)?;
    let root = match caller.role {
        Role::AgencyManager => Some(caller.scope.subtree().unwrap_or("/none/")),
        _ => None,
    };
    queries::list(conn, root, page)
}

/// Stores a new webhook and its audit event.
pub(super) fn insert(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    row: &WebhookRow,
    audit: serde_json::Value,
) -> Result<(), ApiError> {
    queries::insert(conn, row)?;
    let id = row.id.as_str();
    audit::record(
        conn,
        &caller.actor(),
        "webhook.create",
        "webhook",
        id,
        audit,
    )
}

versioned_row!(
    WebhookRow,
    WebhookId,
    WebhookChanges,
    "webhook",
    version,
    queries::update,
    reload_written
);

/// The webhook this request has just written.
fn reload_written(conn: &mut AnyConnection, id: &WebhookId) -> Result<WebhookRow, ApiError> {
    queries::find(conn, id)?
        .map(|(row, _)| row)
        .ok_or(ApiError::NotFound)
}

/// The one write path of a webhook: over the version read, with the next version,
/// `updated_at` and the audit event.
pub(super) fn save(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
    changes: WebhookChanges,
    event: &str,
    audit: serde_json::Value,
) -> Result<WebhookRow, ApiError> {
    let actor = caller.actor();
    versioned::save(
        conn,
        &actor,
        &visible.row,
        changes,
        event,
        audit,
        |_| Ok(()),
    )
}

/// Removes the webhook with its deliveries and their attempts.
pub(super) fn delete(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: Visible,
) -> Result<(), ApiError> {
    let id = visible.row.id;
    queries::delete(conn, &id)?;
    let event = serde_json::json!({"url": visible.row.url});
    audit::record(
        conn,
        &caller.actor(),
        "webhook.delete",
        "webhook",
        id.as_str(),
        event,
    )
}

/// A page of the webhook's deliveries, newest first, each with its attempts.
pub(super) fn deliveries_of(
    conn: &mut AnyConnection,
    webhook: &Visible,
    page: &PageRequest,
) -> Result<(Vec<DeliveryRow>, Vec<AttemptRow>), ApiError> {
    let rows = queries::deliveries(conn, &webhook.row.id, page)?;
    let ids: Vec<DeliveryId> = rows.iter().map(|r| r.id.clone()).collect();
    let attempts = queries::attempts(conn, &ids)?;
    Ok((rows, attempts))
}

/// Sends a finished delivery again from the start of the retry schedule (409 while it is
/// still pending); audited.
pub(super) fn redeliver(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    webhook: &Visible,
    id: &DeliveryId,
) -> Result<DeliveryRow, ApiError> {
    let delivery = queries::delivery(conn, &webhook.row.id, id)?.ok_or(ApiError::NotFound)?;
    if delivery.status == DeliveryStatus::Pending {
        return Err(ApiError::Conflict(
            "the delivery is still being sent; it can be sent again once it has finished".into(),
        ));
    }
    queries::requeue(conn, id, Utc::now().naive_utc())?;
    let event = serde_json::json!({"delivery_id": id, "event_type": delivery.event_type});
    let webhook_id = webhook.row.id.as_str();
    audit::record(
        conn,
        &caller.actor(),
        "webhook.redeliver",
        "webhook",
        webhook_id,
        event,
    )?;
    queries::delivery(conn, &webhook.row.id, id)?.ok_or(ApiError::NotFound)
}

/// Queues a delivery made for the webhook (a test ping), audited as `event`.
pub(super) fn enqueue(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    webhook: &Visible,
    delivery: DeliveryRow,
) -> Result<DeliveryRow, ApiError> {
    queries::insert_deliveries(conn, std::slice::from_ref(&delivery))?;
    let event = serde_json::json!({"delivery_id": delivery.id, "event_type": delivery.event_type});
    let webhook_id = webhook.row.id.as_str();
    audit::record(
        conn,
        &caller.actor(),
        "webhook.ping",
        "webhook",
        webhook_id,
        event,
    )?;
    Ok(delivery)
}

/// The active webhooks with their agency's path, for no caller (the worker's sending).
pub(super) fn system_active(
    conn: &mut AnyConnection,
) -> Result<Vec<(WebhookRow, Option<String>)>, ApiError> {
    queries::all(conn, true)
}

/// Every webhook with its agency's path, for no caller (the worker's fan-out: a paused or
/// disabled webhook keeps queueing, so that nothing is lost to the feed's retention).
pub(super) fn system_all(
    conn: &mut AnyConnection,
) -> Result<Vec<(WebhookRow, Option<String>)>, ApiError> {
    queries::all(conn, false)
}
