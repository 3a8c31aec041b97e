//! `POST /api/v1/me/password`: change one's own password; every session ends.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;

use super::dto::{check_length, ChangePasswordRequest};
use crate::audit;
use crate::auth::{sessions, AuthUser, Scope};
use crate::domain::values::NewPassword;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::state::AppState;
use crate::users::model::UserChanges;
use crate::users::queries as user_queries;

#[utoipa::path(
    post,
    path = "/api/v1/me/password",
    tag = "auth",
    request_body = ChangePasswordRequest,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Changed; every session ends, log in again"),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The current password is wrong or the new one is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn change_password(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body.into_inner();
    check_length("current_password", &current_password, 1, 128)
        .map_err(|e| ApiError::Validation(vec![e]))?;
    let new_password =
        NewPassword::parse(&new_password).map_err(|m| ApiError::field("new_password", m))?;
    let id = user.id.clone();
    let row = state
        .pool
        .run(move |conn| {
            user_queries::find_in_scope(conn, &id, &Scope::Province)?.ok_or(ApiError::NotFound)
        })
        .await?;
    if !state
        .passwords
        .verify(current_password, Some(row.password_hash))
        .await?
    {
        return Err(ApiError::field(
            "current_password",
            "is not your current password",
        ));
    }
    let hash = state
        .passwords
        .hash(new_password.expose().to_owned())
        .await?;
    state
        .pool
        .write(move |conn| {
            let now = Utc::now().naive_utc();
            let changes = UserChanges {
                password_hash: Some(hash),
                password_changed_at: Some(now),
                version: Some(row.version + 1),
                updated_at: Some(now),
                ..Default::default()
            };
            user_queries::update(conn, &user.id, row.version, &changes)?;
            sessions::end_all(conn, &user.id)?;
            audit::record(
                conn,
                &user.actor(),
                "user.password_change",
                "user",
                &user.id,
                json!({"password": "changed"}),
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
