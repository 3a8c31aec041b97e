//! `GET /api/v1/reviews/{id}`: one periodic review with its frozen figures.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::ReviewDto;
use crate::auth::Authenticated;
use crate::domain::ids::ReviewId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read a periodic review
///
/// The province's roles, and for a review of an agency the users of a subtree that holds it.
/// Answers `ETag` with its version.
#[utoipa::path(
    get,
    path = "/api/v1/reviews/{id}",
    tag = "dashboard",
    params(("id" = Uuid, Path, description = "Review id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The review", body = ReviewDto,
            headers(("ETag" = String, description = "The review's version"))),
        (status = 404, description = "No such review in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_review(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = ReviewId::from(id.into_inner());
    let row = state
        .pool
        .read_by_key_as(auth, move |conn, caller| {
            Ok(access::load(conn, caller, &id)?.into_row())
        })
        .await?;
    let version = row.version;
    Ok(json_with_etag(
        StatusCode::OK,
        version,
        &ReviewDto::from_row(row)?,
    ))
}
