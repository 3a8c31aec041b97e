//! `GET /api/v1/frameworks/{id}`: one framework version with its criteria.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::FrameworkDto;
use crate::auth::Authenticated;
use crate::domain::ids::FrameworkId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read a scoring framework version
///
/// Published versions for everyone; drafts only for admins and supervisors.
#[utoipa::path(
    get,
    path = "/api/v1/frameworks/{id}",
    tag = "frameworks",
    params(("id" = Uuid, Path, description = "Framework version id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The framework version", body = FrameworkDto,
            headers(("ETag" = String, description = "The framework's revision"))),
        (status = 404, description = "No such framework (drafts are hidden from agency and read-only roles)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_framework(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = FrameworkId::from(id.into_inner());
    let row = state
        .pool
        .run_as(auth, move |conn, user| access::load(conn, user, &id))
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.revision,
        &FrameworkDto::from_row(row)?,
    ))
}
