//! `POST /api/v1/auth/login`: username and password for a token pair, with throttling.

use actix_web::{web, HttpRequest, HttpResponse};

use super::dto::{check_length, LoginRequest, TokenResponse};
use crate::auth::{sessions, throttle};
use crate::domain::values::without_nul;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::state::AppState;
use crate::users::access as user_access;

/// Log in with a username and password
///
/// Answers an access token (JWT, short-lived) and a refresh token. Wrong passwords are counted per
/// address and per account; repeated failures are slowed down (429 with `Retry-After`), but a
/// correct password from an address without recent failures still passes.
#[utoipa::path(
    post,
    path = "/api/v1/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenResponse),
        (status = 401, description = "Wrong username or password, or the account is inactive", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many recent wrong passwords from this address, or for this account from an address that also failed",
            body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Body<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { username, password } = body.into_inner();
    let errors: Vec<_> = [
        check_length("username", &username, 1, 64),
        check_length("password", &password, 1, 128),
    ]
    .into_iter()
    .filter_map(Result::err)
    .collect();
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let username = without_nul(&username.trim().to_lowercase());
    let client_ip = throttle::client_address(&req);
    let limits = state.config.login_throttle;
    let (name, ip) = (username.clone(), client_ip.clone());
    let user = state
        .pool
        .run(move |conn| {
            throttle::check(conn, &limits, &name, &ip)?;
            user_access::system_find_by_username(conn, &name)
        })
        .await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let verified = state.passwords.verify(password, hash).await?;
    let user = match user {
        Some(user) if verified && user.active => user,
        _ => {
            state
                .pool
                .write(move |conn| throttle::record_failure(conn, &limits, &username, &client_ip))
                .await?;
            return Err(ApiError::Unauthorized("wrong username or password"));
        }
    };
    let ttl = state.config.refresh_token_ttl;
    let (user_id, name) = (user.id.clone(), user.username.clone());
    let refresh_token = state
        .pool
        .write(move |conn| {
            throttle::clear(conn, &name)?;
            sessions::issue(conn, &user_id, None, ttl)
        })
        .await?;
    Ok(HttpResponse::Ok().json(TokenResponse {
        access_token: state.jwt.issue(user.id.as_str(), user.token_version)?,
        token_type: "Bearer".into(),
        expires_in: state.jwt.ttl().as_secs(),
        refresh_token,
    }))
}
