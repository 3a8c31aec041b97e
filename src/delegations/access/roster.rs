//! Who a delegation is made of: the members and subjects a caller who runs it changes.

use chrono::Utc;

use super::{queries, Visible};
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::delegations::model::{MemberRow, SubjectRow};
use crate::domain::ids::{AgencyId, UserId};
use crate::error::ApiError;

/// Adds or re-roles a member of a delegation the caller runs.
pub(in crate::delegations) fn put_member(
    conn: &mut AnyConnection,
    visible: &Visible,
    user: &UserId,
    role: crate::domain::delegation::MemberRole,
) -> Result<(), ApiError> {
    queries::put_member(
        conn,
        &MemberRow {
            delegation_id: visible.row.id.clone(),
            user_id: user.clone(),
            role,
            added_at: Utc::now().naive_utc(),
            results: None,
            results_sent_at: None,
        },
    )
}

/// Removes a member; 404 when the user is not one.
pub(in crate::delegations) fn remove_member(
    conn: &mut AnyConnection,
    visible: &Visible,
    user: &UserId,
) -> Result<(), ApiError> {
    if queries::delete_member(conn, &visible.row.id, user)? {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// Adds a subject or changes its planned days.
pub(in crate::delegations) fn put_subject(
    conn: &mut AnyConnection,
    row: &SubjectRow,
) -> Result<(), ApiError> {
    queries::put_subject(conn, row)
}

/// Removes a subject; 404 when the agency is not one.
pub(in crate::delegations) fn remove_subject(
    conn: &mut AnyConnection,
    visible: &Visible,
    agency: &AgencyId,
) -> Result<(), ApiError> {
    if queries::delete_subject(conn, &visible.row.id, agency)? {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// The members' roles, to keep one head.
pub(in crate::delegations) fn heads(
    conn: &mut AnyConnection,
    visible: &Visible,
) -> Result<Vec<UserId>, ApiError> {
    Ok(queries::members(conn, &visible.row.id)?
        .into_iter()
        .filter(|(m, _)| m.role == crate::domain::delegation::MemberRole::Head)
        .map(|(m, _)| m.user_id)
        .collect())
}

/// The planned days of the delegation's subjects, to check a change of its field work.
pub(in crate::delegations) fn planned_days(
    conn: &mut AnyConnection,
    visible: &Visible,
) -> Result<Vec<(chrono::NaiveDate, chrono::NaiveDate)>, ApiError> {
    Ok(queries::subjects(conn, &visible.row.id)?
        .into_iter()
        .filter_map(|(row, _, _)| row.planned_from.zip(row.planned_to))
        .collect())
}

/// The caller's own membership of the delegation it sees, named by `user`: 404 when `user` is
/// not a member, 403 when it is another member (each member answers only for itself).
pub(in crate::delegations) fn own_membership(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
    user: &UserId,
) -> Result<MemberRow, ApiError> {
    let member = queries::member(conn, &visible.row.id, user)?.ok_or(ApiError::NotFound)?;
    ApiError::forbidden_unless(member.user_id == caller.id)?;
    Ok(member)
}

/// Stores a member's results of the field work, replacing any sent before.
pub(in crate::delegations) fn send_results(
    conn: &mut AnyConnection,
    visible: &Visible,
    member: &MemberRow,
    results: &str,
    at: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    queries::set_results(conn, &visible.row.id, &member.user_id, results, at)
}
