//! The only door to account rows for request handlers: an account is read with the caller,
//! inside its subtree (another agency's account answers exactly like a missing one), or as the
//! caller's own. Reads before anyone is authenticated (login, token refresh, the extractor) and
//! the CLI's go through the `system_` functions.

use super::model::{Account, UserChanges, UserRow};
use super::queries::{self, UserFilter};
use crate::agencies::access as agency_access;
use crate::auth::{AuthUser, Scope};
use crate::db::versioned::versioned_row;
use crate::db::AnyConnection;
use crate::domain::ids::UserId;
use crate::domain::permissions::users as permissions;
use crate::domain::role::Role;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// The account if its agency lies in the caller's subtree (any account for province roles),
/// else 404.
pub fn load(conn: &mut AnyConnection, caller: &AuthUser, id: &UserId) -> Result<UserRow, ApiError> {
    queries::find_in_scope(conn, id, &caller.scope)?.ok_or(ApiError::NotFound)
}

/// The account if the caller sees it (else 404) and may manage an account of its role and,
/// when `new_role` is given, hand out that role (else 403).
pub fn for_management(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &UserId,
    new_role: Option<Role>,
) -> Result<UserRow, ApiError> {
    let account = load(conn, caller, id)?;
    check_grant(caller, account.role)?;
    new_role.map_or(Ok(()), |role| check_grant(caller, role))?;
    Ok(account)
}

/// 403 unless the caller's role manages accounts at all.
pub fn check_manages_accounts(caller: &AuthUser) -> Result<(), ApiError> {
    ApiError::forbidden_unless(permissions::manages_accounts(caller))
}

/// 403 unless the caller may create or hand out an account of `role`.
pub fn check_grant(caller: &AuthUser, role: Role) -> Result<(), ApiError> {
    ApiError::forbidden_unless(permissions::may_manage(caller, role))
}

/// The answer for an account's agency that is unknown or outside the caller's subtree (the
/// same for both).
const NO_AGENCY: &str = "no agency with this id in your scope";

/// Checks the agency an account of `role` gets: required for agency roles, and inside
/// `scope` (an agency outside it answers like an unknown one).
pub fn check_agency(
    conn: &mut AnyConnection,
    scope: &Scope,
    role: Role,
    agency_id: Option<&str>,
) -> Result<(), ApiError> {
    require_agency(role, agency_id)?;
    if let Some(agency_id) = agency_id {
        agency_access::named(conn, scope, agency_id, "agency_id", NO_AGENCY)?;
    }
    Ok(())
}

/// 422 when an account of `role` would have no agency but needs one.
pub fn require_agency(role: Role, agency_id: Option<&str>) -> Result<(), ApiError> {
    match permissions::agency_required(role, agency_id.is_some()) {
        Some(message) => Err(ApiError::field("agency_id", message)),
        None => Ok(()),
    }
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
    UserId,
    UserChanges,
    "user",
    version,
    queries::update,
    reload_written
);

/// The account this request has just inserted or changed, read back for the answer.
pub(crate) fn reload_written(conn: &mut AnyConnection, id: &UserId) -> Result<UserRow, ApiError> {
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
    id: &UserId,
) -> Result<Option<(Account, Option<String>)>, ApiError> {
    queries::find_account(conn, id)
}

/// The accounts of `agencies`, for a caller who prepares reorganisations (else 403): the
/// province roles, who see every account anyway.
pub(crate) fn accounts_to_reorganise(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    agencies: &[crate::domain::ids::AgencyId],
) -> Result<Vec<(UserId, String, crate::domain::ids::AgencyId)>, ApiError> {
    crate::reorganisations::access::check_preparer(caller)?;
    queries::of_agencies(conn, agencies)
}

/// Moves an account to the successor of its agency, through the account's one write path,
/// naming the decision. Its tokens stay valid: its person keeps working, now for the successor.
pub(crate) fn move_to_successor(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &UserId,
    to: &crate::domain::ids::AgencyId,
    decision: &str,
) -> Result<UserRow, ApiError> {
    let account = load(conn, caller, id)?;
    let changes = UserChanges {
        agency_id: Some(Some(to.clone())),
        ..Default::default()
    };
    let audit = serde_json::json!({"decision": decision, "agency_id": to});
    crate::db::versioned::save(
        conn,
        &caller.actor(),
        &account,
        changes,
        "user.reorganise",
        audit,
        |_| Ok(()),
    )
}

/// Deactivates an account of an agency that a reorganisation ends, ending its sessions,
/// through the account's one write path, naming the decision.
pub(crate) fn deactivate_by_reorganisation(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &UserId,
    decision: &str,
) -> Result<UserRow, ApiError> {
    let account = load(conn, caller, id)?;
    let changes = UserChanges {
        active: Some(false),
        ..Default::default()
    };
    let audit = serde_json::json!({"decision": decision, "active": false});
    let user = account.id.clone();
    crate::db::versioned::save(
        conn,
        &caller.actor(),
        &account,
        changes,
        "user.reorganise",
        audit,
        |conn| crate::auth::sessions::end_all(conn, &user),
    )
}
