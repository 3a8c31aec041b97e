//! `GET /api/v1/delegations/{id}`: one delegation, as the caller's standing shows it.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::DelegationDto;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::ids::DelegationId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read a delegation
///
/// Its overseers, its members while it is active, the province's read roles and the leading
/// body's staff read all of it; an agency it works with sees only its own subject entry.
/// Anyone else, and a member once removed or once the delegation closed, gets 404.
#[utoipa::path(
    get,
    path = "/api/v1/delegations/{id}",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id")),
    security(("bearer" = []), ("client_credentials" = ["delegations:read"])),
    responses(
        (status = 200, description = "The delegation", body = DelegationDto,
            headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such delegation in your reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_delegation(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = DelegationId::from(id.into_inner());
    let dto = state
        .pool
        .read_by_key_as(auth, move |conn, caller| read(conn, caller, &id))
        .await?;
    Ok(json_with_etag(StatusCode::OK, dto.version, &dto))
}

/// The delegation as the caller's standing shows it: the answer of every delegation route.
pub(super) fn read(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
) -> Result<DelegationDto, ApiError> {
    let visible = access::load(conn, caller, id)?;
    let details = access::details(conn, caller, &visible)?;
    Ok(DelegationDto::new(&visible, details))
}
