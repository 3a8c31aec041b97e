//! `GET /api/v1/reports/{id}/evidence` and `/assessments/{id}/evidence`: the files attached.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::EvidenceDto;
use super::owner::Owner;
use crate::auth::Authenticated;
use crate::domain::ids::{AssessmentId, ReportId};
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;
use crate::tasks::comments::CommentQuery;

pub(super) async fn list(
    state: web::Data<AppState>,
    auth: Authenticated,
    owner: Owner,
    query: CommentQuery,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, user| {
            access::of_owner(conn, user, &owner, &fetch)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.finish(rows, |r| r.id.as_str(), EvidenceDto::from)))
}

/// List a report's evidence
///
/// Anyone who sees the report's task.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}/evidence",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Report id"), CommentQuery),
    security(("bearer" = []), ("client_credentials" = ["reports:write"])),
    responses(
        (status = 200, description = "A page of the report's evidence", body = Page<EvidenceDto>),
        (status = 404, description = "No such report in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid limit", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_evidence(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    query: web::Query<CommentQuery>,
) -> Result<HttpResponse, ApiError> {
    list(
        state,
        auth,
        Owner::Report(ReportId::from(id.into_inner())),
        query.into_inner(),
    )
    .await
}

/// List an assessment's evidence
///
/// Anyone who sees the assessment: province roles and users whose subtree holds the assessed
/// agency.
#[utoipa::path(
    get,
    path = "/api/v1/assessments/{id}/evidence",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Assessment id"), CommentQuery),
    security(("bearer" = []), ("client_credentials" = ["assessments:read"])),
    responses(
        (status = 200, description = "A page of the assessment's evidence", body = Page<EvidenceDto>),
        (status = 404, description = "No such assessment in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid limit", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_assessment_evidence(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    query: web::Query<CommentQuery>,
) -> Result<HttpResponse, ApiError> {
    list(
        state,
        auth,
        Owner::Assessment(AssessmentId::from(id.into_inner())),
        query.into_inner(),
    )
    .await
}
