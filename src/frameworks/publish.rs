//! `POST /api/v1/frameworks/{id}/publish` and `/new-version`: a draft becomes immutable; a new
//! version starts as a draft copy.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::create::insert_version;
use super::dto::FrameworkDto;
use super::input::{check_content, Content};
use super::model::{FrameworkChanges, FrameworkRow};
use super::update::check_draft;
use super::{access, queries};
use crate::auth::{AuthUser, Authenticated};
use crate::db::{versioned, AnyConnection};
use crate::domain::framework::FrameworkStatus;
use crate::domain::ids::{FrameworkId, UserId};
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{created, json_with_etag};
use crate::reports::dto::NoInput;
use crate::state::AppState;

/// The changes that publish a draft `row` on behalf of user `by`.
pub fn publication(row: &FrameworkRow, by: &UserId) -> FrameworkChanges {
    let now = Utc::now().naive_utc();
    FrameworkChanges {
        status: Some(FrameworkStatus::Published),
        published_by: Some(Some(by.clone())),
        published_at: Some(Some(now)),
        revision: Some(row.revision + 1),
        updated_at: Some(now),
        ..Default::default()
    }
}

fn publish(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &FrameworkId,
) -> Result<FrameworkRow, ApiError> {
    let row = access::for_write(conn, user, id)?;
    check_draft(&row)?;
    // Stored content was checked when written; check again so that nothing unusable is pinned.
    check_content(&row.groups()?, &row.thresholds())?;
    let event = json!({"status": "published", "version": row.version});
    let changes = publication(&row, &user.id);
    versioned::save(
        conn,
        &user.actor(),
        &row,
        changes,
        "framework.publish",
        event,
        |_| Ok(()),
    )
}

fn new_version(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &FrameworkId,
) -> Result<FrameworkRow, ApiError> {
    let source = access::for_write(conn, user, id)?;
    if let Some(draft) = queries::draft_of(conn, &source.code)? {
        return Err(ApiError::Conflict(format!(
            "version {} of {} is still a draft ({}); edit or publish it first",
            draft.version, draft.code, draft.id
        )));
    }
    let latest = queries::latest_version(conn, &source.code)?.unwrap_or(source.version);
    let scheme = source.scheme()?;
    let content = Content {
        name: source.name.clone(),
        description: source.description.clone(),
        applies_to: source.applies_to()?,
        groups: scheme.groups,
        thresholds: scheme.thresholds,
        disqualified_rating: scheme.disqualified_rating,
    };
    insert_version(
        conn,
        &user.actor(),
        &source.code,
        latest + 1,
        content,
        Some(source.id),
    )
}

/// Publish a framework version
///
/// Admins only, from draft. A published version never changes; campaigns use published versions.
#[utoipa::path(
    post,
    path = "/api/v1/frameworks/{id}/publish",
    tag = "frameworks",
    params(("id" = Uuid, Path, description = "Id of a draft framework version")),
    request_body = NoInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Published; the version never changes again", body = FrameworkDto),
        (status = 403, description = "Only admins publish frameworks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such framework", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already published", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unexpected fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn publish_framework(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    _body: Body<NoInput>,
) -> Result<HttpResponse, ApiError> {
    let id = FrameworkId::from(id.into_inner());
    let row = state
        .pool
        .write_as(auth, move |conn, user| publish(conn, user, &id))
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.revision,
        &FrameworkDto::from_row(row)?,
    ))
}

/// Start a new draft version of a framework
///
/// Admins only, when the framework has no draft already: a draft copy of the given version,
/// numbered after the latest one.
#[utoipa::path(
    post,
    path = "/api/v1/frameworks/{id}/new-version",
    tag = "frameworks",
    params(("id" = Uuid, Path, description = "Id of the framework version to copy")),
    request_body = NoInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "A draft copy numbered after the latest version", body = FrameworkDto,
            headers(("ETag" = String, description = "The new version's revision"))),
        (status = 403, description = "Only admins write frameworks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such framework", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A draft version of this framework already exists", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unexpected fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn new_framework_version(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    _body: Body<NoInput>,
) -> Result<HttpResponse, ApiError> {
    let id = FrameworkId::from(id.into_inner());
    let row = state
        .pool
        .write_as(auth, move |conn, user| new_version(conn, user, &id))
        .await?;
    let (id, revision) = (row.id.clone(), row.revision);
    Ok(created(
        "frameworks",
        id.as_str(),
        revision,
        &FrameworkDto::from_row(row)?,
    ))
}
