//! Evidence queries. Evidence is visible to whoever sees the report or assessment it is
//! attached to (see `owner`).

use diesel::prelude::*;

use super::dto::EvidenceRow;
use super::owner::Owner;
use crate::db::schema::evidence;
use crate::db::AnyConnection;
use crate::domain::ids::EvidenceId;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

pub fn find(conn: &mut AnyConnection, id: &EvidenceId) -> Result<Option<EvidenceRow>, ApiError> {
    Ok(evidence::table
        .filter(evidence::id.eq(id))
        .select(EvidenceRow::as_select())
        .first(conn)
        .optional()?)
}

pub(super) fn of_owner(
    conn: &mut AnyConnection,
    owner: &Owner,
    page: &PageRequest,
) -> Result<Vec<EvidenceRow>, ApiError> {
    let mut query = evidence::table
        .filter(evidence::owner_type.eq(owner.kind()))
        .filter(evidence::owner_id.eq(owner.id()))
        .select(EvidenceRow::as_select())
        .into_boxed();
    if let Some(after) = &page.after {
        query = query.filter(evidence::id.gt(after.clone()));
    }
    Ok(query
        .order(evidence::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}

pub fn insert(conn: &mut AnyConnection, row: &EvidenceRow) -> Result<(), ApiError> {
    diesel::insert_into(evidence::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut AnyConnection, id: &EvidenceId) -> Result<(), ApiError> {
    diesel::delete(evidence::table.filter(evidence::id.eq(id))).execute(conn)?;
    Ok(())
}
