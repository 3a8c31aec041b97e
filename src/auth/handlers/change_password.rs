//! `POST /api/v1/me/password`: change one's own password; every session ends.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use serde_json::json;

use super::dto::{check_length, ChangePasswordRequest};
use crate::auth::{sessions, throttle, Authenticated};
use crate::db::versioned;
use crate::domain::values::NewPassword;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::state::AppState;
use crate::users::access as user_access;
use crate::users::model::UserChanges;

/// Change one's own password
///
/// Any logged-in user, with the current password. Wrong current passwords count like failed logins
/// (429 with `Retry-After`). Other sessions stop: every refresh token and access token issued
/// before is revoked.
#[utoipa::path(
    post,
    path = "/api/v1/me/password",
    tag = "auth",
    request_body = ChangePasswordRequest,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Changed; every session ends, log in again"),
        (status = 422, description = "The current password is wrong or the new one is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many recent wrong passwords (counted with failed logins)",
            body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: Authenticated,
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
    // Wrong current passwords count like failed logins: a stolen access token must not give
    // unlimited guesses at the password behind it.
    let limits = state.config.login_throttle;
    let client_ip = throttle::client_address(&req);
    let ip = client_ip.clone();
    let (row, name) = state
        .pool
        .run_as(auth.clone(), move |conn, user| {
            throttle::check(conn, &limits, &user.username, &ip)?;
            let row = user_access::own(conn, user)?;
            Ok((row, user.username.clone()))
        })
        .await?;
    if !state
        .passwords
        .verify(current_password, Some(row.password_hash.clone()))
        .await?
    {
        state
            .pool
            .write(move |conn| throttle::record_failure(conn, &limits, &name, &client_ip))
            .await?;
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
        .write_as(auth, move |conn, user| {
            let changes = UserChanges {
                password_hash: Some(hash),
                password_changed_at: Some(Utc::now().naive_utc()),
                ..Default::default()
            };
            versioned::save(
                conn,
                &user.actor(),
                &row,
                changes,
                "user.password_change",
                json!({"password": "changed"}),
                |conn| {
                    sessions::end_all(conn, &user.id)?;
                    throttle::clear(conn, &user.username)
                },
            )
            .map(|_| ())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
