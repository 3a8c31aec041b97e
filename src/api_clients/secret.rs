//! `POST /api/v1/api-clients/{id}/secret`: a new secret for a client, the one it replaces
//! still accepted for an overlap period so that the system switches without a gap.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::access;
use super::dto::{ApiClientDto, ClientWithSecret, RotateSecret};
use super::model::ApiClientChanges;
use crate::auth::tokens::{hash_token, random_token};
use crate::auth::Authenticated;
use crate::domain::ids::ApiClientId;
use crate::domain::values::secret_overlap;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Rotate an API client's secret
///
/// Its managers. The answer holds the new `client_secret`, shown this once; the secret it
/// replaces stays valid for `overlap_hours` (0 ends it at once). A secret older than that is
/// refused.
#[utoipa::path(
    post,
    path = "/api/v1/api-clients/{id}/secret",
    tag = "api-clients",
    params(("id" = Uuid, Path, description = "The client's id")),
    request_body = RotateSecret,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The client and its new secret", body = ClientWithSecret,
            headers(("ETag" = String, description = "The client's new version"))),
        (status = 404, description = "No such client in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An overlap outside 0 to 168 hours", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn rotate_api_client_secret(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<RotateSecret>,
) -> Result<HttpResponse, ApiError> {
    let id = ApiClientId::from(id.into_inner());
    let overlap = secret_overlap(body.into_inner().overlap_hours)
        .map_err(|message| ApiError::field("overlap_hours", message))?;
    let secret = random_token();
    let secret_hash = hash_token(&secret);
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            let visible = access::load(conn, caller, &id)?;
            let until = Utc::now().naive_utc() + overlap;
            let changes = ApiClientChanges {
                secret_hash: Some(secret_hash),
                previous_secret_hash: Some(Some(visible.row().secret_hash.clone())),
                previous_secret_valid_until: Some(Some(until)),
                ..Default::default()
            };
            let audit = json!({"previous_valid_until": until});
            access::save(
                conn,
                caller,
                &visible,
                changes,
                "api_client.rotate_secret",
                audit,
            )
        })
        .await?;
    let version = row.version;
    let answer = ClientWithSecret {
        client: ApiClientDto::from_row(row)?,
        client_secret: secret,
    };
    Ok(json_with_etag(
        actix_web::http::StatusCode::OK,
        version,
        &answer,
    ))
}
