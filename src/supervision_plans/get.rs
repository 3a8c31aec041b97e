//! `GET /api/v1/supervision-plans/{id}`: one plan.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::PlanDto;
use crate::auth::Authenticated;
use crate::domain::ids::PlanId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read a supervision plan
///
/// The province's roles and the users of the body's subtree.
#[utoipa::path(
    get,
    path = "/api/v1/supervision-plans/{id}",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Plan id")),
    security(("bearer" = []), ("client_credentials" = ["delegations:read"])),
    responses(
        (status = 200, description = "The plan", body = PlanDto, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such plan in your reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_plan(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = PlanId::from(id.into_inner());
    let row = state
        .pool
        .run_as(auth, move |conn, caller| {
            Ok(access::load(conn, caller, &id)?.into_row())
        })
        .await?;
    let version = row.version;
    Ok(json_with_etag(
        StatusCode::OK,
        version,
        &PlanDto::from_row(row)?,
    ))
}
