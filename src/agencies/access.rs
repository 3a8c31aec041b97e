//! The only door to agency rows for request handlers and for the resources that name an
//! agency (accounts, tasks, directives, registrations): every read takes the caller or the
//! scope it acts in, and an agency outside it answers exactly like a missing one. Reading back
//! a row this request has just written goes through [`reload_written`].

use super::model::{AgencyChanges, AgencyRow};
use super::queries::{self, AgencyFilter};
use crate::auth::{AuthUser, Scope};
use crate::db::versioned::versioned_row;
use crate::db::AnyConnection;
use crate::domain::ids::AgencyId;
use crate::domain::permissions::administration as permissions;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// An agency the caller sees. Only this module makes one, so holding it proves the scope was
/// checked.
#[derive(Debug)]
pub struct Visible(AgencyRow);

impl Visible {
    pub fn row(&self) -> &AgencyRow {
        &self.0
    }

    pub fn into_row(self) -> AgencyRow {
        self.0
    }
}

/// The agency if it lies in the caller's subtree (any agency for province roles), else 404.
pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &AgencyId,
) -> Result<Visible, ApiError> {
    queries::find_in_scope(conn, id.as_str(), &caller.scope)?
        .map(Visible)
        .ok_or(ApiError::NotFound)
}

/// The agency if the caller sees it (else 404) and administers the tree (else 403).
pub fn for_admin(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &AgencyId,
) -> Result<Visible, ApiError> {
    let agency = load(conn, caller, id)?;
    check_administers(caller)?;
    Ok(agency)
}

/// 403 unless the caller administers the agency tree (to create an agency).
pub fn check_administers(caller: &AuthUser) -> Result<(), ApiError> {
    ApiError::forbidden_unless(permissions::administers_tree(caller))
}

/// An agency that a request body names in `field` (a parent, an account's agency, a lead or
/// issuing agency), looked up inside `scope`: an unknown id and one outside the scope get the
/// same 422 with `message`, so the answer does not tell whether another agency exists.
pub fn named(
    conn: &mut AnyConnection,
    scope: &Scope,
    id: &str,
    field: &str,
    message: &str,
) -> Result<AgencyRow, ApiError> {
    queries::find_in_scope(conn, id, scope)?.ok_or_else(|| ApiError::field(field, message))
}

/// [`named`] by the agency's code, as a row of an import names it.
pub fn named_by_code(
    conn: &mut AnyConnection,
    scope: &Scope,
    code: &str,
    field: &str,
) -> Result<AgencyRow, ApiError> {
    queries::find_by_code(conn, code)?
        .filter(|agency| scope.contains(&agency.path))
        .ok_or_else(|| ApiError::field(field, "no agency with this code"))
}

/// A page of the agencies the caller sees.
pub(crate) fn list(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    filter: AgencyFilter,
    page: &PageRequest,
) -> Result<Vec<AgencyRow>, ApiError> {
    queries::list(conn, &caller.scope, filter, page)
}

/// Every agency the caller sees, in tree order; for views with one row per agency.
pub fn all_visible(
    conn: &mut AnyConnection,
    caller: &AuthUser,
) -> Result<Vec<AgencyRow>, ApiError> {
    queries::all_in_scope(conn, &caller.scope)
}

/// [`all_visible`] and the agencies the caller's agency succeeded in reorganisations (their
/// subtrees, read only).
pub fn all_visible_with_predecessors(
    conn: &mut AnyConnection,
    caller: &AuthUser,
) -> Result<Vec<AgencyRow>, ApiError> {
    let mut agencies = all_visible(conn, caller)?;
    for root in crate::reorganisations::access::inherited_roots(conn, &caller.scope)? {
        agencies.extend(queries::all_in_scope(conn, &Scope::Subtree(root))?);
    }
    Ok(agencies)
}

versioned_row!(
    AgencyRow,
    AgencyId,
    AgencyChanges,
    "agency",
    version,
    queries::update,
    reload_written
);

/// The agency this request has just inserted or changed, read back for the answer.
pub(crate) fn reload_written(
    conn: &mut AnyConnection,
    id: &AgencyId,
) -> Result<AgencyRow, ApiError> {
    queries::find_in_scope(conn, id.as_str(), &Scope::Province)?.ok_or(ApiError::NotFound)
}

/// The agency with `code`, for work done for the province rather than for a caller (the CLI,
/// seeding).
pub fn system_find_by_code(
    conn: &mut AnyConnection,
    code: &str,
) -> Result<Option<AgencyRow>, ApiError> {
    queries::find_by_code(conn, code)
}

/// The active sub-agencies of `agencies` that do not end with them: a reorganisation that
/// ends an agency must first place its units.
pub(crate) fn active_children_outside(
    conn: &mut AnyConnection,
    _caller: &AuthUser,
    agencies: &[AgencyId],
) -> Result<Vec<AgencyRow>, ApiError> {
    queries::active_children_outside(conn, agencies)
}

/// Ends an agency by a reorganisation: it stays in the tree, inactive, with its records and
/// its name, through the agency's one write path.
pub(crate) fn end_by_reorganisation(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    agency: &AgencyRow,
    (decision, last_day): (&str, chrono::NaiveDate),
) -> Result<AgencyRow, ApiError> {
    let changes = AgencyChanges {
        active: Some(false),
        valid_to: Some(Some(last_day)),
        ..Default::default()
    };
    let audit = serde_json::json!({"decision": decision, "active": false, "valid_to": last_day});
    crate::db::versioned::save(
        conn,
        &caller.actor(),
        agency,
        changes,
        "agency.reorganise",
        audit,
        |_| Ok(()),
    )
}

/// The agencies of the lineage of an agency the caller sees (its predecessors and successors
/// may lie outside the caller's subtree: their code and name are part of its history).
pub(crate) fn lineage_members(
    conn: &mut AnyConnection,
    _of: &Visible,
    ids: &[AgencyId],
) -> Result<Vec<AgencyRow>, ApiError> {
    ids.iter()
        .map(|id| {
            queries::find_in_scope(conn, id.as_str(), &Scope::Province)?.ok_or(ApiError::NotFound)
        })
        .collect()
}

/// The paths of the agencies `ids` (the lineage graph's), read for the province: what a
/// caller's inherited scope is computed from, never shown.
pub(crate) fn system_paths_of(
    conn: &mut AnyConnection,
    ids: &[&str],
) -> Result<std::collections::HashMap<String, String>, ApiError> {
    queries::paths_of(conn, ids)
}

/// The agencies inside the subtrees rooted at `roots` (a caller's inherited ones, which the
/// caller computed from its own scope), by id.
pub(crate) fn system_ids_within(
    conn: &mut AnyConnection,
    roots: &[String],
) -> Result<Vec<AgencyId>, ApiError> {
    let mut ids = Vec::new();
    for root in roots {
        ids.extend(queries::ids_within(conn, root)?);
    }
    Ok(ids)
}
