//! Evidence of a delegation's records: files with a subject's report to the delegation
//! (attached by the subject's users while they draft it) and with the minutes of a working
//! session (attached by the delegation's members and overseers).

use actix_web::{web, HttpRequest, HttpResponse};
use uuid::Uuid;

use super::dto::{EvidenceDto, EvidenceUpload};
use super::owner::Owner;
use crate::auth::Authenticated;
use crate::domain::ids::{AgencyId, DelegationId, SessionId};
use crate::error::{ApiError, Problem};
use crate::http::pagination::Page;
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
