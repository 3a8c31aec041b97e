//! `POST /api/v1/auth/logout`: ends every session of the caller.

use actix_web::{web, HttpResponse};
use serde_json::json;

use crate::audit;
use crate::auth::{sessions, Authenticated};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[utoipa::path(
    post,
    path = "/api/v1/auth/logout",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "All refresh tokens are revoked and issued access tokens stop working"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
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
                &user.id,
                json!({}),
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
