//! The only door to periodic reviews: a review of an agency is seen by the province's roles and
//! the users of a subtree holding the agency, a review of the province by the province's roles
//! (`domain::permissions::reviews`); anyone else gets 404. Those who may write one are the
//! province's supervisors and admins and the managers of the agency's subtree.

use super::model::{ReviewChanges, ReviewRow};
use super::queries::{self, ReviewFilter};
use crate::auth::AuthUser;
use crate::db::versioned::{self, versioned_row};
use crate::db::AnyConnection;
use crate::domain::ids::ReviewId;
use crate::domain::permissions::reviews as rules;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// A review the caller sees.
#[derive(Debug)]
pub struct Visible {
    row: ReviewRow,
}

impl Visible {
    pub fn row(&self) -> &ReviewRow {
        &self.row
    }

    pub fn into_row(self) -> ReviewRow {
        self.row
    }
}

/// The review if the caller sees it, else 404.
pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &ReviewId,
) -> Result<Visible, ApiError> {
    let (row, path) = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    if !rules::sees(caller, path.as_deref()) {
        return Err(ApiError::NotFound);
    }
    Ok(Visible { row })
}

/// The review (else 404) if the caller writes it (else 403).
pub fn for_writing(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &ReviewId,
) -> Result<Visible, ApiError> {
    let (row, path) = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    if !rules::sees(caller, path.as_deref()) {
        return Err(ApiError::NotFound);
    }
    ApiError::forbidden_unless(rules::writes(caller, path.as_deref()))?;
    Ok(Visible { row })
}

/// 403 unless the caller may write a review of the agency at `path` (`None`: the province).
pub fn check_writes(caller: &AuthUser, path: Option<&str>) -> Result<(), ApiError> {
    ApiError::forbidden_unless(rules::writes(caller, path))
}

/// A page of the reviews the caller sees.
pub(crate) fn list(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    filter: ReviewFilter,
    page: &PageRequest,
) -> Result<Vec<ReviewRow>, ApiError> {
    let root = caller
        .scope
        .subtree()
        .filter(|_| caller.role.is_agency_scoped());
    queries::list(conn, root, filter, page)
}

/// Stores a new review and its audit event.
pub(super) fn insert(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    row: &ReviewRow,
    audit: serde_json::Value,
) -> Result<(), ApiError> {
    queries::insert(conn, row)?;
    crate::audit::record(
        conn,
        &caller.actor(),
        "review.create",
        "review",
        row.id.as_str(),
        audit,
    )
}

versioned_row!(
    ReviewRow,
    ReviewId,
    ReviewChanges,
    "review",
    version,
    queries::update,
    reload_written
);

/// The review this request has just written.
fn reload_written(conn: &mut AnyConnection, id: &ReviewId) -> Result<ReviewRow, ApiError> {
    queries::find(conn, id)?
        .map(|(row, _)| row)
        .ok_or(ApiError::NotFound)
}

/// The one write path of a review: over the version read, with the next version, `updated_at`
/// and the audit event.
pub(super) fn save(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
    changes: ReviewChanges,
    audit: serde_json::Value,
) -> Result<ReviewRow, ApiError> {
    versioned::save(
        conn,
        &caller.actor(),
        &visible.row,
        changes,
        "review.update",
        audit,
        |_| Ok(()),
    )
}
