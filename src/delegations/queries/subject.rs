//! SQL of a delegation's subject entries: the notice and the working sessions.

use diesel::prelude::*;

use crate::db::schema::{agencies, delegation_sessions, delegation_subjects};
use crate::db::AnyConnection;
use crate::delegations::model::{SessionRow, SubjectNoticeRow};
use crate::domain::ids::{AgencyId, DelegationId, UserId};
use crate::error::ApiError;

/// One subject entry of the delegation with its agency's path.
pub(in crate::delegations) fn subject(
    conn: &mut AnyConnection,
    id: &DelegationId,
    agency: &AgencyId,
) -> Result<Option<(SubjectNoticeRow, String)>, ApiError> {
    Ok(delegation_subjects::table
        .inner_join(agencies::table)
        .filter(delegation_subjects::delegation_id.eq(id))
        .filter(delegation_subjects::agency_id.eq(agency))
        .select((SubjectNoticeRow::as_select(), agencies::path))
        .first(conn)
        .optional()?)
}

/// Stores the drafted outline and due date of a subject's notice.
pub(in crate::delegations) fn set_notice(
    conn: &mut AnyConnection,
    id: &DelegationId,
    agency: &AgencyId,
    outline: &str,
    report_due_on: chrono::NaiveDate,
) -> Result<(), ApiError> {
    diesel::update(
        delegation_subjects::table
            .filter(delegation_subjects::delegation_id.eq(id))
            .filter(delegation_subjects::agency_id.eq(agency)),
    )
    .set((
        delegation_subjects::outline.eq(outline),
        delegation_subjects::report_due_on.eq(report_due_on),
    ))
    .execute(conn)?;
    Ok(())
}

/// Marks a subject's notice issued.
pub(in crate::delegations) fn issue_notice(
    conn: &mut AnyConnection,
    id: &DelegationId,
    agency: &AgencyId,
    by: &UserId,
    at: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(
        delegation_subjects::table
            .filter(delegation_subjects::delegation_id.eq(id))
            .filter(delegation_subjects::agency_id.eq(agency))
            .filter(delegation_subjects::notice_issued_at.is_null()),
    )
    .set((
        delegation_subjects::notice_issued_at.eq(at),
        delegation_subjects::notice_issued_by.eq(by),
    ))
    .execute(conn)
    .map(|_| ())
    .map_err(ApiError::from)
}

/// The sessions with one subject, in date order.
pub(in crate::delegations) fn sessions(
    conn: &mut AnyConnection,
    id: &DelegationId,
    agency: &AgencyId,
) -> Result<Vec<SessionRow>, ApiError> {
    Ok(delegation_sessions::table
        .filter(delegation_sessions::delegation_id.eq(id))
        .filter(delegation_sessions::agency_id.eq(agency))
        .select(SessionRow::as_select())
        .order((
            delegation_sessions::held_on.asc(),
            delegation_sessions::id.asc(),
        ))
        .load(conn)?)
}

pub(in crate::delegations) fn insert_session(
    conn: &mut AnyConnection,
    row: &SessionRow,
) -> Result<(), ApiError> {
    diesel::insert_into(delegation_sessions::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}
