//! The change feed (nguồn thay đổi): every change to a record other systems follow, written
//! in the transaction that makes it (`outbox`) and read in commit order by the callers who
//! may see the record (`GET /api/v1/changes`).

pub mod dto;
pub mod list;
pub mod outbox;
pub mod retention;
mod view;

use chrono::NaiveDateTime;

use crate::db::AnyConnection;
use crate::domain::change::ChangeType;
use crate::domain::ids::{AgencyId, AssessmentId, ReportId, TaskId};
use crate::error::ApiError;

/// A change to publish with the write that makes it (see `audit::record_with`).
pub(crate) struct Change<'a> {
    pub kind: ChangeType,
    pub entity_id: &'a str,
    pub action: &'a str,
    /// The version the change produced, for a versioned record.
    pub version: Option<i32>,
    /// The agency paths that saw a record just deleted; read from the record otherwise.
    pub reach: Option<Vec<String>>,
    pub at: NaiveDateTime,
}

/// Writes `change` into the outbox, with the agency paths it reaches.
pub(crate) fn publish(conn: &mut AnyConnection, change: Change<'_>) -> Result<(), ApiError> {
    let reach = match change.reach {
        Some(paths) => paths,
        None => reach_of(conn, change.kind, change.entity_id)?,
    };
    let row = outbox::ChangeRow {
        id: uuid::Uuid::now_v7().to_string(),
        seq: None,
        entity_type: change.kind.as_str().to_owned(),
        entity_id: change.entity_id.to_owned(),
        action: change.action.to_owned(),
        version: change.version,
        occurred_at: change.at,
    };
    outbox::insert(conn, &row, &reach)
}

/// The number of the newest change: a subscription made now follows the changes after it.
pub(crate) fn system_last_seq(conn: &mut AnyConnection) -> Result<i64, ApiError> {
    outbox::last_seq(conn)
}

/// Numbers the changes committed since the last numbering (PostgreSQL; see `outbox`). Call it
/// outside any transaction, before reading with [`system_after`].
pub(crate) fn system_number(conn: &mut AnyConnection) -> Result<(), ApiError> {
    outbox::number_committed(conn)
}

/// Up to `limit` changes after number `after` that reach `scope`, in number order, for no
/// caller (webhook fan-out, which judges them by the subscription's scope).
pub(crate) fn system_after(
    conn: &mut AnyConnection,
    scope: &crate::auth::Scope,
    after: i64,
    limit: i64,
) -> Result<Vec<outbox::ChangeRow>, ApiError> {
    outbox::after(conn, scope, after, ChangeType::ALL, limit)
}

/// Who holds the record as it is now, through its resource's access module.
fn reach_of(conn: &mut AnyConnection, kind: ChangeType, id: &str) -> Result<Vec<String>, ApiError> {
    let id = id.to_owned();
    match kind {
        ChangeType::Directive => Ok(Vec::new()),
        ChangeType::Agency => Ok(vec![crate::agencies::queries::path_of(
            conn,
            &AgencyId::from_stored(id),
        )?]),
        ChangeType::Task => crate::tasks::access::system_reach(conn, &TaskId::from_stored(id)),
        ChangeType::Report => {
            crate::reports::access::system_reach(conn, &ReportId::from_stored(id))
        }
        ChangeType::Assessment => {
            crate::assessments::access::system_reach(conn, &AssessmentId::from_stored(id))
        }
    }
}
