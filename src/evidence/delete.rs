//! `DELETE /api/v1/evidence/{id}`: remove a file while its report is a draft or its
//! assessment is still being scored.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use crate::auth::Authenticated;
use crate::domain::ids::EvidenceId;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// Remove an evidence file
///
/// Staff and managers of the owning agency, while the report is a draft or the assessment is not
/// yet submitted.
#[utoipa::path(
    delete,
    path = "/api/v1/evidence/{id}",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Evidence id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The file is gone"),
        (status = 403, description = "Only the owning agency removes evidence", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such evidence in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The report is no longer a draft, or the assessment is submitted", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_evidence(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = EvidenceId::from(id.into_inner());
    let blobs = state.blobs.clone();
    state
        .pool
        .write_as(auth, move |conn, user| {
            let row = access::remove(conn, user, &id)?;
            blobs.delete(&row.storage_key)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
