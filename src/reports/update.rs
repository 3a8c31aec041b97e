//! `PATCH /api/v1/reports/{id}`: the lead agency edits its draft; submitted reports never change.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;
use uuid::Uuid;

use super::access;
use super::dto::{ReportDto, UpdateReport};
use super::model::ReportChanges;
use crate::auth::Authenticated;
use crate::domain::ids::ReportId;
use crate::domain::permissions::reports::ReportAction;
use crate::domain::report::check_editable;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// Change a draft report
///
/// Staff and managers of the lead agency's subtree, while the report is a `draft`. Send `If-Match`
/// to refuse a stale change.
#[utoipa::path(
    patch,
    path = "/api/v1/reports/{id}",
    tag = "reports",
    params(
        ("id" = Uuid, Path, description = "Report id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412"),
    ),
    request_body = UpdateReport,
    security(("bearer" = []), ("client_credentials" = ["reports:write"])),
    responses(
        (status = 200, description = "The updated draft", body = ReportDto,
            headers(("ETag" = String, description = "The report's new version"))),
        (status = 403, description = "Only the lead agency edits its reports", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The report is no longer a draft", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: Body<UpdateReport>,
) -> Result<HttpResponse, ApiError> {
    let (period, text, value) = body.into_inner().parse()?;
    let expected = etag::expected_version(&req)?;
    let id = ReportId::from(id.into_inner());
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            let (report, _, _) = access::for_action(conn, user, &id, ReportAction::Draft)?;
            check_editable(report.status).map_err(ApiError::Conflict)?;
            etag::check(expected, report.version)?;
            let audit_changes =
                json!({"period": period, "body_changed": text.is_some(), "actual_value": value});
            let changes = ReportChanges {
                period,
                body: text,
                actual_value: value,
                ..Default::default()
            };
            access::save(conn, user, &report, changes, "report.update", audit_changes)
        })
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &ReportDto::from_row(row)?,
    ))
}
