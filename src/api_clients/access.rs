//! The only door to API clients: admins manage every client, an agency manager those of its
//! subtree; anyone else gets 404 for a client and 403 for the list. The token endpoint and
//! the token check read clients for no caller (`system_*`).

use chrono::{NaiveDateTime, Utc};

use super::model::{ApiClientChanges, ApiClientRow};
use super::queries;
use crate::agencies::access as agency_access;
use crate::auth::AuthUser;
use crate::db::versioned::{self, versioned_row};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, ApiClientId};
use crate::domain::role::Role;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// A client the caller manages.
#[derive(Debug)]
pub struct Visible {
    row: ApiClientRow,
}

impl Visible {
    pub fn row(&self) -> &ApiClientRow {
        &self.row
    }
}

fn manages(caller: &AuthUser, agency_path: Option<&str>) -> bool {
    match caller.role {
        Role::Admin => true,
        Role::AgencyManager => agency_path.is_some_and(|path| caller.scope.contains(path)),
        _ => false,
    }
}

/// 403 unless the caller's role manages API clients (admins, agency managers).
pub fn check_manages_clients(caller: &AuthUser) -> Result<(), ApiError> {
    ApiError::forbidden_unless(matches!(caller.role, Role::Admin | Role::AgencyManager))
}

/// The client if the caller manages it, else 404.
pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &ApiClientId,
) -> Result<Visible, ApiError> {
    let (row, agency_path) = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    if !manages(caller, agency_path.as_deref()) {
        return Err(ApiError::NotFound);
    }
    Ok(Visible { row })
}

/// The agency a new client reaches, checked inside the caller's scope (an unknown agency and
/// one outside it get the same 422), and the role its account acts with: a province client
/// (admins only) as a supervisor, an agency's client as that agency's manager.
pub(super) fn reach_of_new(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    agency: Option<&AgencyId>,
) -> Result<Role, ApiError> {
    check_manages_clients(caller)?;
    let Some(agency) = agency else {
        if caller.role != Role::Admin {
            return Err(ApiError::field(
                "agency_id",
                "must name an agency of your subtree",
            ));
        }
        return Ok(Role::Supervisor);
    };
    agency_access::named(
        conn,
        &caller.scope,
        agency.as_str(),
        "agency_id",
        "names no agency you may give a client",
    )?;
    Ok(Role::AgencyManager)
}

/// A page of the clients the caller manages (403 for roles that manage none).
pub(crate) fn list(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    page: &PageRequest,
) -> Result<Vec<ApiClientRow>, ApiError> {
    check_manages_clients(caller)?;
    let root = match caller.role {
        Role::Admin => None,
        _ => Some(caller.scope.subtree().unwrap_or("/none/")),
    };
    queries::list(conn, root, page)
}

/// Stores a new client and its audit event.
pub(super) fn insert(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    row: &ApiClientRow,
    audit: serde_json::Value,
) -> Result<(), ApiError> {
    queries::insert(conn, row)?;
    crate::audit::record(
        conn,
        &caller.actor(),
        "api_client.create",
        "api_client",
        row.id.as_str(),
        audit,
    )
}

versioned_row!(
    ApiClientRow,
    ApiClientId,
    ApiClientChanges,
    "api_client",
    version,
    queries::update,
    reload_written
);

/// The client this request has just written.
fn reload_written(conn: &mut AnyConnection, id: &ApiClientId) -> Result<ApiClientRow, ApiError> {
    queries::find(conn, id)?
        .map(|(row, _)| row)
        .ok_or(ApiError::NotFound)
}

/// The one write path of a client: over the version read, with the next version,
/// `updated_at` and the audit event.
pub(super) fn save(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
    changes: ApiClientChanges,
    event: &str,
    audit: serde_json::Value,
) -> Result<ApiClientRow, ApiError> {
    versioned::save(
        conn,
        &caller.actor(),
        &visible.row,
        changes,
        event,
        audit,
        |_| Ok(()),
    )
}

/// The client behind a token request, for no caller (the token endpoint).
pub(super) fn system_find(
    conn: &mut AnyConnection,
    id: &ApiClientId,
) -> Result<Option<ApiClientRow>, ApiError> {
    Ok(queries::find(conn, id)?.map(|(row, _)| row))
}

/// Notes that the client got a token at `at`.
pub(super) fn system_touch(
    conn: &mut AnyConnection,
    id: &ApiClientId,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    queries::touch(conn, id, at)
}

/// Whether the client behind a token may still act: a token never outlives the client's
/// deactivation or expiry (checked at every request made with it).
pub fn system_still_usable(conn: &mut AnyConnection, id: &ApiClientId) -> Result<bool, ApiError> {
    let now = Utc::now().naive_utc();
    Ok(system_find(conn, id)?.is_some_and(|row| row.usable_at(now)))
}
