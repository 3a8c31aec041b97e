//! `GET /api/v1/directives/{id}`: one directive; every role reads directives.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::DirectiveDto;
use crate::auth::Authenticated;
use crate::domain::ids::DirectiveId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read a directive
///
/// Any logged-in user, with what it is based on.
#[utoipa::path(
    get,
    path = "/api/v1/directives/{id}",
    tag = "directives",
    params(("id" = Uuid, Path, description = "Directive id")),
    security(("bearer" = []), ("client_credentials" = ["tasks:read"])),
    responses(
        (status = 200, description = "The directive", body = DirectiveDto,
            headers(("ETag" = String, description = "The directive's version"))),
        (status = 404, description = "No such directive", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_directive(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = DirectiveId::from(id.into_inner());
    let (row, bases) = state
        .pool
        .read_by_key_as(auth, move |conn, user| {
            access::load_with_bases(conn, user, &id)
        })
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &DirectiveDto::from_row(row, bases)?,
    ))
}
