//! `POST /api/v1/auth/logout`: ends every session of the caller.

use actix_web::{web, HttpResponse};
use serde_json::json;

use crate::audit;
use crate::auth::{sessions, Authenticated};
use crate::error::ApiError;
use crate::state::AppState;

/// Log out
///
/// Ends every session of the caller: all its refresh tokens are revoked and the access tokens
/// already issued stop working.
#[utoipa::path(
    post,
    path = "/api/v1/auth/logout",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "All refresh tokens are revoked and issued access tokens stop working"),
    )
)]
pub async fn logout(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<HttpResponse, ApiError> {
    state
        .pool
        .write_as(auth, move |conn, user| {
            sessions::end_all(conn, &user.id)?;
            audit::record(
                conn,
                &user.actor(),
                "user.logout",
                "user",
                user.id.as_str(),
                json!({}),
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
