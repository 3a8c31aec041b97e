//! `POST .../subjects/{agency_id}/report/submit` and `.../report/return`: the subject's manager
//! sends the report; the delegation's head or an overseer returns it for a supplementary report
//! by a new date. A step refused in the report's state is 409 naming that state.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use super::access;
use super::dto::{ReturnSubjectReport, SubjectReportDto};
use super::model::SubjectReportChanges;
use super::model::SubjectReportRow;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, DelegationId};
use crate::domain::permissions::delegations as rules;
use crate::domain::subject_report::SubjectReportStatus;
use crate::domain::task::vietnam_date;
use crate::domain::time_limit::TimeLimitCode;
use crate::domain::values::parse_text;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::json_with_etag;
use crate::state::AppState;

fn answer(row: super::model::SubjectReportRow) -> Result<HttpResponse, ApiError> {
    let version = row.version;
    let dto = SubjectReportDto::from_row(row, vietnam_date(Utc::now()))?;
    Ok(json_with_etag(StatusCode::OK, version, &dto))
}

/// Submit a subject's report
///
/// The subject agency's manager, from `draft` or `returned`: the delegation sees it from then
/// on, flagged late when sent after its due date.
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/report/submit",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The submitted report", body = SubjectReportDto, headers(("ETag" = String, description = "The report's new version"))),
        (status = 403, description = "Only the subject's manager submits it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already submitted, or the delegation closed", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit_subject_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            submit(conn, caller, &id, &agency, Utc::now().naive_utc())
        })
        .await?;
    answer(row)
}

/// Return a subject's report
///
/// The delegation's head and overseers, from `submitted`: the subject supplements it by the new
/// due date (by default the `supplement` time limit from today: 5 days).
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/report/return",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    request_body = ReturnSubjectReport,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The returned report", body = SubjectReportDto, headers(("ETag" = String, description = "The report's new version"))),
        (status = 403, description = "Only the delegation's head and overseers return it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted, or the delegation closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A blank reason or a due date in the past", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn return_subject_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    body: Body<ReturnSubjectReport>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let body = body.into_inner();
    let reason = parse_text(&body.reason, 2000).map_err(|m| ApiError::field("reason", m))?;
    let today = vietnam_date(Utc::now());
    if body.due_on.is_some_and(|due| due < today) {
        return Err(ApiError::field("due_on", "must not be in the past"));
    }
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            let due_on = match body.due_on {
                Some(due) => due,
                None => crate::time_limits::access::current(conn)?
                    .due_in_days(TimeLimitCode::Supplement, today),
            };
            let from = [SubjectReportStatus::Submitted];
            let allowed = |r: &access::Reached| rules::runs(r.delegation.standing());
            let (_, current) = access::for_step(conn, caller, &id, &agency, allowed, &from)?;
            let changes = SubjectReportChanges {
                status: Some(SubjectReportStatus::Returned),
                due_on: Some(due_on),
                return_reason: Some(Some(reason.clone())),
                ..Default::default()
            };
            let audit = json!({"reason": reason, "due_on": due_on});
            access::save(
                conn,
                caller,
                &current,
                changes,
                "delegation_report.return",
                audit,
            )
        })
        .await?;
    answer(row)
}

/// Sends the subject's report to the delegation, as `caller` at `at` (also for `seed-demo`,
/// on a story's own day, against which the report is late or not).
pub(crate) fn submit(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    agency: &AgencyId,
    at: NaiveDateTime,
) -> Result<SubjectReportRow, ApiError> {
    let from = [SubjectReportStatus::Draft, SubjectReportStatus::Returned];
    let allowed = |r: &access::Reached| rules::submits_subject_report(caller, &r.entry.path);
    let (_, current) = access::for_step(conn, caller, id, agency, allowed, &from)?;
    let changes = SubjectReportChanges {
        status: Some(SubjectReportStatus::Submitted),
        submitted_at: Some(Some(at)),
        submitted_by: Some(Some(caller.id.clone())),
        return_reason: Some(None),
        ..Default::default()
    };
    let audit = json!({"from": current.status, "due_on": current.due_on});
    access::save(
        conn,
        caller,
        &current,
        changes,
        "delegation_report.submit",
        audit,
    )
}
