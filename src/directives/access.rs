//! The only door to directive rows for request handlers: every logged-in user reads the whole
//! register (DESIGN section 4), so a directive is "not found" only when it does not exist;
//! who may write one is decided by `rules` against the issuing agency. The caller is named in
//! every load all the same, so that a narrower rule has one place to live.

use super::model::{DirectiveChanges, DirectiveRow};
use super::queries::{self, DirectiveFilter};
use crate::auth::AuthUser;
use crate::db::versioned::versioned_row;
use crate::db::AnyConnection;
use crate::domain::ids::DirectiveId;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// A directive with the ids of the directives it is based on.
pub type WithBases = (DirectiveRow, Vec<String>);

/// The directive, or 404.
pub fn load(
    conn: &mut AnyConnection,
    _caller: &AuthUser,
    id: &DirectiveId,
) -> Result<DirectiveRow, ApiError> {
    queries::find(conn, id)?.ok_or(ApiError::NotFound)
}

/// The directive with what it is based on, or 404.
pub fn load_with_bases(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DirectiveId,
) -> Result<WithBases, ApiError> {
    let row = load(conn, caller, id)?;
    with_bases(conn, row)
}

/// A page of the register, each directive with what it is based on.
pub(crate) fn list(
    conn: &mut AnyConnection,
    _caller: &AuthUser,
    filter: DirectiveFilter,
    page: &PageRequest,
) -> Result<Vec<WithBases>, ApiError> {
    let rows = queries::list(conn, filter, page)?;
    let ids: Vec<DirectiveId> = rows.iter().map(|r| r.id.clone()).collect();
    let mut bases = queries::bases_of(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let based_on = bases.remove(&row.id).unwrap_or_default();
            (row, based_on)
        })
        .collect())
}

/// Whether a directive named in a request body exists (the register is open to everyone).
pub(crate) fn exists(conn: &mut AnyConnection, id: &str) -> Result<bool, ApiError> {
    let Some(id) = DirectiveId::parse(id) else {
        return Ok(false);
    };
    Ok(queries::find(conn, &id)?.is_some())
}

versioned_row!(
    DirectiveRow,
    DirectiveChanges,
    "directive",
    version,
    update_stored,
    reload_row
);

/// The versioned write path names rows by their stored id text.
fn update_stored(
    conn: &mut AnyConnection,
    id: &str,
    read_version: i32,
    changes: &DirectiveChanges,
) -> Result<(), ApiError> {
    queries::update(
        conn,
        &DirectiveId::from_stored(id.to_owned()),
        read_version,
        changes,
    )
}

fn reload_row(conn: &mut AnyConnection, id: &str) -> Result<DirectiveRow, ApiError> {
    reload_written(conn, &DirectiveId::from_stored(id.to_owned())).map(|(row, _)| row)
}

/// The directive this request has just written, with its bases, read back for the answer.
pub(crate) fn reload_written(
    conn: &mut AnyConnection,
    id: &DirectiveId,
) -> Result<WithBases, ApiError> {
    let row = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    with_bases(conn, row)
}

pub(super) fn with_bases(
    conn: &mut AnyConnection,
    row: DirectiveRow,
) -> Result<WithBases, ApiError> {
    let based_on = queries::bases_of(conn, std::slice::from_ref(&row.id))?
        .remove(&row.id)
        .unwrap_or_default();
    Ok((row, based_on))
}
