//! `PUT /api/v1/delegations/{id}/subjects/{agency_id}/report`: the subject drafts its report.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::access;
use super::dto::{PutSubjectReport, SubjectReportDto};
use super::model::{SubjectReportChanges, SubjectReportRow};
use crate::auth::{AuthUser, Authenticated};
use crate::db::json as stored;
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, DelegationId};
use crate::domain::outline::Outline;
use crate::domain::subject_report::{check_answers, Answer, SubjectReportStatus};
use crate::domain::task::vietnam_date;
use crate::error::{ApiError, FieldError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// Draft a subject's report
///
/// The subject agency's own users (its subtree), once the delegation issued its notice, while
/// the report is a draft or returned: answers to the outline section by section, with the
/// figures it asks for. The first draft is due on the notice's date. Send `If-Match` (the
/// report's ETag) to refuse a stale change.
#[utoipa::path(
    put,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/report",
    tag = "delegations",
    params(
        ("id" = Uuid, Path, description = "Delegation id"),
        ("agency_id" = Uuid, Path, description = "The subject agency's id"),
        ("If-Match" = Option<String>, Header, description = "The report's ETag last read"),
    ),
    request_body = PutSubjectReport,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The report as stored", body = SubjectReportDto, headers(("ETag" = String, description = "The report's new version"))),
        (status = 403, description = "Only the subject's own users draft it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation or subject in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No notice issued yet, the report sent, or the delegation closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Answers that do not follow the outline", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_subject_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    req: HttpRequest,
    body: Body<PutSubjectReport>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let expected = etag::expected_version(&req);
    let answers = body.into_inner().answers;
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            draft(conn, caller, &id, &agency, answers, expected)
        })
        .await?;
    let version = row.version;
    let dto = SubjectReportDto::from_row(row, vietnam_date(Utc::now()))?;
    Ok(json_with_etag(StatusCode::OK, version, &dto))
}

/// Stores the subject's answers as its draft, as `caller` (also for `seed-demo`); `expected`
/// (the If-Match read) is judged after the answers, so that a bad body is a 422 whatever
/// If-Match says.
pub(crate) fn draft(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    agency: &AgencyId,
    answers: Vec<Answer>,
    expected: Result<Option<i32>, ApiError>,
) -> Result<SubjectReportRow, ApiError> {
    let reached = access::for_drafting(conn, caller, id, agency)?;
    let outline: Outline = stored::decode(
        reached.entry.row.outline.as_deref().unwrap_or("null"),
        "outline",
    )?;
    let answers = check_answers(&outline, answers).map_err(|errors| {
        ApiError::Validation(
            errors
                .into_iter()
                .map(|(f, m)| FieldError::new(&f, m))
                .collect(),
        )
    })?;
    let expected = expected?;
    let text = stored::encode(&answers)?;
    let audit = json!({"sections": answers.iter().map(|a| &a.section).collect::<Vec<_>>()});
    match reached.report {
        Some(current) => {
            etag::check(expected, current.version)?;
            let changes = SubjectReportChanges {
                answers: Some(text),
                ..Default::default()
            };
            access::save(
                conn,
                caller,
                &current,
                changes,
                "delegation_report.update",
                audit,
            )
        }
        None => {
            etag::check(expected, 0)?;
            let now = Utc::now().naive_utc();
            let row = SubjectReportRow {
                delegation_id: id.clone(),
                agency_id: agency.clone(),
                status: SubjectReportStatus::Draft,
                answers: text,
                due_on: reached
                    .entry
                    .row
                    .report_due_on
                    .unwrap_or(reached.delegation.row().decided_on),
                submitted_at: None,
                submitted_by: None,
                return_reason: None,
                created_by: caller.id.clone(),
                version: 1,
                created_at: now,
                updated_at: now,
            };
            access::insert(conn, caller, &row, audit)?;
            Ok(row)
        }
    }
}
