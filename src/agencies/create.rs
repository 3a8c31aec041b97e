//! `POST /api/v1/agencies`: admins add an agency to the tree.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;

use super::dto::{AgencyDto, CreateAgency, NewAgency};
use super::model::AgencyRow;
use super::{access, queries};
use crate::audit::{self, AuditActor};
use crate::auth::{Authenticated, Scope};
use crate::db::AnyConnection;
use crate::domain::ids::AgencyId;
use crate::domain::{agency_tree, search_key::search_key};
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;

/// Create an agency
///
/// Admins only. A parent agency, if given, must exist; the code must be unique.
#[utoipa::path(
    post,
    path = "/api/v1/agencies",
    tag = "agencies",
    request_body = CreateAgency,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The agency was created", body = AgencyDto,
            headers(("ETag" = String, description = "The agency's version"))),
        (status = 403, description = "Only admins create agencies", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or an unknown parent", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_agency(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: Body<CreateAgency>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            access::check_administers(user)?;
            let new = body.parse()?;
            insert_agency(conn, &user.scope, &user.actor(), new)
        })
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    Ok(created(
        "agencies",
        id.as_str(),
        version,
        &AgencyDto::from_row(row)?,
    ))
}

/// Inserts the agency under its parent and records the audit event; used by the CLI too.
pub fn insert_agency(
    conn: &mut AnyConnection,
    scope: &Scope,
    actor: &AuditActor,
    new: NewAgency,
) -> Result<AgencyRow, ApiError> {
    let parent_path = match &new.parent_id {
        Some(parent_id) => Some(
            access::named(
                conn,
                scope,
                parent_id.as_str(),
                "parent_id",
                "no agency with this id",
            )?
            .path,
        ),
        None => None,
    };
    let code = new.code.into_inner();
    if queries::code_taken(conn, &code, None)? {
        return Err(ApiError::Conflict(format!(
            "an agency with code {code} already exists"
        )));
    }
    let id = uuid::Uuid::now_v7().to_string();
    let now = Utc::now().naive_utc();
    let (name, short_name) = (
        new.name.into_inner(),
        new.short_name.map(|s| s.into_inner()),
    );
    let row = AgencyRow {
        path: agency_tree::child_path(parent_path.as_deref(), &id),
        search_key: search_key([
            code.as_str(),
            name.as_str(),
            short_name.as_deref().unwrap_or(""),
        ]),
        id: AgencyId::from_stored(id),
        code,
        name,
        short_name,
        kind: new.kind,
        parent_id: new.parent_id,
        headcount: new.headcount,
        active: new.active,
        version: 1,
        created_at: now,
        updated_at: now,
        valid_from: new.valid_from,
        valid_to: None,
    };
    queries::insert(conn, &row)?;
    let changes = json!({
        "code": row.code, "name": row.name, "short_name": row.short_name, "kind": row.kind,
        "parent_id": row.parent_id, "headcount": row.headcount, "active": row.active,
        "valid_from": row.valid_from,
    });
    let feed = audit::FeedDetail::version(row.version);
    let id = row.id.as_str();
    audit::record_with(conn, actor, "agency.create", "agency", id, changes, feed)?;
    access::reload_written(conn, &row.id)
}
