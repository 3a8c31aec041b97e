//! The change feed's transactional outbox: changes are written in the transaction that makes
//! them, numbered at that transaction's end, read in number order and pruned past retention.
//!
//! Why no change is ever skipped: a reader passes a change only once it has read its number,
//! so no change may become visible later with a lower number. PostgreSQL hands out sequence
//! values when asked, not when transactions commit, so a plain sequence breaks this. Here a
//! change is written with no number, and [`seal`], the last step of every write transaction
//! (`db::write_transaction` and SQLite's batch writer), takes the one `change_log` row with
//! an `UPDATE` and numbers the transaction's changes from it. The row stays locked until the
//! transaction commits, so the next transaction can only number its changes after this one
//! has committed: numbers follow commit order, and a rollback leaves no gap. Only the seal
//! and the commit are serialised, and only for transactions that changed something the feed
//! carries; on SQLite writes are serial anyway.

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

/// Writes a change unnumbered, with the agency paths it reaches; [`seal`] numbers it before
/// the transaction commits.
pub(super) fn insert(
    conn: &mut AnyConnection,
    row: &ChangeRow,
    reach: &[String],
) -> Result<(), ApiError> {
    diesel::insert_into(changes::table)
        .values(row)
        .execute(conn)?;
    let mut paths: Vec<&String> = reach.iter().collect();
    paths.sort();
    paths.dedup();
    for path in paths {
        diesel::insert_into(change_reach::table)
            .values((
                change_reach::change_id.eq(&row.id),
                change_reach::path.eq(path),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Numbers the changes this transaction published, in the order it published them. Must be
/// the transaction's last statement but the commit (see the module's note).
pub fn seal(conn: &mut AnyConnection) -> Result<(), ApiError> {
    // Committed changes always have a number, so the unnumbered ones are this transaction's.
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
