//! A delegation's subject entries: reached only through a delegation the caller sees, and for
//! a subject agency's users only their own entry; its notice and its working sessions.

use chrono::Utc;

use super::{load, queries, Visible};
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::delegations::model::{SessionRow, SubjectNoticeRow};
use crate::domain::ids::{AgencyId, DelegationId, SessionId};
use crate::domain::permissions::delegations::Standing;
use crate::error::ApiError;

/// A subject entry of a delegation the caller sees, loaded through it.
#[derive(Debug)]
pub struct SubjectEntry {
    pub row: SubjectNoticeRow,
    /// The subject agency's path, for the rules on its own users.
    pub path: String,
}

/// The subject entry of `agency` (else 404): a subject agency's users reach only their own.
pub fn subject_entry(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
    agency: &AgencyId,
) -> Result<SubjectEntry, ApiError> {
    let (row, path) = queries::subject(conn, &visible.row.id, agency)?.ok_or(ApiError::NotFound)?;
    if visible.standing == Standing::Subject && !caller.scope.contains(&path) {
        return Err(ApiError::NotFound);
    }
    Ok(SubjectEntry { row, path })
}

/// Stores a subject's drafted notice.
pub(in crate::delegations) fn set_notice(
    conn: &mut AnyConnection,
    visible: &Visible,
    entry: &SubjectEntry,
    outline: &str,
    report_due_on: chrono::NaiveDate,
) -> Result<(), ApiError> {
    queries::set_notice(
        conn,
        &visible.row.id,
        &entry.row.agency_id,
        outline,
        report_due_on,
    )
}

/// Issues a subject's notice in the caller's name.
pub(in crate::delegations) fn issue_notice(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
    entry: &SubjectEntry,
) -> Result<(), ApiError> {
    queries::issue_notice(
        conn,
        &visible.row.id,
        &entry.row.agency_id,
        &caller.id,
        Utc::now().naive_utc(),
    )
}

/// The sessions with a subject the caller reached through the delegation.
pub fn sessions(
    conn: &mut AnyConnection,
    visible: &Visible,
    entry: &SubjectEntry,
) -> Result<Vec<SessionRow>, ApiError> {
    queries::sessions(conn, &visible.row.id, &entry.row.agency_id)
}

/// A session with a subject, reached through the delegation and the subject entry (else 404).
pub fn session(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    delegation: &DelegationId,
    agency: &AgencyId,
    id: &SessionId,
) -> Result<(Visible, SessionRow), ApiError> {
    let visible = load(conn, caller, delegation)?;
    let entry = subject_entry(conn, caller, &visible, agency)?;
    let row = sessions(conn, &visible, &entry)?
        .into_iter()
        .find(|s| &s.id == id)
        .ok_or(ApiError::NotFound)?;
    Ok((visible, row))
}

/// Stores a session recorded by a member or overseer (checked by the caller).
pub(in crate::delegations) fn insert_session(
    conn: &mut AnyConnection,
    row: &SessionRow,
) -> Result<(), ApiError> {
    queries::insert_session(conn, row)
}
