//! `GET /api/v1/me`: the logged-in user's own account.

use actix_web::{web, HttpResponse};

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::state::AppState;
use crate::users::access as user_access;
use crate::users::dto::UserDto;

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
    let row = state.pool.run_as(auth, user_access::own).await?;
    Ok(HttpResponse::Ok().json(UserDto::from_row(row)?))
}
