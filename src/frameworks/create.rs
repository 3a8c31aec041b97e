//! `POST /api/v1/frameworks`: an admin starts a new framework as version 1, in draft.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;

use super::dto::{CreateFramework, FrameworkDto};
use super::input::Content;
use super::model::FrameworkRow;
use super::{access, queries};
use crate::audit::{self, AuditActor};
use crate::auth::Authenticated;
use crate::db::{json, AnyConnection};
use crate::domain::framework::FrameworkStatus;
use crate::domain::ids::FrameworkId;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::state::AppState;

/// Stores a draft version of `code` with its audit event.
pub fn insert_version(
    conn: &mut AnyConnection,
    actor: &AuditActor,
    code: &str,
    version: i32,
    content: Content,
    previous_version_id: Option<FrameworkId>,
) -> Result<FrameworkRow, ApiError> {
    let now = Utc::now().naive_utc();
    let row = FrameworkRow {
        id: FrameworkId::generate(),
        code: code.to_owned(),
        version,
        name: content.name,
        description: content.description,
        applies_to: json::encode(&content.applies_to)?,
        groups: json::encode(&content.groups)?,
        threshold_excellent: content.thresholds.excellent,
        threshold_good: content.thresholds.good,
        threshold_average: content.thresholds.average,
        disqualified_rating: content.disqualified_rating,
        status: FrameworkStatus::Draft,
        previous_version_id,
        created_by: actor
            .user_id
            .clone()
            .ok_or_else(|| ApiError::internal("a framework needs an author"))?,
        published_by: None,
        published_at: None,
        revision: 1,
        created_at: now,
        updated_at: now,
    };
    queries::insert(conn, &row)?;
    let changes = json!({"code": row.code, "version": row.version, "name": row.name,
        "previous_version_id": row.previous_version_id});
    audit::record(
        conn,
        actor,
        "framework.create",
        "framework",
        row.id.as_str(),
        changes,
    )?;
    Ok(row)
}

/// Write a new scoring framework
///
/// Admins only. Starts as a draft version 1 with its criteria, conditions and rating thresholds.
#[utoipa::path(
    post,
    path = "/api/v1/frameworks",
    tag = "frameworks",
    request_body = CreateFramework,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Version 1 of the framework, in draft", body = FrameworkDto,
            headers(("ETag" = String, description = "The framework's revision"))),
        (status = 403, description = "Only admins write frameworks", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A framework with this code exists; make a new version of it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: codes, points, thresholds", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_framework(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: Body<CreateFramework>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            access::check_writer(user)?;
            let (code, content) = body.parse()?;
            if queries::latest_version(conn, &code)?.is_some() {
                return Err(ApiError::Conflict(format!(
                    "framework {code} exists; make a new version of it instead"
                )));
            }
            insert_version(conn, &user.actor(), &code, 1, content, None)
        })
        .await?;
    let (id, revision) = (row.id.clone(), row.revision);
    Ok(crate::http::etag::created(
        "frameworks",
        id.as_str(),
        revision,
        &FrameworkDto::from_row(row)?,
    ))
}
