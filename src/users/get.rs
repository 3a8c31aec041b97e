//! `GET /api/v1/users/{id}`: one account inside the caller's scope.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::UserDto;
use crate::auth::Authenticated;
use crate::domain::ids::UserId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read an account
///
/// Any logged-in user, for an account it sees (agency users: inside their subtree).
#[utoipa::path(
    get,
    path = "/api/v1/users/{id}",
    tag = "users",
    params(("id" = Uuid, Path, description = "User id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account", body = UserDto,
            headers(("ETag" = String, description = "The account's version"))),
        (status = 404, description = "No such account in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = UserId::from(id.into_inner());
    let row = state
        .pool
        .read_by_key_as(auth, move |conn, user| access::load(conn, user, &id))
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &UserDto::from_row(row)?,
    ))
}
