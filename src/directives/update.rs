//! `PATCH /api/v1/directives/{id}`: correct a directive, mark it superseded, change its bases.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::create::check_references;
use super::dto::{DirectiveDto, DirectivePatch, UpdateDirective};
use super::model::{DirectiveChanges, DirectiveRow};
use super::{access, queries};
use crate::auth::{AuthUser, Authenticated};
use crate::db::{versioned, AnyConnection};
use crate::domain::ids::DirectiveId;
use crate::domain::search_key::{fold, search_key};
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// Change a directive
///
/// Whoever may record it (see creating). Send `If-Match` to refuse a stale change.
#[utoipa::path(
    patch,
    path = "/api/v1/directives/{id}",
    tag = "directives",
    params(
        ("id" = Uuid, Path, description = "Directive id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412"),
    ),
    request_body = UpdateDirective,
    security(("bearer" = []), ("client_credentials" = ["directives:write"])),
    responses(
        (status = 200, description = "The updated directive", body = DirectiveDto,
            headers(("ETag" = String, description = "The directive's new version"))),
        (status = 403, description = "Your role may not change this directive", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such directive", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another directive has the same kind, number and issue date", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields or unknown referenced records", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_directive(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: Body<UpdateDirective>,
) -> Result<HttpResponse, ApiError> {
    let id = DirectiveId::from(id.into_inner());
    let patch = body.into_inner().parse()?;
    let expected = etag::expected_version(&req)?;
    let (row, bases) = state
        .pool
        .write_as(auth, move |conn, user| {
            let current = access::for_update(conn, user, &id, &patch)?;
            apply_patch(conn, user, expected, current, patch)
        })
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &DirectiveDto::from_row(row, bases)?,
    ))
}

fn apply_patch(
    conn: &mut AnyConnection,
    user: &AuthUser,
    expected: Option<i32>,
    current: DirectiveRow,
    patch: DirectivePatch,
) -> Result<(DirectiveRow, Vec<String>), ApiError> {
    etag::check(expected, current.version)?;
    let kind = patch.kind.unwrap_or(current.kind);
    let number = patch.number.clone().unwrap_or(current.number.clone());
    let issued_on = patch.issued_on.unwrap_or(current.issued_on);
    if (kind != current.kind || number != current.number || issued_on != current.issued_on)
        && queries::identity_taken(
            conn,
            kind.as_str(),
            &number,
            issued_on,
            Some(current.id.as_str()),
        )?
    {
        return Err(ApiError::Conflict(format!(
            "a {} numbered {number} issued on {issued_on} is already recorded",
            kind.as_str()
        )));
    }
    let superseded_by = patch
        .superseded_by
        .clone()
        .unwrap_or(current.superseded_by.clone());
    check_references(
        conn,
        Some(current.id.as_str()),
        superseded_by.as_deref(),
        patch.based_on.as_deref().unwrap_or(&[]),
    )?;
    let issuer = patch.issuer.clone().unwrap_or(current.issuer.clone());
    let title = patch.title.clone().unwrap_or(current.title.clone());
    let mut audit_changes = Map::new();
    let mut note = |field: &str, value: Value| {
        audit_changes.insert(field.to_owned(), value);
    };
    let changes = DirectiveChanges {
        kind: patch.kind,
        number: patch.number.inspect(|n| note("number", json!(n))),
        issuer: patch.issuer.inspect(|i| note("issuer", json!(i))),
        issuer_agency_id: patch
            .issuer_agency_id
            .inspect(|a| note("issuer_agency_id", json!(a))),
        issued_on: patch.issued_on.inspect(|d| note("issued_on", json!(d))),
        title: patch.title.inspect(|t| note("title", json!(t))),
        summary: patch.summary.inspect(|s| note("summary", json!(s))),
        term: patch.term.inspect(|t| note("term", json!(t))),
        status: patch.status.inspect(|s| note("status", json!(s))),
        superseded_by: patch
            .superseded_by
            .inspect(|s| note("superseded_by", json!(s))),
        search_key: Some(search_key([
            number.as_str(),
            title.as_str(),
            issuer.as_str(),
        ])),
        issuer_key: Some(fold(&issuer)),
        version: None,
        updated_at: None,
    };
    if let Some(kind) = &changes.kind {
        note("kind", json!(kind));
    }
    if let Some(based_on) = &patch.based_on {
        note("based_on", json!(based_on));
    }
    let row = versioned::save(
        conn,
        &user.actor(),
        &current,
        changes,
        "directive.update",
        Value::Object(audit_changes),
        |conn| match &patch.based_on {
            Some(based_on) => queries::replace_bases(conn, &current.id, based_on),
            None => Ok(()),
        },
    )?;
    access::with_bases(conn, row)
}
