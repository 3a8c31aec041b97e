//! The audit trail (nhật ký): one event per write, recorded in the write's own transaction.

pub mod list;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::schema::audit_events;
use crate::db::AnyConnection;
use crate::domain::ids::UserId;
use crate::domain::permissions::administration as permissions;
use crate::error::ApiError;

/// Who made a change, and in which request.
#[derive(Debug, Clone, Default)]
pub struct AuditActor {
    pub user_id: Option<UserId>,
    pub request_id: Option<String>,
}

impl AuditActor {
    /// Changes made by the service itself or an operator's CLI command.
    pub fn system() -> Self {
        Self::default()
    }
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditEventRow {
    pub id: String,
    pub occurred_at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub changes: String,
    pub request_id: Option<String>,
}

/// What the change feed needs of a change beyond its audit event.
#[derive(Debug, Default)]
pub struct FeedDetail {
    /// The version the change produced, for a versioned record.
    pub version: Option<i32>,
    /// The agency paths that hold the record, when the write has them at hand; a deletion
    /// must give them (the record can no longer be read). Read from the record otherwise.
    pub reach: Option<Vec<String>>,
}

impl FeedDetail {
    pub fn version(version: i32) -> Self {
        Self {
            version: Some(version),
            reach: None,
        }
    }
}

/// Records `action` on an entity. `changes` holds the changed fields and their new values
/// (never secrets).
pub fn record(
    conn: &mut AnyConnection,
    actor: &AuditActor,
    action: &str,
    entity_type: &str,
    entity_id: &str,
    changes: serde_json::Value,
) -> Result<(), ApiError> {
    let feed = FeedDetail::default();
    record_with(conn, actor, action, entity_type, entity_id, changes, feed)
}

/// [`record`], with what the change feed needs; an entity the feed carries enters it in the
/// same transaction (`changes::publish`).
pub fn record_with(
    conn: &mut AnyConnection,
    actor: &AuditActor,
    action: &str,
    entity_type: &str,
    entity_id: &str,
    changes: serde_json::Value,
    feed: FeedDetail,
) -> Result<(), ApiError> {
    let at = Utc::now().naive_utc();
    if let Some(kind) = crate::domain::change::ChangeType::of_entity(entity_type) {
        let change = crate::changes::Change {
            kind,
            entity_id,
            action,
            version: feed.version,
            reach: feed.reach,
            at,
        };
        crate::changes::publish(conn, change)?;
    }
    let row = AuditEventRow {
        id: uuid::Uuid::now_v7().to_string(),
        occurred_at: at,
        actor_id: actor.user_id.clone().map(UserId::into_string),
        action: action.to_owned(),
        entity_type: entity_type.to_owned(),
        entity_id: entity_id.to_owned(),
        changes: changes.to_string(),
        request_id: actor.request_id.clone(),
    };
    // Every write records an event: on the backend's own connection (see `db::native!`).
    crate::native!(conn, |c| diesel::insert_into(audit_events::table)
        .values(&row)
        .execute(c))?;
    Ok(())
}

/// Events matching the filters, newest first, after the cursor.
/// 403 unless the caller reads the audit trail.
pub fn check_reader(caller: &crate::auth::AuthUser) -> Result<(), ApiError> {
    ApiError::forbidden_unless(permissions::reads_audit(caller))
}

pub fn events(
    conn: &mut AnyConnection,
    filter: list::AuditQuery,
    page: &crate::http::pagination::PageRequest,
) -> Result<Vec<AuditEventRow>, ApiError> {
    use crate::domain::values::without_nul;
    let mut query = audit_events::table
        .select(AuditEventRow::as_select())
        .into_boxed();
    if let Some(entity_type) = filter.entity_type {
        query = query.filter(audit_events::entity_type.eq(without_nul(&entity_type)));
    }
    if let Some(entity_id) = filter.entity_id {
        query = query.filter(audit_events::entity_id.eq(without_nul(&entity_id)));
    }
    if let Some(actor_id) = filter.actor_id {
        query = query.filter(audit_events::actor_id.eq(without_nul(&actor_id)));
    }
    if let Some(after) = page.after.clone() {
        query = query.filter(audit_events::id.lt(after));
    }
    Ok(query
        .order(audit_events::id.desc())
        .limit(page.fetch())
        .load(conn)?)
}

/// One recorded change.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEvent {
    pub id: String,
    /// When the change was committed (RFC 3339, UTC).
    pub occurred_at: DateTime<Utc>,
    /// The user who made it; absent for changes made by the system or the CLI.
    pub actor_id: Option<String>,
    /// What was done, e.g. `agency.create`, `user.update`.
    pub action: String,
    /// The kind of entity changed, e.g. `agency`, `user`.
    pub entity_type: String,
    pub entity_id: String,
    /// The changed fields with their new values.
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
    /// The id of the HTTP request that made the change.
    pub request_id: Option<String>,
}

impl From<AuditEventRow> for AuditEvent {
    fn from(row: AuditEventRow) -> Self {
        Self {
            id: row.id,
            occurred_at: row.occurred_at.and_utc(),
            actor_id: row.actor_id,
            action: row.action,
            entity_type: row.entity_type,
            entity_id: row.entity_id,
            changes: serde_json::from_str(&row.changes).unwrap_or(serde_json::Value::Null),
            request_id: row.request_id,
        }
    }
}
