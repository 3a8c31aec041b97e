//! `GET /api/v1/agencies/{id}`: one agency inside the caller's scope.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::AgencyDto;
use crate::auth::Authenticated;
use crate::domain::ids::AgencyId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read an agency
///
/// Any logged-in user who sees the agency (agency users: inside their subtree). Answers `ETag` with
/// its version.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}",
    tag = "agencies",
    params(("id" = Uuid, Path, description = "Agency id")),
    security(("bearer" = []), ("client_credentials" = ["agencies:read"])),
    responses(
        (status = 200, description = "The agency", body = AgencyDto,
            headers(("ETag" = String, description = "The agency's version"))),
        (status = 404, description = "No such agency in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_agency(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = AgencyId::from(id.into_inner());
    let row = state
        .pool
        .read_by_key_as(auth, move |conn, user| {
            access::load(conn, user, &id).map(access::Visible::into_row)
        })
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &AgencyDto::from_row(row)?,
    ))
}
