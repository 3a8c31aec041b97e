//! `GET /api/v1/me`: the logged-in user's own account.

use actix_web::{web, HttpResponse};

use crate::auth::{Authenticated, Scope};
use crate::error::ApiError;
use crate::state::AppState;
use crate::users::dto::UserDto;
use crate::users::queries as user_queries;

/// Read one's own account
///
/// Any logged-in user: the account, its role and its agency.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Your account", body = UserDto),
    )
)]
pub async fn me(state: web::Data<AppState>, auth: Authenticated) -> Result<HttpResponse, ApiError> {
    let row = state
        .pool
        .run_as(auth, move |conn, user| {
            user_queries::find_in_scope(conn, &user.id, &Scope::Province)?.ok_or(ApiError::NotFound)
        })
        .await?;
    Ok(HttpResponse::Ok().json(UserDto::from_row(row)?))
}
