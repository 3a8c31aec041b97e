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
    /// The entity's id type.
    type Id: AsRef<str>;

    fn id(&self) -> &Self::Id;
    /// The version (or revision) the row was read at.
    fn read_version(&self) -> i32;
    /// `changes` with the next version and the time of the change.
    fn stamped(changes: Self::Changes, version: i32, at: NaiveDateTime) -> Self::Changes;
    /// Applies `changes` only if the row still has `read_version` (a lost race otherwise).
    fn apply(
        conn: &mut AnyConnection,
        id: &Self::Id,
        read_version: i32,
        changes: &Self::Changes,
    ) -> Result<(), ApiError>;
    /// The row as it is now.
    fn reload(conn: &mut AnyConnection, id: &Self::Id) -> Result<Self, ApiError>;
}

/// Implements [`Versioned`] for a row whose change set has `Option` fields for its version
/// column and `updated_at`, with the resource's `update(conn, id, read_version, changes)` and
/// `reload(conn, id)`:
/// `versioned_row!(AgencyRow, AgencyId, AgencyChanges, "agency", version, queries::update, reload_written)`.
macro_rules! versioned_row {
    ($row:ty, $id:ty, $changes:ident, $entity:literal, $version:ident, $update:path, $reload:path) => {
        impl $crate::db::versioned::Versioned for $row {
            type Changes = $changes;
            const ENTITY: &'static str = $entity;
            type Id = $id;

            fn id(&self) -> &$id {
                &self.id
            }

            fn read_version(&self) -> i32 {
                self.$version
            }

            fn stamped(changes: $changes, version: i32, at: chrono::NaiveDateTime) -> $changes {
                $changes {
                    $version: Some(version),
                    updated_at: Some(at),
                    ..changes
                }
            }

            fn apply(
                conn: &mut $crate::db::AnyConnection,
                id: &$id,
                read_version: i32,
                changes: &$changes,
            ) -> Result<(), $crate::error::ApiError> {
                $update(conn, id, read_version, changes)
            }

            fn reload(
                conn: &mut $crate::db::AnyConnection,
                id: &$id,
            ) -> Result<Self, $crate::error::ApiError> {
                $reload(conn, id)
            }
        }
    };
}
pub(crate) use versioned_row;

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
    let version = current.read_version() + 1;
    let changes = T::stamped(changes, version, Utc::now().naive_utc());
    T::apply(conn, current.id(), current.read_version(), &changes)?;
    also(conn)?;
    let id = current.id().as_ref();
    let feed = audit::FeedDetail::version(version);
    audit::record_with(conn, actor, event, T::ENTITY, id, audit, feed)?;
    T::reload(conn, current.id())
}
