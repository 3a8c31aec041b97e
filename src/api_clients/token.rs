//! `POST /api/v1/oauth/token`: the OAuth 2.0 client-credentials grant (RFC 6749 section 4.4).
//! A client sends its id and secret by HTTP Basic or in the form and gets a short-lived
//! access token limited to its scopes (or the ones it asks for) and its agency's subtree.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::Utc;
use serde::Serialize;
use utoipa::ToSchema;

use super::access;
use crate::auth::tokens::hash_token;
use crate::domain::client_scope::ScopeSet;
use crate::domain::ids::ApiClientId;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use crate::users::access as user_access;

/// The form of a token request (`application/x-www-form-urlencoded`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct TokenRequest {
    /// `client_credentials`.
    #[schema(pattern = "^client_credentials$")]
    grant_type: String,
    /// The client's id, unless sent by HTTP Basic.
    client_id: Option<String>,
    /// The client's secret, unless sent by HTTP Basic.
    client_secret: Option<String>,
    /// Scopes asked for, space-separated, all among the client's; all of them when left out.
    #[schema(
        pattern = "^(tasks:read|tasks:write|reports:write|directives:write|assessments:read|agencies:read|delegations:read|changes:read|webhooks:manage)( (tasks:read|tasks:write|reports:write|directives:write|assessments:read|agencies:read|delegations:read|changes:read|webhooks:manage))*$"
    )]
    scope: Option<String>,
}

/// An access token for an API client (RFC 6749 section 5.1).
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientToken {
    /// A JWT to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until it expires.
    pub expires_in: u64,
    /// Its scopes, space-separated.
    pub scope: String,
}

fn refused(error: &'static str, detail: &'static str) -> ApiError {
    ApiError::OAuth { error, detail }
}

/// The form's parameters, each at most once (RFC 6749 section 3.2).
fn form(req: &HttpRequest, body: &[u8]) -> Result<Vec<(String, String)>, ApiError> {
    let form_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    let bad = "send the parameters once each as application/x-www-form-urlencoded";
    if !form_type {
        return Err(refused("invalid_request", bad));
    }
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|_| refused("invalid_request", bad))?;
    for (i, (name, _)) in pairs.iter().enumerate() {
        if pairs[..i].iter().any(|(earlier, _)| earlier == name) {
            return Err(refused("invalid_request", bad));
        }
    }
    Ok(pairs)
}

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn unknown_client() -> ApiError {
    refused(
        "invalid_client",
        "the client is unknown, inactive or its secret is wrong",
    )
}

/// The client's id and secret from HTTP Basic or the form, not both.
fn credentials(
    req: &HttpRequest,
    pairs: &[(String, String)],
) -> Result<(String, String), ApiError> {
    let basic = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("basic"))
        .map(|(_, encoded)| encoded.trim().to_owned());
    let in_form = param(pairs, "client_id").zip(param(pairs, "client_secret"));
    match (basic, in_form) {
        (Some(_), Some(_)) => Err(refused(
            "invalid_request",
            "send the client's credentials one way only",
        )),
        (Some(encoded), None) => {
            let decoded = STANDARD.decode(encoded).map_err(|_| unknown_client())?;
            let text = String::from_utf8(decoded).map_err(|_| unknown_client())?;
            let (id, secret) = text.split_once(':').ok_or_else(unknown_client)?;
            Ok((id.to_owned(), secret.to_owned()))
        }
        (None, Some((id, secret))) => Ok((id.to_owned(), secret.to_owned())),
        (None, None) => Err(unknown_client()),
    }
}

/// Get an access token for an API client
///
/// The OAuth 2.0 client-credentials grant: `grant_type=client_credentials` with the client's
/// id and secret (HTTP Basic, or `client_id` and `client_secret` in the form) and optionally
/// `scope`. The token lasts as long as a person's access token; it is refused as soon as the
/// client is deactivated or expires. Errors carry the RFC 6749 `error` code.
#[utoipa::path(
    post,
    path = "/api/v1/oauth/token",
    tag = "api-clients",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "An access token", body = ClientToken),
        (status = 400, description = "A malformed request, another grant type or a scope the client does not hold", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Unknown client, wrong secret, or an inactive or expired client", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn issue_client_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let pairs = form(&req, &body)?;
    match param(&pairs, "grant_type") {
        Some("client_credentials") => {}
        Some(_) => {
            return Err(refused(
                "unsupported_grant_type",
                "only client_credentials is granted here",
            ))
        }
        None => return Err(refused("invalid_request", "grant_type is required")),
    }
    let requested = param(&pairs, "scope")
        .map(ScopeSet::parse_requested)
        .transpose()
        .map_err(|_| refused("invalid_scope", "the scope names an unknown scope"))?;
    let (id, secret) = credentials(&req, &pairs)?;
    let unknown = unknown_client;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| unknown())?;
    let id = ApiClientId::from(id);
    let hash = hash_token(&secret);
    let (client, account) = state
        .pool
        .write(move |conn| {
            let now = Utc::now().naive_utc();
            let client = access::system_find(conn, &id)?
                .filter(|c| c.usable_at(now) && c.accepts_secret(&hash, now))
                .ok_or_else(unknown)?;
            let (account, _) = user_access::system_find_account(conn, &client.user_id)?
                .filter(|(account, _)| account.active)
                .ok_or_else(unknown)?;
            access::system_touch(conn, &client.id, now)?;
            Ok((client, account))
        })
        .await?;
    let held = ScopeSet::parse(&client.scopes).map_err(ApiError::internal)?;
    let scopes = match requested {
        Some(asked) => held.narrowed_to(&asked).ok_or_else(|| {
            refused(
                "invalid_scope",
                "the client does not hold every scope asked for",
            )
        })?,
        None => held,
    };
    let token = state.jwt.issue_for_client(
        account.id.as_str(),
        account.token_version,
        client.id.as_str(),
        &scopes.to_text(),
    )?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"))
        .json(ClientToken {
            access_token: token,
            token_type: "Bearer",
            expires_in: state.jwt.ttl().as_secs(),
            scope: scopes.to_text(),
        }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::PartialSchema;

    #[test]
    fn the_documented_scope_pattern_names_every_scope() {
        let schema = serde_json::to_value(TokenRequest::schema()).unwrap_or_default();
        let pattern = schema["properties"]["scope"]["pattern"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        for scope in crate::domain::client_scope::ClientScope::ALL {
            assert!(
                pattern.contains(scope.as_str()),
                "{pattern} lacks {}",
                scope.as_str()
            );
        }
    }
}
