//! `GET /api/v1/evidence/{id}`: an evidence file's metadata.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::dto::{EvidenceDto, EvidenceRow};
use super::queries;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::error::{ApiError, Problem};
use crate::reports::get::load_visible;
use crate::reports::model::ReportRow;
use crate::state::AppState;

/// An evidence row with its report and the report's lead agency path, if the caller sees it.
pub fn load_visible_evidence(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &str,
) -> Result<(EvidenceRow, ReportRow, String), ApiError> {
    let row = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let (report, _, lead_path) = load_visible(conn, user, &row.owner_id)?;
    Ok((row, report, lead_path))
}

#[utoipa::path(
    get,
    path = "/api/v1/evidence/{id}",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Evidence id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file's metadata", body = EvidenceDto),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such evidence in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_evidence(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().to_string();
    let row = state
        .pool
        .run(move |conn| Ok(load_visible_evidence(conn, &user, &id)?.0))
        .await?;
    Ok(HttpResponse::Ok().json(EvidenceDto::from(row)))
}
