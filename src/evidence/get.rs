//! `GET /api/v1/evidence/{id}`: an evidence file's metadata.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::EvidenceDto;
use crate::auth::Authenticated;
use crate::domain::ids::EvidenceId;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// Read an evidence file's details
///
/// Anyone who sees what it is attached to (a report's task or an assessment).
#[utoipa::path(
    get,
    path = "/api/v1/evidence/{id}",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Evidence id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file's metadata", body = EvidenceDto),
        (status = 404, description = "No such evidence in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_evidence(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = EvidenceId::from(id.into_inner());
    let row = state
        .pool
        .run_as(auth, move |conn, user| Ok(access::load(conn, user, &id)?.0))
        .await?;
    Ok(HttpResponse::Ok().json(EvidenceDto::from(row)))
}
