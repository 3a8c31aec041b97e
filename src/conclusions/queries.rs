//! SQL of subjects' conclusions; only `conclusions::access` calls it.

use diesel::prelude::*;

use super::model::{ConclusionChanges, ConclusionRow, RecommendationRow};
use crate::db::schema::{delegation_conclusions, recommendations};
use crate::db::{expect_updated, AnyConnection};
use crate::domain::ids::{AgencyId, DelegationId};
use crate::error::ApiError;

/// `(delegation id, agency id)`: the conclusion's key.
pub(super) type Key = (DelegationId, AgencyId);

pub(super) fn find(
    conn: &mut AnyConnection,
    delegation: &DelegationId,
    agency: &AgencyId,
) -> Result<Option<ConclusionRow>, ApiError> {
    Ok(delegation_conclusions::table
        .filter(delegation_conclusions::delegation_id.eq(delegation))
        .filter(delegation_conclusions::agency_id.eq(agency))
        .select(ConclusionRow::as_select())
        .first(conn)
        .optional()?)
}

pub(super) fn insert(conn: &mut AnyConnection, row: &ConclusionRow) -> Result<(), ApiError> {
    diesel::insert_into(delegation_conclusions::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub(super) fn update(
    conn: &mut AnyConnection,
    key: &Key,
    read_version: i32,
    changes: &ConclusionChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        delegation_conclusions::table
            .filter(delegation_conclusions::delegation_id.eq(&key.0))
            .filter(delegation_conclusions::agency_id.eq(&key.1))
            .filter(delegation_conclusions::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    expect_updated(rows, "conclusion")
}

pub(super) fn insert_recommendation(
    conn: &mut AnyConnection,
    row: &RecommendationRow,
) -> Result<(), ApiError> {
    diesel::insert_into(recommendations::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The recommendations the subject's conclusion issued, in their order.
pub(super) fn recommendations(
    conn: &mut AnyConnection,
    delegation: &DelegationId,
    agency: &AgencyId,
) -> Result<Vec<RecommendationRow>, ApiError> {
    Ok(recommendations::table
        .filter(recommendations::delegation_id.eq(delegation))
        .filter(recommendations::agency_id.eq(agency))
        .order(recommendations::position.asc())
        .select(RecommendationRow::as_select())
        .load(conn)?)
}
