//! The only door to directive rows for request handlers: every logged-in user reads the whole
//! register (DESIGN section 4), so a directive is "not found" only when it does not exist;
//! who may write one is decided here, by `domain::permissions::directives` against the issuing
//! agency. The caller is named in
//! every load all the same, so that a narrower rule has one place to live.

use super::dto::{DirectivePatch, NewDirective};
use super::model::{DirectiveChanges, DirectiveRow};
use super::queries::{self, DirectiveFilter};
use crate::agencies::access as agency_access;
use crate::agencies::queries as agency_queries;
use crate::audit::{self, AuditActor};
use crate::auth::{AuthUser, Scope};
use crate::db::versioned::versioned_row;
use crate::db::AnyConnection;
use crate::domain::directive::DirectiveKind;
use crate::domain::ids::{AgencyId, DirectiveId};
use crate::domain::permissions::{directives as rules, Actor};
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

/// The directive (else 404) if the caller may write it as it is and as `patch` leaves it
/// (else 403). Roles that never write get 403 before any agency in the patch is looked up.
pub fn for_update(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DirectiveId,
    patch: &DirectivePatch,
) -> Result<DirectiveRow, ApiError> {
    let current = load(conn, caller, id)?;
    check_writer(caller)?;
    // Only the current issuer's path is read, to decide whether the caller may change it.
    let current_path = current
        .issuer_agency_id
        .as_ref()
        .map(|id| agency_queries::path_of(conn, id))
        .transpose()?;
    let new_path = match &patch.issuer_agency_id {
        Some(Some(id)) => Some(issuer_agency(conn, caller.scope(), id.as_str())?.0),
        Some(None) => None,
        None => current_path.clone(),
    };
    let new_kind = patch.kind.unwrap_or(current.kind);
    check_may_write(caller, current.kind, current_path.as_deref())?;
    check_may_write(caller, new_kind, new_path.as_deref())?;
    Ok(current)
}

/// The issuing agency's path and name (if the directive names one) when `writer` may record
/// `new`; 403 otherwise, before any agency is looked up for roles that never write.
pub fn issuer_for_new(
    conn: &mut AnyConnection,
    writer: &impl Actor,
    new: &NewDirective,
) -> Result<Option<(String, String)>, ApiError> {
    check_writer(writer)?;
    let agency = new
        .issuer_agency_id
        .as_ref()
        .map(AgencyId::as_str)
        .map(|id| issuer_agency(conn, writer.scope(), id))
        .transpose()?;
    check_may_write(writer, new.kind, agency.as_ref().map(|(p, _)| p.as_str()))?;
    Ok(agency)
}

pub(crate) fn check_writer(actor: &impl Actor) -> Result<(), ApiError> {
    ApiError::forbidden_unless(rules::writes_directives(actor))
}

fn check_may_write(
    actor: &impl Actor,
    kind: DirectiveKind,
    issuer_path: Option<&str>,
) -> Result<(), ApiError> {
    ApiError::forbidden_unless(rules::may_write(actor, kind, issuer_path))
}

/// The issuing agency's path and name, looked up inside `scope`, or a 422 naming
/// `issuer_agency_id`: an agency outside the caller's scope answers like an unknown one.
fn issuer_agency(
    conn: &mut AnyConnection,
    scope: &Scope,
    id: &str,
) -> Result<(String, String), ApiError> {
    const UNKNOWN: &str = "no agency with this id";
    agency_access::named(conn, scope, id, "issuer_agency_id", UNKNOWN).map(|a| (a.path, a.name))
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

/// The directive a row of an import names by its number (số, ký hiệu), as `field`: an
/// unknown number, or one that several directives share, is a 422 on that field.
pub(crate) fn named_by_number(
    conn: &mut AnyConnection,
    _caller: &AuthUser,
    number: &str,
    field: &str,
) -> Result<DirectiveId, ApiError> {
    let mut ids = queries::ids_numbered(conn, number)?;
    match (ids.pop(), ids.is_empty()) {
        (Some(id), true) => Ok(DirectiveId::from_stored(id)),
        (Some(_), false) => Err(ApiError::field(
            field,
            "several directives have this number; name the directive by its id",
        )),
        (None, _) => Err(ApiError::field(field, "no directive has this number")),
    }
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
    DirectiveId,
    DirectiveChanges,
    "directive",
    version,
    queries::update,
    reload_row
);

fn reload_row(conn: &mut AnyConnection, id: &DirectiveId) -> Result<DirectiveRow, ApiError> {
    reload_written(conn, id).map(|(row, _)| row)
}

/// The directive this request has just written, with its bases, read back for the answer.
pub(crate) fn reload_written(
    conn: &mut AnyConnection,
    id: &DirectiveId,
) -> Result<WithBases, ApiError> {
    let row = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    with_bases(conn, row)
}

/// Stores a new directive checked with [`issuer_for_new`], its bases and its audit event.
pub fn insert(
    conn: &mut AnyConnection,
    actor: &AuditActor,
    row: &DirectiveRow,
    based_on: &[String],
) -> Result<(), ApiError> {
    queries::insert(conn, row)?;
    queries::replace_bases(conn, &row.id, based_on)?;
    let changes = serde_json::json!({
        "kind": row.kind, "number": row.number, "issuer": row.issuer, "issuer_agency_id": row.issuer_agency_id,
        "issued_on": row.issued_on, "title": row.title, "status": row.status,
        "superseded_by": row.superseded_by, "based_on": based_on,
    });
    let (id, feed) = (row.id.as_str(), audit::FeedDetail::version(row.version));
    audit::record_with(
        conn,
        actor,
        "directive.create",
        "directive",
        id,
        changes,
        feed,
    )
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

/// The number and title of each directive of `ids` (every user sees every directive).
pub fn titles(
    conn: &mut AnyConnection,
    _caller: &AuthUser,
    ids: &[DirectiveId],
) -> Result<Vec<(DirectiveId, String, String)>, ApiError> {
    queries::titles(conn, ids)
}
