//! `POST /api/v1/reports/{id}/submit|review|revise`: the report workflow.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::access;
use super::create::{insert_draft, Draft};
use super::dto::{NoInput, ReportDto, ReviewRequest};
use super::model::ReportChanges;
use super::queries;
use crate::auth::Authenticated;
use crate::domain::ids::ReportId;
use crate::domain::permissions::reports::ReportAction;
use crate::domain::report::{self, check_revisable};
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{created, json_with_etag};
use crate::state::AppState;

/// Submit a draft report
///
/// The lead agency's manager, from `draft`; the report becomes `submitted` and waits for a
/// supervisor's review.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/submit",
    tag = "reports",
    params(("id" = Uuid, Path, description = "Report id")),
    request_body = NoInput,
    security(("bearer" = []), ("client_credentials" = ["reports:write"])),
    responses(
        (status = 200, description = "Submitted; the report is no longer edited", body = ReportDto),
        (status = 403, description = "Only the lead agency's manager submits", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The report is not a draft", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unexpected fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    _body: Body<NoInput>,
) -> Result<HttpResponse, ApiError> {
    let id = ReportId::from(id.into_inner());
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            let (row, _, _) = access::for_action(conn, user, &id, ReportAction::Submit)?;
            let next = report::submit(row.status).map_err(ApiError::Conflict)?;
            let now = Utc::now().naive_utc();
            let changes = ReportChanges {
                status: Some(next),
                submitted_by: Some(Some(user.id.clone())),
                submitted_at: Some(Some(now)),
                ..Default::default()
            };
            access::save(
                conn,
                user,
                &row,
                changes,
                "report.submit",
                json!({"status": next.as_str()}),
            )
        })
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &ReportDto::from_row(row)?,
    ))
}

/// Accept or return a submitted report
///
/// Supervisors and admins, from `submitted`: `accepted`, or `returned` with a comment.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/review",
    tag = "reports",
    params(("id" = Uuid, Path, description = "Report id")),
    request_body = ReviewRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Accepted or returned", body = ReportDto),
        (status = 403, description = "Only supervisors review", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The report is not submitted", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn review_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<ReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.parse_comment()?;
    let decision = body.decision;
    let id = ReportId::from(id.into_inner());
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            let (row, _, _) = access::for_action(conn, user, &id, ReportAction::Review)?;
            let next = report::review(row.status, decision).map_err(ApiError::Conflict)?;
            let now = Utc::now().naive_utc();
            let changes = ReportChanges {
                status: Some(next),
                reviewed_by: Some(Some(user.id.clone())),
                reviewed_at: Some(Some(now)),
                review_comment: Some(comment.clone()),
                ..Default::default()
            };
            let audit_changes = json!({"status": next.as_str(), "comment": comment});
            access::save(conn, user, &row, changes, "report.review", audit_changes)
        })
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &ReportDto::from_row(row)?,
    ))
}

/// Revise a returned report
///
/// Staff and managers of the lead agency, from `returned` while the task is open: a new `draft`
/// revision that keeps the returned one.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/revise",
    tag = "reports",
    params(("id" = Uuid, Path, description = "Id of a returned report")),
    request_body = NoInput,
    security(("bearer" = []), ("client_credentials" = ["reports:write"])),
    responses(
        (status = 201, description = "A new draft revision with the returned report's content", body = ReportDto,
            headers(("ETag" = String, description = "The new revision's version"))),
        (status = 403, description = "Only the lead agency revises its reports", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The report is not returned, or the task is closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unexpected fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn revise_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    _body: Body<NoInput>,
) -> Result<HttpResponse, ApiError> {
    let id = ReportId::from(id.into_inner());
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            let (row, task, _) = access::for_action(conn, user, &id, ReportAction::Draft)?;
            check_revisable(row.status).map_err(ApiError::Conflict)?;
            if let Some(revision) = queries::revision_of(conn, &row.id)? {
                return Err(ApiError::Conflict(format!(
                    "the report was already revised as {revision}"
                )));
            }
            let draft = Draft {
                period: row.period,
                body: row.body,
                actual_value: row.actual_value,
                revision: row.revision + 1,
                previous: Some(row.id),
            };
            insert_draft(conn, &user.actor(), (&task, None), draft)
        })
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    Ok(created(
        "reports",
        id.as_str(),
        version,
        &ReportDto::from_row(row)?,
    ))
}
