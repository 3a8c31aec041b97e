//! `GET /api/v1/reports/{id}`: one report whose task the caller sees.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::ReportDto;
use crate::auth::Authenticated;
use crate::domain::ids::ReportId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read a report
///
/// Anyone who sees its task.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}",
    tag = "reports",
    params(("id" = Uuid, Path, description = "Report id")),
    security(("bearer" = []), ("client_credentials" = ["reports:write"])),
    responses(
        (status = 200, description = "The report", body = ReportDto,
            headers(("ETag" = String, description = "The report's version"))),
        (status = 404, description = "No such report in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = ReportId::from(id.into_inner());
    let row = state
        .pool
        .read_by_key_as(auth, move |conn, user| Ok(access::load(conn, user, &id)?.0))
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &ReportDto::from_row(row)?,
    ))
}
