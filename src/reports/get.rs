//! `GET /api/v1/reports/{id}`: one report whose task the caller sees.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::dto::ReportDto;
use super::model::ReportRow;
use super::queries;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;
use crate::tasks::access as task_access;
use crate::tasks::model::TaskRow;

/// A report, its task and the task's lead agency path, if the caller sees the task.
pub fn load_visible(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &str,
) -> Result<(ReportRow, TaskRow, String), ApiError> {
    let report = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let task = task_access::load(conn, user, &report.task_id)?;
    let path = task.lead_path().to_owned();
    Ok((report, task.into_row(), path))
}

#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}",
    tag = "reports",
    params(("id" = Uuid, Path, description = "Report id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The report", body = ReportDto,
            headers(("ETag" = String, description = "The report's version"))),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().to_string();
    let row = state
        .pool
        .run_as(auth, move |conn, user| Ok(load_visible(conn, user, &id)?.0))
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &ReportDto::from_row(row)?,
    ))
}
