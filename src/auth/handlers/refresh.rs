//! `POST /api/v1/auth/refresh`: a refresh token for a new pair; the old token is spent.

use actix_web::{web, HttpResponse};

use super::dto::{check_length, RefreshRequest, TokenResponse};
use crate::auth::sessions::{self, Redemption};
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::state::AppState;
use crate::users::access as user_access;

/// Exchange a refresh token for new tokens
///
/// Each refresh token works once and is rotated. Presenting a used one revokes its whole family and
/// stops the access tokens already issued to that account.
#[utoipa::path(
    post,
    path = "/api/v1/auth/refresh",
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair", body = TokenResponse),
        (status = 401, description = "The refresh token is unknown, expired, revoked or already used", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn refresh(
    state: web::Data<AppState>,
    body: Body<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let token = body.into_inner().refresh_token;
    check_length("refresh_token", &token, 1, 128).map_err(|e| ApiError::Validation(vec![e]))?;
    let ttl = state.config.refresh_token_ttl;
    let issued = state
        .pool
        .write(move |conn| {
            let Redemption::Rotated { user_id, family_id } = sessions::redeem(conn, &token)? else {
                return Ok(None);
            };
            let Some((user, _)) =
                user_access::system_find_account(conn, &user_id)?.filter(|(u, _)| u.active)
            else {
                return Ok(None);
            };
            let next = sessions::issue(conn, &user.id, Some(family_id), ttl)?;
            Ok(Some((user, next)))
        })
        .await?;
    // Reuse revokes the family inside the transaction above; it must commit, so the refusal
    // is returned only now.
    let (user, refresh_token) =
        issued.ok_or(ApiError::Unauthorized("the refresh token is not valid"))?;
    Ok(HttpResponse::Ok().json(TokenResponse {
        access_token: state.jwt.issue(user.id.as_str(), user.token_version)?,
        token_type: "Bearer".into(),
        expires_in: state.jwt.ttl().as_secs(),
        refresh_token,
    }))
}
