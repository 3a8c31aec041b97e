//! The only door to evidence rows: a file is loaded through its owner's access (a report
//! through its task, an assessment through its agency), so a caller sees a file exactly when
//! it sees what the file is evidence for.

use super::dto::EvidenceRow;
use super::owner::{check_visible, Owner};
use super::queries;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// An evidence row and its owner, if the caller sees the owner.
pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &str,
) -> Result<(EvidenceRow, Owner), ApiError> {
    let row = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let owner = Owner::parse(&row.owner_type)?;
    check_visible(conn, caller, owner, &row.owner_id)?;
    Ok((row, owner))
}

/// A page of the evidence of an owner (report or assessment) the caller sees, else 404.
pub fn of_owner(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    owner: Owner,
    owner_id: &str,
    page: &PageRequest,
) -> Result<Vec<EvidenceRow>, ApiError> {
    check_visible(conn, caller, owner, owner_id)?;
    queries::of_owner(conn, owner, owner_id, page)
}
