//! What the change feed answers.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::outbox::ChangeRow;
use crate::domain::change::ChangeType;
use crate::error::ApiError;

/// One change to a record, in commit order.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeDto {
    /// The change's id: unique, stable, and the cursor to resume after it.
    pub id: String,
    /// The kind of record changed.
    pub entity_type: ChangeType,
    pub entity_id: String,
    /// What was done, as the audit trail names it: `task.create`, `task.update`,
    /// `report.submit`, `assessment.decide`, `agency.delete`, ...
    pub action: String,
    /// The record's version after this change, for versioned records (its `ETag`); absent
    /// for changes that do not bump it, such as a comment on a task.
    pub version: Option<i32>,
    /// When the change was made (RFC 3339, UTC).
    pub occurred_at: DateTime<Utc>,
    /// `true` for a deletion: `entity` is then absent (a tombstone).
    pub deleted: bool,
    /// Where the record is read again.
    pub href: String,
    /// The record as its own `GET` answers it now (not as it was at this change: a record
    /// changed three times shows its latest state three times).
    #[schema(value_type = Option<Object>)]
    pub entity: Option<serde_json::Value>,
}

impl ChangeDto {
    pub(super) fn new(
        row: ChangeRow,
        kind: ChangeType,
        entity: Option<serde_json::Value>,
    ) -> Result<Self, ApiError> {
        Ok(Self {
            href: kind.path().replace("{id}", &row.entity_id),
            deleted: entity.is_none(),
            id: row.id,
            entity_type: kind,
            entity_id: row.entity_id,
            action: row.action,
            version: row.version,
            occurred_at: row.occurred_at.and_utc(),
            entity,
        })
    }
}

/// A page of the change feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangePage {
    /// The changes after the cursor that the caller may see, oldest first.
    pub items: Vec<ChangeDto>,
    /// Pass it as `after` to read on: the last change of this page, or the cursor given when
    /// the page is empty (absent only when the feed has nothing for the caller yet). Keep it
    /// and poll with it; nothing committed after it is ever skipped.
    pub next_cursor: Option<String>,
    /// Whether more changes were already waiting when this page was read.
    pub has_more: bool,
}
