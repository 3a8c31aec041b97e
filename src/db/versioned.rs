//! The one write path for rows kept with a version (agencies, accounts, directives, campaigns,
//! framework drafts): the change applies only to the version read, the version and `updated_at`
//! are stamped, the audit event is written and the new state is read back, in one place. Tasks
//! and reports have their own `access::save` on the same pattern, with their workflow checks.

use chrono::{NaiveDateTime, Utc};

use super::AnyConnection;
use crate::audit::{self, AuditActor};
use crate::error::ApiError;

/// A row changed only through [`save`]. Implemented in each resource's access module, which
/// owns the row's queries.
pub trait Versioned: Sized {
    /// The resource's change set (`None` fields are left as they are).
    type Changes;
    /// The entity type named in audit events.
    const ENTITY: &'static str;

    fn id(&self) -> &str;
    /// The version (or revision) the row was read at.
    fn read_version(&self) -> i32;
    /// `changes` with the next version and the time of the change.
    fn stamped(changes: Self::Changes, version: i32, at: NaiveDateTime) -> Self::Changes;
    /// Applies `changes` only if the row still has `read_version` (a lost race otherwise).
    fn apply(
        conn: &mut AnyConnection,
        id: &str,
        read_version: i32,
        changes: &Self::Changes,
    ) -> Result<(), ApiError>;
    /// The row as it is now.
    fn reload(conn: &mut AnyConnection, id: &str) -> Result<Self, ApiError>;
}

/// Saves `changes` to the version of `current` that was read, runs `also` (dependent writes
/// such as a subtree's paths or a directive's bases) in the same transaction, records `event`
/// with `audit` and answers the new state.
pub fn save<T: Versioned>(
    conn: &mut AnyConnection,
    actor: &AuditActor,
    current: &T,
    changes: T::Changes,
    event: &str,
    audit: serde_json::Value,
    also: impl FnOnce(&mut AnyConnection) -> Result<(), ApiError>,
) -> Result<T, ApiError> {
    let changes = T::stamped(changes, current.read_version() + 1, Utc::now().naive_utc());
    T::apply(conn, current.id(), current.read_version(), &changes)?;
    also(conn)?;
    audit::record(conn, actor, event, T::ENTITY, current.id(), audit)?;
    T::reload(conn, current.id())
}
