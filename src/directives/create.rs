//! `POST /api/v1/directives`: record a directive that binds the province.

use actix_web::{web, HttpResponse};
use chrono::Utc;

use super::dto::{CreateDirective, DirectiveDto, NewDirective};
use super::model::DirectiveRow;
use super::{access, queries};
use crate::audit::AuditActor;
use crate::auth::Authenticated;
use crate::db::AnyConnection;
use crate::domain::ids::DirectiveId;
use crate::domain::permissions::Actor;
use crate::domain::search_key::{fold, search_key};
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;

/// Record a directive
///
/// Supervisors and admins record any directive; an agency manager records plans and official
/// letters issued by its own agency. The number is checked against the document-number rules of its
/// kind; the same kind, number and issue date may exist once.
#[utoipa::path(
    post,
    path = "/api/v1/directives",
    tag = "directives",
    request_body = CreateDirective,
    security(("bearer" = []), ("client_credentials" = ["directives:write"])),
    responses(
        (status = 201, description = "The directive was recorded", body = DirectiveDto,
            headers(("ETag" = String, description = "The directive's version"))),
        (status = 403, description = "Your role may not record this directive", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A directive with the same kind, number and issue date exists", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields or unknown referenced records", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_directive(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: Body<CreateDirective>,
) -> Result<HttpResponse, ApiError> {
    let new = body.into_inner().parse()?;
    let (row, bases) = state
        .pool
        .write_as(auth, move |conn, user| {
            insert_directive(conn, user, &user.actor(), new)
        })
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    Ok(created(
        "directives",
        id.as_str(),
        version,
        &DirectiveDto::from_row(row, bases)?,
    ))
}

/// Refuses unknown `superseded_by` and `based_on` ids, and references to `self_id`.
pub fn check_references(
    conn: &mut AnyConnection,
    self_id: Option<&str>,
    superseded_by: Option<&str>,
    based_on: &[String],
) -> Result<(), ApiError> {
    if let Some(other) = superseded_by {
        if Some(other) == self_id || !access::exists(conn, other)? {
            return Err(ApiError::field(
                "superseded_by",
                "must name another existing directive",
            ));
        }
    }
    let missing = queries::missing(conn, based_on)?;
    if !missing.is_empty() || self_id.is_some_and(|id| based_on.iter().any(|b| b == id)) {
        return Err(ApiError::field(
            "based_on",
            format!(
                "must name other existing directives; unknown: {}",
                missing.join(", ")
            ),
        ));
    }
    Ok(())
}

/// Records a directive written by `writer`; used by `seed-demo` too.
pub fn insert_directive(
    conn: &mut AnyConnection,
    writer: &impl Actor,
    actor: &AuditActor,
    mut new: NewDirective,
) -> Result<(DirectiveRow, Vec<String>), ApiError> {
    let agency = access::issuer_for_new(conn, writer, &new)?;
    let issuer = new
        .issuer
        .take()
        .or_else(|| agency.map(|(_, name)| name))
        .ok_or_else(|| {
            ApiError::field(
                "issuer",
                "is required unless issuer_agency_id names the issuing agency",
            )
        })?;
    store_directive(conn, actor, new, issuer)
}

/// Registers a directive whose writer was checked for it, issued by `issuer`: after
/// [`insert_directive`]'s role check, or for the conclusion a delegation's head or overseer
/// issues (`conclusions::conclude`). Its identity must be new and its references exist.
pub(crate) fn store_directive(
    conn: &mut AnyConnection,
    actor: &AuditActor,
    new: NewDirective,
    issuer: String,
) -> Result<(DirectiveRow, Vec<String>), ApiError> {
    if queries::identity_taken(conn, new.kind.as_str(), &new.number, new.issued_on, None)? {
        return Err(ApiError::Conflict(format!(
            "a {} numbered {} issued on {} is already recorded",
            new.kind.as_str(),
            new.number,
            new.issued_on
        )));
    }
    check_references(conn, None, new.superseded_by.as_deref(), &new.based_on)?;
    let now = Utc::now().naive_utc();
    let row = DirectiveRow {
        id: DirectiveId::generate(),
        kind: new.kind,
        search_key: search_key([new.number.as_str(), new.title.as_str(), issuer.as_str()]),
        issuer_key: fold(&issuer),
        number: new.number,
        issuer,
        issuer_agency_id: new.issuer_agency_id,
        issued_on: new.issued_on,
        title: new.title,
        summary: new.summary,
        term: new.term,
        status: new.status,
        superseded_by: new.superseded_by,
        version: 1,
        created_by: actor.user_id.clone(),
        created_at: now,
        updated_at: now,
    };
    access::insert(conn, actor, &row, &new.based_on)?;
    let (stored, _) = access::reload_written(conn, &row.id)?;
    Ok((stored, new.based_on))
}
