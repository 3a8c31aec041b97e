//! The only door to evidence rows: a file is loaded through its owner's access (a report
//! through its task, an assessment through its agency), so a caller sees a file exactly when
//! it sees what the file is evidence for; a file is attached or removed only while its owner
//! may change (`owner::check_changeable`), with its audit event.

use super::dto::EvidenceRow;
use super::owner::{check_changeable, check_visible, Owner};
use super::queries;
use crate::audit;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::domain::ids::EvidenceId;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// An evidence row and its owner, if the caller sees the owner.
pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &EvidenceId,
) -> Result<(EvidenceRow, Owner), ApiError> {
    let row = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let owner = Owner::of_row(&row)?;
    check_visible(conn, caller, &owner)?;
    Ok((row, owner))
}

/// A page of the evidence of an owner (report or assessment) the caller sees, else 404.
pub fn of_owner(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    owner: &Owner,
    page: &PageRequest,
) -> Result<Vec<EvidenceRow>, ApiError> {
    check_visible(conn, caller, owner)?;
    queries::of_owner(conn, owner, page)
}

/// A page of the evidence of a sent report a delegation's grant reaches.
pub fn granted_of_report(
    conn: &mut AnyConnection,
    report: &crate::reports::access::GrantedReport,
    page: &PageRequest,
) -> Result<Vec<EvidenceRow>, ApiError> {
    queries::of_owner(conn, &Owner::Report(report.row().id.clone()), page)
}

/// The file `id` if it is evidence of the sent report a delegation's grant reaches, else 404.
pub fn granted_load(
    conn: &mut AnyConnection,
    report: &crate::reports::access::GrantedReport,
    id: &EvidenceId,
) -> Result<EvidenceRow, ApiError> {
    queries::find(conn, id)?
        .filter(|row| Owner::of_row(row).ok() == Some(Owner::Report(report.row().id.clone())))
        .ok_or(ApiError::NotFound)
}

/// Records `row` as evidence for its owner, if the caller may change the owner's evidence now
/// (and the criterion it names is the owner's), with its audit event.
pub fn attach(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    row: &EvidenceRow,
) -> Result<(), ApiError> {
    let criterion = row.criterion_code.as_deref();
    check_changeable(conn, caller, &Owner::of_row(row)?, criterion)?;
    queries::insert(conn, row)?;
    let changes = serde_json::json!({"owner_type": row.owner_type, "owner_id": row.owner_id,
        "criterion_code": row.criterion_code, "filename": row.filename,
        "sha256": row.sha256, "size_bytes": row.size_bytes});
    audit::record(
        conn,
        &caller.actor(),
        "evidence.create",
        "evidence",
        row.id.as_str(),
        changes,
    )
}

/// Removes the file `id` if the caller sees it (else 404) and may change its owner's evidence
/// now (else 403/409), with its audit event; returns the removed row (its blob is the
/// caller's to delete).
pub fn remove(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &EvidenceId,
) -> Result<EvidenceRow, ApiError> {
    let (row, owner) = load(conn, caller, id)?;
    check_changeable(conn, caller, &owner, None)?;
    queries::delete(conn, id)?;
    let changes = serde_json::json!({"filename": row.filename});
    audit::record(
        conn,
        &caller.actor(),
        "evidence.delete",
        "evidence",
        id.as_str(),
        changes,
    )?;
    Ok(row)
}
