//! The change feed's transactional outbox: changes are written in the transaction that makes
//! them, without a number, numbered in commit order, read in number order and pruned past
//! retention.
//!
//! Why no change is ever skipped: a reader passes a change only once it has read its number,
//! so no change may become visible later with a lower number. PostgreSQL hands out sequence
//! values when asked, not when transactions commit, so a plain sequence breaks this. Here a
//! change is numbered from the one `change_log` row, never from a sequence:
//! - on SQLite a change is numbered as it is written, from the same row: SQLite has one
//!   writer, so numbers follow commit order, and a rollback (of a transaction or of a
//!   request's savepoint in the batch writer) takes its number back with it;
//! - on PostgreSQL, in a transaction of its own before every read of the feed and every
//!   webhook fan-out ([`number_committed`]), under an advisory lock. The unnumbered changes it
//!   sees are committed ones (a transaction still open is invisible to it), and its numbers
//!   become visible together at its commit, after those of the numbering before it; a change
//!   committed later is numbered by a later reader, higher. Writers never wait for each other
//!   here: holding a row lock through every commit (the first design) cut report drafting on
//!   PostgreSQL from about 2,500/s to 390/s, and numbering at the end of each SQLite write
//!   (four statements in the writer's critical section) cut it there from 9,800/s to 3,250/s.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::Scope;
use crate::db::schema::{change_log, change_reach, changes};
use crate::db::{AnyConnection, MultiBackend};
use crate::domain::change::ChangeType;
use crate::error::ApiError;

/// One stored change.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = changes)]
pub(crate) struct ChangeRow {
    pub id: String,
    pub seq: Option<i64>,
    pub entity_type: String,
    pub entity_id: String,
    pub action: String,
    pub version: Option<i32>,
    pub occurred_at: NaiveDateTime,
}

/// Writes a change with the agency paths it reaches: numbered at once on SQLite, unnumbered
/// on PostgreSQL (see the module's note).
pub(super) fn insert(
    conn: &mut AnyConnection,
    row: &ChangeRow,
    reach: &[String],
) -> Result<(), ApiError> {
    let mut row = row.clone();
    if let AnyConnection::Sqlite(c) = conn {
        row.seq = Some(
            diesel::update(change_log::table.find(1))
                .set(change_log::last_seq.eq(change_log::last_seq + 1))
                .returning(change_log::last_seq)
                .get_result(c)?,
        );
    }
    let mut paths: Vec<&String> = reach.iter().collect();
    paths.sort();
    paths.dedup();
    let reach_rows: Vec<_> = paths
        .into_iter()
        .map(|path| {
            (
                change_reach::change_id.eq(&row.id),
                change_reach::path.eq(path),
            )
        })
        .collect();
    // Each write publishes a change: its statements run on the backend's own connection.
    crate::native!(conn, |c| {
        diesel::insert_into(changes::table)
            .values(&row)
            .execute(c)?;
        if !reach_rows.is_empty() {
            diesel::insert_into(change_reach::table)
                .values(&reach_rows)
                .execute(c)?;
        }
        Ok(())
    })
}

/// Numbers the unnumbered changes this transaction sees, oldest first (see the module's note).
fn seal(conn: &mut AnyConnection) -> Result<(), ApiError> {
    let pending: Vec<String> = changes::table
        .filter(changes::seq.is_null())
        .select(changes::id)
        .order(changes::id)
        .load(conn)?;
    if pending.is_empty() {
        return Ok(());
    }
    let count = pending.len() as i64;
    diesel::update(change_log::table.find(1))
        .set(change_log::last_seq.eq(change_log::last_seq + count))
        .execute(conn)?;
    let last: i64 = change_log::table
        .find(1)
        .select(change_log::last_seq)
        .first(conn)?;
    for (offset, id) in pending.iter().enumerate() {
        diesel::update(changes::table.find(id))
            .set(changes::seq.eq(last - count + 1 + offset as i64))
            .execute(conn)?;
    }
    Ok(())
}

