//! The only door to account rows for request handlers: an account is read with the caller,
//! inside its subtree (another agency's account answers exactly like a missing one), or as the
//! caller's own. Reads before anyone is authenticated (login, token refresh, the extractor) and
//! the CLI's go through the `system_` functions.

use super::model::{UserChanges, UserRow};
use super::queries::{self, UserFilter};
use crate::auth::{AuthUser, Scope};
use crate::db::versioned::versioned_row;
use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// The account if its agency lies in the caller's subtree (any account for province roles),
/// else 404.
pub fn load(conn: &mut AnyConnection, caller: &AuthUser, id: &str) -> Result<UserRow, ApiError> {
    queries::find_in_scope(conn, id, &caller.scope)?.ok_or(ApiError::NotFound)
}

/// The caller's own account, wherever its agency lies.
pub fn own(conn: &mut AnyConnection, caller: &AuthUser) -> Result<UserRow, ApiError> {
    reload_written(conn, &caller.id)
}

/// A page of the accounts the caller sees.
pub(crate) fn list(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    filter: UserFilter,
    page: &PageRequest,
) -> Result<Vec<UserRow>, ApiError> {
    queries::list(conn, &caller.scope, filter, page)
}

versioned_row!(
    UserRow,
    UserChanges,
    "user",
    version,
    queries::update,
    reload_written
);

/// The account this request has just inserted or changed, read back for the answer.
pub(crate) fn reload_written(conn: &mut AnyConnection, id: &str) -> Result<UserRow, ApiError> {
    queries::find_in_scope(conn, id, &Scope::Province)?.ok_or(ApiError::NotFound)
}

/// The account with `username`, for logging in and for the CLI (no caller yet).
pub fn system_find_by_username(
    conn: &mut AnyConnection,
    username: &str,
) -> Result<Option<UserRow>, ApiError> {
    queries::find_by_username(conn, username)
}

/// The account behind a verified token with its agency's path, to build the caller.
pub fn system_find_account(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<(UserRow, Option<String>)>, ApiError> {
    queries::find_account(conn, id)
}
