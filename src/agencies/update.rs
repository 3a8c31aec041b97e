//! `PATCH /api/v1/agencies/{id}`: admins rename, re-code or move an agency in the tree.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::dto::{AgencyDto, AgencyPatch, UpdateAgency};
use super::model::{AgencyChanges, AgencyRow};
use super::{access, queries};
use crate::auth::{AuthUser, Authenticated, Scope};
use crate::db::{versioned, AnyConnection};
use crate::domain::ids::AgencyId;
use crate::domain::{agency_tree, search_key::search_key};
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// Change an agency
///
/// Admins only. Moving an agency under a new parent may not make a cycle. Send the version read as
/// `If-Match` to refuse a stale change (412).
#[utoipa::path(
    patch,
    path = "/api/v1/agencies/{id}",
    tag = "agencies",
    params(
        ("id" = Uuid, Path, description = "Agency id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412"),
    ),
    request_body = UpdateAgency,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The updated agency", body = AgencyDto,
            headers(("ETag" = String, description = "The agency's new version"))),
        (status = 403, description = "Only admins change agencies", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such agency in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, an unknown parent, or a parent that would make a cycle", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_agency(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: Body<UpdateAgency>,
) -> Result<HttpResponse, ApiError> {
    let id = AgencyId::from(id.into_inner());
    let patch = body.into_inner().parse()?;
    let expected = etag::expected_version(&req)?;
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            let current = access::for_admin(conn, user, &id)?.into_row();
            etag::check(expected, current.version)?;
            apply_patch(conn, user, current, patch)
        })
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &AgencyDto::from_row(row)?,
    ))
}

/// The new path when the parent changes, refusing unknown parents and cycles.
fn new_path(
    conn: &mut AnyConnection,
    scope: &Scope,
    current: &AgencyRow,
    parent: &Option<AgencyId>,
) -> Result<String, ApiError> {
    let Some(parent_id) = parent else {
        return Ok(agency_tree::child_path(None, current.id.as_str()));
    };
    let parent = access::named(
        conn,
        scope,
        parent_id.as_str(),
        "parent_id",
        "no agency with this id",
    )?;
    if agency_tree::would_cycle(&current.path, &parent.path) {
        return Err(ApiError::field(
            "parent_id",
            "the parent cannot be the agency itself or one of its descendants",
        ));
    }
    Ok(agency_tree::child_path(
        Some(&parent.path),
        current.id.as_str(),
    ))
}

/// Applies a checked patch through the agency's one write path; `seed-demo` moves a commune
/// with it before the district above it is dissolved.
pub(crate) fn apply_patch(
    conn: &mut AnyConnection,
    user: &AuthUser,
    current: AgencyRow,
    patch: AgencyPatch,
) -> Result<AgencyRow, ApiError> {
    let mut audit_changes = Map::new();
    let mut changes = AgencyChanges::default();
    if let Some(code) = patch
        .code
        .map(|c| c.into_inner())
        .filter(|c| *c != current.code)
    {
        if queries::code_taken(conn, &code, Some(current.id.as_str()))? {
            return Err(ApiError::Conflict(format!(
                "an agency with code {code} already exists"
            )));
        }
        audit_changes.insert("code".into(), json!(code));
        changes.code = Some(code);
    }
    if let Some(name) = patch.name.map(|n| n.into_inner()) {
        audit_changes.insert("name".into(), json!(name));
        changes.name = Some(name);
    }
    if let Some(short_name) = patch.short_name.map(|s| s.map(|n| n.into_inner())) {
        audit_changes.insert("short_name".into(), json!(short_name));
        changes.short_name = Some(short_name);
    }
    if let Some(kind) = patch.kind {
        audit_changes.insert("kind".into(), json!(kind.as_str()));
        changes.kind = Some(kind);
    }
    if let Some(headcount) = patch.headcount {
        audit_changes.insert("headcount".into(), json!(headcount));
        changes.headcount = Some(headcount);
    }
    if let Some(active) = patch.active {
        audit_changes.insert("active".into(), json!(active));
        changes.active = Some(active);
    }
    let mut moved = None;
    if let Some(parent) = patch.parent_id {
        let path = new_path(conn, &user.scope, &current, &parent)?;
        audit_changes.insert("parent_id".into(), json!(parent));
        moved = Some(path.clone());
        changes.parent_id = Some(parent);
        changes.path = Some(path);
    }
    let code = changes.code.as_deref().unwrap_or(&current.code);
    let name = changes.name.as_deref().unwrap_or(&current.name);
    let short_name = changes
        .short_name
        .clone()
        .unwrap_or(current.short_name.clone());
    changes.search_key = Some(search_key([
        code,
        name,
        short_name.as_deref().unwrap_or(""),
    ]));
    let old_path = current.path.clone();
    versioned::save(
        conn,
        &user.actor(),
        &current,
        changes,
        "agency.update",
        Value::Object(audit_changes),
        |conn| match moved.filter(|p| *p != old_path) {
            Some(path) => queries::rebase_descendants(conn, &old_path, &path),
            None => Ok(()),
        },
    )
}
