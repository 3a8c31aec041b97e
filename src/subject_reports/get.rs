//! `GET /api/v1/delegations/{id}/subjects/{agency_id}/report`: a subject's report.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use uuid::Uuid;

use super::access;
use super::dto::SubjectReportDto;
use crate::auth::Authenticated;
use crate::domain::ids::{AgencyId, DelegationId};
use crate::domain::task::vietnam_date;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read a subject's report
///
/// The subject agency's users always; the delegation's members, overseers and readers once it
/// was submitted. Never another subject's.
#[utoipa::path(
    get,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/report",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    security(("bearer" = []), ("client_credentials" = ["delegations:read"])),
    responses(
        (status = 200, description = "The report", body = SubjectReportDto, headers(("ETag" = String, description = "The report's version"))),
        (status = 404, description = "No such report in your reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_subject_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let row = state
        .pool
        .read_by_key_as(auth, move |conn, caller| {
            access::load(conn, caller, &id, &agency)
        })
        .await?;
    let version = row.version;
    let dto = SubjectReportDto::from_row(row, vietnam_date(Utc::now()))?;
    Ok(json_with_etag(StatusCode::OK, version, &dto))
}
