//! SQL of a delegation's members and subjects.

use diesel::prelude::*;

use crate::db::schema::{delegation_members, delegation_subjects};
use crate::db::AnyConnection;
use crate::delegations::model::{MemberRow, SubjectRow};
use crate::domain::ids::{AgencyId, DelegationId, UserId};
use crate::error::ApiError;

/// Adds the member, or changes its role when it is one already.
pub(in crate::delegations) fn put_member(
    conn: &mut AnyConnection,
    row: &MemberRow,
) -> Result<(), ApiError> {
    let changed = diesel::update(
        delegation_members::table
            .filter(delegation_members::delegation_id.eq(&row.delegation_id))
            .filter(delegation_members::user_id.eq(&row.user_id)),
    )
    .set(delegation_members::role.eq(row.role))
    .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(delegation_members::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// Removes the member; whether it was one.
pub(in crate::delegations) fn delete_member(
    conn: &mut AnyConnection,
    id: &DelegationId,
    user: &UserId,
) -> Result<bool, ApiError> {
    let rows = diesel::delete(
        delegation_members::table
            .filter(delegation_members::delegation_id.eq(id))
            .filter(delegation_members::user_id.eq(user)),
    )
    .execute(conn)?;
    Ok(rows > 0)
}

/// Adds the subject, or changes its planned days when it is one already.
pub(in crate::delegations) fn put_subject(
    conn: &mut AnyConnection,
    row: &SubjectRow,
) -> Result<(), ApiError> {
    let changed = diesel::update(
        delegation_subjects::table
            .filter(delegation_subjects::delegation_id.eq(&row.delegation_id))
            .filter(delegation_subjects::agency_id.eq(&row.agency_id)),
    )
    .set((
        delegation_subjects::planned_from.eq(row.planned_from),
        delegation_subjects::planned_to.eq(row.planned_to),
    ))
    .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(delegation_subjects::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// Removes the subject; whether it was one.
pub(in crate::delegations) fn delete_subject(
    conn: &mut AnyConnection,
    id: &DelegationId,
    agency: &AgencyId,
) -> Result<bool, ApiError> {
    let rows = diesel::delete(
        delegation_subjects::table
            .filter(delegation_subjects::delegation_id.eq(id))
            .filter(delegation_subjects::agency_id.eq(agency)),
    )
    .execute(conn)?;
    Ok(rows > 0)
}

pub(in crate::delegations) fn member(
    conn: &mut AnyConnection,
    id: &DelegationId,
    user: &UserId,
) -> Result<Option<MemberRow>, ApiError> {
    Ok(delegation_members::table
        .filter(delegation_members::delegation_id.eq(id))
        .filter(delegation_members::user_id.eq(user))
        .select(MemberRow::as_select())
        .first(conn)
        .optional()?)
}

pub(in crate::delegations) fn set_results(
    conn: &mut AnyConnection,
    id: &DelegationId,
    user: &UserId,
    results: &str,
    at: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        delegation_members::table
            .filter(delegation_members::delegation_id.eq(id))
            .filter(delegation_members::user_id.eq(user)),
    )
    .set((
        delegation_members::results.eq(results),
        delegation_members::results_sent_at.eq(at),
    ))
    .execute(conn)?;
    crate::db::expect_updated(rows, "delegation member")
}
