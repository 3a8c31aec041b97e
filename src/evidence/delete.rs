//! `DELETE /api/v1/evidence/{id}`: remove a file while its report is still a draft.

use actix_web::{web, HttpResponse};
use serde_json::json;
use uuid::Uuid;

use super::get::load_visible_evidence;
use super::queries;
use crate::audit;
use crate::auth::AuthUser;
use crate::domain::report::{check_editable, ReportStatus};
use crate::error::{ApiError, Problem};
use crate::reports::rules;
use crate::state::AppState;

#[utoipa::path(
    delete,
    path = "/api/v1/evidence/{id}",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Evidence id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The file is gone"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the lead agency removes evidence", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such evidence in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The report is no longer a draft", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_evidence(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().to_string();
    let blobs = state.blobs.clone();
    state
        .pool
        .write(move |conn| {
            let (row, report, lead_path) = load_visible_evidence(conn, &user, &id)?;
            if !rules::may_draft(&user, &lead_path) {
                return Err(ApiError::Forbidden);
            }
            let status = ReportStatus::parse(&report.status)
                .ok_or_else(|| ApiError::internal("unknown report status"))?;
            check_editable(status).map_err(ApiError::Conflict)?;
            queries::delete(conn, &id)?;
            audit::record(
                conn,
                &user.actor(),
                "evidence.delete",
                "evidence",
                &id,
                json!({"filename": row.filename}),
            )?;
            blobs.delete(&row.storage_key)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
