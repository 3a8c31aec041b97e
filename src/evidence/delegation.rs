//! Evidence of a delegation's records: files with a subject's report to the delegation
//! (attached by the subject's users while they draft it) and with the minutes of a working
//! session (attached by the delegation's members and overseers); and the files of the reports
//! a subject sent on a task the delegation's grant reaches.

use actix_web::{web, HttpRequest, HttpResponse};
use uuid::Uuid;

use super::dto::{EvidenceDto, EvidenceUpload};
use super::owner::Owner;
use crate::auth::AuthUser;
use crate::auth::Authenticated;
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, DelegationId, EvidenceId, ReportId, SessionId};
use crate::error::{ApiError, Problem};
use crate::http::pagination::Page;
use crate::http::pagination::PageRequest;
use crate::reports::access::{self as report_access, GrantedReport};
use crate::state::AppState;
use crate::tasks::comments::CommentQuery;

fn subject_report(path: (Uuid, Uuid)) -> Owner {
    Owner::SubjectReport(DelegationId::from(path.0), AgencyId::from(path.1))
}

fn session(path: (Uuid, Uuid, Uuid)) -> Owner {
    Owner::Session(
        DelegationId::from(path.0),
        AgencyId::from(path.1),
        SessionId::from(path.2),
    )
}

/// Attach evidence to a subject's report
///
/// The subject agency's own users, while its report is a draft or returned. Multipart with one
/// `file` part, checked as every evidence file (type from the bytes, up to
/// `EVIDENCE_MAX_BYTES`).
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/report/evidence",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    request_body(content = EvidenceUpload, content_type = "multipart/form-data"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The file is stored", body = EvidenceDto),
        (status = 400, description = "Not a multipart body, or the upload broke off", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the subject's own users attach evidence", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation or subject in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No draft yet, the report sent, or the delegation closed", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than EVIDENCE_MAX_BYTES, the body larger than that and 64 KiB, or more than 8 other fields (1 KiB each)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The file is not a PDF, image, Office or OpenDocument file", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` field or no file name", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn upload_subject_report_evidence(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let owner = subject_report(path.into_inner());
    super::upload::upload(state, auth, owner, req, payload).await
}

/// List a subject's report's evidence
///
/// Whoever reads the report: the subject's users, and the delegation's side once it was sent.
#[utoipa::path(
    get,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/report/evidence",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id"), CommentQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the report's evidence", body = Page<EvidenceDto>),
        (status = 404, description = "No such report in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid limit", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_subject_report_evidence(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    query: web::Query<CommentQuery>,
) -> Result<HttpResponse, ApiError> {
    let owner = subject_report(path.into_inner());
    super::list::list(state, auth, owner, query.into_inner()).await
}

/// Attach evidence to a working session
///
/// The delegation's members and overseers while it is active: the signed minutes (biên bản),
/// photos, documents handed over. Multipart with one `file` part, checked as every evidence
/// file.
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/sessions/{session_id}/evidence",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id"), ("session_id" = Uuid, Path, description = "Session id")),
    request_body(content = EvidenceUpload, content_type = "multipart/form-data"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The file is stored", body = EvidenceDto),
        (status = 400, description = "Not a multipart body, or the upload broke off", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the delegation's members and overseers attach evidence", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delegation is closed", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than EVIDENCE_MAX_BYTES, the body larger than that and 64 KiB, or more than 8 other fields (1 KiB each)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The file is not a PDF, image, Office or OpenDocument file", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` field or no file name", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn upload_session_evidence(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let owner = session(path.into_inner());
    super::upload::upload(state, auth, owner, req, payload).await
}

/// List a working session's evidence
///
/// Whoever sees the session: the delegation's side, and the subject it was held with.
#[utoipa::path(
    get,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/sessions/{session_id}/evidence",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id"), ("session_id" = Uuid, Path, description = "Session id"), CommentQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the session's evidence", body = Page<EvidenceDto>),
        (status = 404, description = "No such session in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid limit", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_session_evidence(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    query: web::Query<CommentQuery>,
) -> Result<HttpResponse, ApiError> {
    let owner = session(path.into_inner());
    super::list::list(state, auth, owner, query.into_inner()).await
}

/// The sent report `(delegation, subject, task, report)` through the delegation's grant.
fn granted_report(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    (id, agency, task, report): (Uuid, Uuid, Uuid, Uuid),
) -> Result<GrantedReport, ApiError> {
    let (task, _) = crate::delegations::subject_tasks::reach(conn, caller, (id, agency, task))?;
    report_access::granted_load(conn, &task, &ReportId::from(report))
}

/// List the evidence of a subject's sent report
///
/// Who reads the subject's task through the delegation: the files attached to a report it
/// sent on the task (never a draft's).
#[utoipa::path(
    get,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/tasks/{task_id}/reports/{report_id}/evidence",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id"),
        ("task_id" = Uuid, Path, description = "Task id"), ("report_id" = Uuid, Path, description = "Report id"), CommentQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the report's evidence", body = Page<EvidenceDto>),
        (status = 403, description = "A subject reads its evidence at /reports", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such sent report within the delegation's reach", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid limit", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_granted_report_evidence(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid, Uuid, Uuid)>,
    query: web::Query<CommentQuery>,
) -> Result<HttpResponse, ApiError> {
    let path = path.into_inner();
    let query = query.into_inner();
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, caller| {
            let report = granted_report(conn, caller, path)?;
            super::access::granted_of_report(conn, &report, &fetch)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.finish(rows, |r| r.id.as_str(), EvidenceDto::from)))
}

/// Download the evidence of a subject's sent report
///
/// Who reads the subject's task through the delegation; served as every evidence download
/// (its recognised type, `nosniff`, a sandboxing `Content-Security-Policy`).
#[utoipa::path(
    get,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/tasks/{task_id}/reports/{report_id}/evidence/{evidence_id}/content",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id"),
        ("task_id" = Uuid, Path, description = "Task id"), ("report_id" = Uuid, Path, description = "Report id"),
        ("evidence_id" = Uuid, Path, description = "Evidence id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file's bytes with their content type", content_type = "application/octet-stream", body = Vec<u8>,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''..."))),
        (status = 403, description = "A subject downloads its evidence at /evidence", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file within the delegation's reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_granted_report_evidence_content(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid, Uuid, Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency, task, report, evidence) = path.into_inner();
    let row = state
        .pool
        .run_as(auth, move |conn, caller| {
            let report = granted_report(conn, caller, (id, agency, task, report))?;
            super::access::granted_load(conn, &report, &EvidenceId::from(evidence))
        })
        .await?;
    super::content::serve(&state, row).await
}