/// The number of the newest committed change.
pub(super) fn last_seq(conn: &mut AnyConnection) -> Result<i64, ApiError> {
    Ok(change_log::table
        .find(1)
        .select(change_log::last_seq)
        .first(conn)?)
}

/// On PostgreSQL, numbers the changes committed since the last numbering, in a transaction of
/// its own under an advisory lock (one numbering at a time, across instances); nothing to do
/// on SQLite, whose writes number their own. Call it outside any transaction.
pub fn number_committed(conn: &mut AnyConnection) -> Result<(), ApiError> {
    if !matches!(conn, AnyConnection::Postgresql(_)) {
        return Ok(());
    }
    conn.transaction(|c| {
        diesel::sql_query("SELECT pg_advisory_xact_lock(7209100621)").execute(c)?;
        seal(c)
    })
}

/// The time of the newest change pruned so far, if any was.
pub(super) fn pruned_until(conn: &mut AnyConnection) -> Result<Option<NaiveDateTime>, ApiError> {
    Ok(change_log::table
        .find(1)
        .select(change_log::pruned_until)
        .first(conn)?)
}

/// The number of change `id` if it reaches `scope`.
pub(super) fn seq_in_scope(
    conn: &mut AnyConnection,
    scope: &Scope,
    id: &str,
) -> Result<Option<i64>, ApiError> {
    let mut query = changes::table
        .filter(changes::id.eq(id))
        .filter(changes::seq.is_not_null())
        .select(changes::seq.assume_not_null())
        .into_boxed();
    if let Some(root) = scope.subtree() {
        query = query.filter(reaches(root));
    }
    Ok(query.first(conn).optional()?)
}

/// Up to `limit` changes numbered after `after` that reach `scope`, of the given kinds, in
/// number order.
pub(super) fn after(
    conn: &mut AnyConnection,
    scope: &Scope,
    after: i64,
    kinds: &[ChangeType],
    limit: i64,
) -> Result<Vec<ChangeRow>, ApiError> {
    let mut query = changes::table
        .select(ChangeRow::as_select())
        .filter(changes::seq.gt(after))
        .into_boxed();
    if kinds.len() < ChangeType::ALL.len() {
        query = query.filter(changes::entity_type.eq_any(kinds.iter().map(|k| k.as_str())));
    }
    if let Some(root) = scope.subtree() {
        query = query.filter(reaches(root));
    }
    Ok(query.order(changes::seq.asc()).limit(limit).load(conn)?)
}

/// Directives reach everyone; other changes, the subtree their reach lies in.
fn reaches(
    root: &str,
) -> Box<dyn BoxableExpression<changes::table, MultiBackend, SqlType = diesel::sql_types::Bool>> {
    let (low, high) = crate::domain::agency_tree::subtree_bounds(root);
    let inside = change_reach::table
        .filter(change_reach::path.ge(low))
        .filter(change_reach::path.lt(high))
        .select(change_reach::change_id);
    Box::new(
        changes::entity_type
            .eq(ChangeType::Directive.as_str())
            .or(changes::id.eq_any(inside)),
    )
}

/// Removes the changes that occurred before `before` and remembers the newest time removed,
/// so that a cursor naming one of them is told to resynchronise. Returns how many went.
pub fn prune(conn: &mut AnyConnection, before: NaiveDateTime) -> Result<usize, ApiError> {
    let highest: Option<i64> = changes::table
        .filter(changes::occurred_at.lt(before))
        .filter(changes::seq.is_not_null())
        .select(diesel::dsl::max(changes::seq))
        .first(conn)?;
    let Some(highest) = highest else {
        return Ok(0);
    };
    // Everything up to the highest old number goes, so that what stays has no holes.
    let doomed = changes::table.filter(changes::seq.le(highest));
    let newest: Option<NaiveDateTime> = doomed
        .select(diesel::dsl::max(changes::occurred_at))
        .first(conn)?;
    let removed = diesel::delete(doomed).execute(conn)?;
    diesel::update(change_log::table.find(1))
        .set(change_log::pruned_until.eq(newest))
        .execute(conn)?;
    Ok(removed)
}
