//! `PATCH /api/v1/api-clients/{id}`: rename a client, change its scopes or expiry, or
//! deactivate it (its tokens are refused at once).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::access;
use super::create::{check_expiry, NAME_MAX};
use super::dto::{ApiClientDto, UpdateApiClient};
use super::model::ApiClientChanges;
use crate::auth::Authenticated;
use crate::domain::client_scope::ScopeSet;
use crate::domain::ids::ApiClientId;
use crate::domain::values::Name;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// The patch checked into changes and their audit record, or 422 naming each field.
fn check(patch: UpdateApiClient) -> Result<(ApiClientChanges, Value), ApiError> {
    let mut errors = FieldErrors::default();
    let name = patch
        .name
        .and_then(|n| errors.take("name", Name::parse(&n, NAME_MAX).map(Name::into_inner)));
    let scopes = patch
        .scopes
        .and_then(|s| errors.take("scopes", ScopeSet::new(&s)))
        .map(|s| s.to_text());
    let expires_at = patch.expires_at.map(|at| {
        at.and_then(|at| errors.take("expires_at", check_expiry(at)))
            .map(|at| at.naive_utc())
    });
    errors.finish()?;
    let mut audit = Map::new();
    for (field, value) in [
        ("name", json!(name)),
        ("scopes", json!(scopes)),
        ("active", json!(patch.active)),
    ] {
        if !value.is_null() {
            audit.insert(field.into(), value);
        }
    }
    if let Some(at) = &expires_at {
        audit.insert("expires_at".into(), json!(at));
    }
    let changes = ApiClientChanges {
        name,
        scopes,
        active: patch.active,
        expires_at,
        ..Default::default()
    };
    Ok((changes, Value::Object(audit)))
}

/// Change an API client
///
/// Its managers (see reading a client). `active: false` refuses the client's tokens at once,
/// those already issued included; scopes narrowed apply to the next token. Send `If-Match` to
/// refuse a stale change.
#[utoipa::path(
    patch,
    path = "/api/v1/api-clients/{id}",
    tag = "api-clients",
    params(
        ("id" = Uuid, Path, description = "The client's id"),
        ("If-Match" = Option<String>, Header, description = "The client's ETag last read"),
    ),
    request_body = UpdateApiClient,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The client", body = ApiClientDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 404, description = "No such client in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_api_client(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: Body<UpdateApiClient>,
) -> Result<HttpResponse, ApiError> {
    let id = ApiClientId::from(id.into_inner());
    let (changes, audit) = check(body.into_inner())?;
    let expected = etag::expected_version(&req)?;
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            let visible = access::load(conn, caller, &id)?;
            etag::check(expected, visible.row().version)?;
            access::save(conn, caller, &visible, changes, "api_client.update", audit)
        })
        .await?;
    let version = row.version;
    Ok(json_with_etag(
        StatusCode::OK,
        version,
        &ApiClientDto::from_row(row)?,
    ))
}
