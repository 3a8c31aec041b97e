//! `GET /api/v1/api-clients/{id}`: one API client, without its secret.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::ApiClientDto;
use crate::auth::Authenticated;
use crate::domain::ids::ApiClientId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read an API client
///
/// Admins, any client; an agency manager, the clients of its subtree.
#[utoipa::path(
    get,
    path = "/api/v1/api-clients/{id}",
    tag = "api-clients",
    params(("id" = Uuid, Path, description = "The client's id (its `client_id`)")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The client", body = ApiClientDto,
            headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such client in your reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_api_client(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = ApiClientId::from(id.into_inner());
    let row = state
        .pool
        .read_by_key_as(auth, move |conn, caller| {
            Ok(access::load(conn, caller, &id)?.row().clone())
        })
        .await?;
    let version = row.version;
    Ok(json_with_etag(
        actix_web::http::StatusCode::OK,
        version,
        &ApiClientDto::from_row(row)?,
    ))
}
