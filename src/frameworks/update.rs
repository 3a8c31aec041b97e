//! `PATCH /api/v1/frameworks/{id}`: an admin edits a draft; published versions never change.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;
use uuid::Uuid;

use super::access;
use super::dto::{FrameworkDto, UpdateFramework};
use super::input::{check_content, ContentPatch};
use super::model::{FrameworkChanges, FrameworkRow};
use crate::auth::{AuthUser, Authenticated};
use crate::db::{json, versioned, AnyConnection};
use crate::domain::framework::FrameworkStatus;
use crate::domain::ids::FrameworkId;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// Refuses any change to a published version.
pub fn check_draft(row: &FrameworkRow) -> Result<(), ApiError> {
    match row.status {
        FrameworkStatus::Draft => Ok(()),
        FrameworkStatus::Published => Err(ApiError::Conflict(format!(
            "version {} of {} is published and never changes; make a new version",
            row.version, row.code
        ))),
    }
}

fn changes_of(row: &FrameworkRow, patch: ContentPatch) -> Result<FrameworkChanges, ApiError> {
    let groups = match patch.groups {
        Some(groups) => groups,
        None => row.groups()?,
    };
    let thresholds = patch.thresholds.unwrap_or_else(|| row.thresholds());
    check_content(&groups, &thresholds)?;
    Ok(FrameworkChanges {
        name: patch.name,
        description: patch.description,
        applies_to: patch.applies_to.map(|k| json::encode(&k)).transpose()?,
        groups: Some(json::encode(&groups)?),
        threshold_excellent: Some(thresholds.excellent),
        threshold_good: Some(thresholds.good),
        threshold_average: Some(thresholds.average),
        disqualified_rating: patch.disqualified_rating,
        ..Default::default()
    })
}

fn apply(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &FrameworkId,
    expected: Option<i32>,
    patch: ContentPatch,
) -> Result<FrameworkRow, ApiError> {
    let row = access::for_write(conn, user, id)?;
    etag::check(expected, row.revision)?;
    check_draft(&row)?;
    let fields: Vec<&str> = [
        ("name", patch.name.is_some()),
        ("description", patch.description.is_some()),
        ("applies_to", patch.applies_to.is_some()),
        ("groups", patch.groups.is_some()),
        ("thresholds", patch.thresholds.is_some()),
        ("disqualified_rating", patch.disqualified_rating.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, given)| given.then_some(name))
    .collect();
    let changes = changes_of(&row, patch)?;
    versioned::save(
        conn,
        &user.actor(),
        &row,
        changes,
        "framework.update",
        json!({"fields": fields}),
        |_| Ok(()),
    )
}

/// Change a draft framework
///
/// Admins only, while the version is a draft. Send `If-Match` to refuse a stale change.
#[utoipa::path(
    patch,
    path = "/api/v1/frameworks/{id}",
    tag = "frameworks",
    params(
        ("id" = Uuid, Path, description = "Framework version id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412"),
    ),
    request_body = UpdateFramework,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The updated draft", body = FrameworkDto,
            headers(("ETag" = String, description = "The framework's new revision"))),
        (status = 403, description = "Only admins write frameworks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such framework", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The version is published", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current revision", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: codes, points, thresholds", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_framework(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: Body<UpdateFramework>,
) -> Result<HttpResponse, ApiError> {
    let id = FrameworkId::from(id.into_inner());
    let body = body.into_inner();
    let expected = etag::expected_version(&req);
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            access::for_write(conn, user, &id)?;
            let patch = body.parse()?;
            apply(conn, user, &id, expected?, patch)
        })
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.revision,
        &FrameworkDto::from_row(row)?,
    ))
}
