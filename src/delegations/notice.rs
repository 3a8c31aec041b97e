//! `GET/PUT /api/v1/delegations/{id}/subjects/{agency_id}/notice` and `POST .../notice/issue`:
//! the notice to a subject with the outline of its report. Members draft it; the head or an
//! overseer issues it; the subject sees it once issued.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;
use uuid::Uuid;

use super::access::{self, SubjectEntry, Visible};
use super::dto::{NoticeDto, PutNotice};
use super::model::DelegationChanges;
use crate::auth::{AuthUser, Authenticated};
use crate::calendar::access as calendar;
use crate::db::{json as stored, AnyConnection};
use crate::domain::ids::{AgencyId, DelegationId};
use crate::domain::outline::Outline;
use crate::domain::permissions::delegations::Standing;
use crate::domain::time_limit::TimeLimitCode;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;
use crate::time_limits::access::current as time_limits;

fn answer(visible: &Visible, entry: SubjectEntry, version: i32) -> Result<NoticeDto, ApiError> {
    let row = entry.row;
    Ok(NoticeDto {
        delegation_id: visible.row().id.to_string(),
        agency_id: row.agency_id.into_string(),
        outline: row
            .outline
            .as_deref()
            .map(|o| stored::decode(o, "outline"))
            .transpose()?,
        report_due_on: row.report_due_on,
        issued: row.notice_issued_at.is_some(),
        issued_at: row.notice_issued_at.map(|t| t.and_utc()),
        issued_by: row.notice_issued_by.map(|u| u.into_string()),
        version,
    })
}

fn reload(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    agency: &AgencyId,
) -> Result<NoticeDto, ApiError> {
    let visible = access::load(conn, caller, id)?;
    let entry = access::subject_entry(conn, caller, &visible, agency)?;
    let version = visible.row().version;
    answer(&visible, entry, version)
}

fn issued_conflict(entry: &SubjectEntry) -> Result<(), ApiError> {
    match entry.row.notice_issued_at {
        Some(at) => Err(ApiError::Conflict(format!(
            "the notice was issued on {}; it does not change",
            at.date()
        ))),
        None => Ok(()),
    }
}

/// Read a subject's notice
///
/// Whoever reads the delegation; the subject agency's users only their own, once issued.
#[utoipa::path(
    get,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/notice",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    security(("bearer" = []), ("client_credentials" = ["delegations:read"])),
    responses(
        (status = 200, description = "The notice", body = NoticeDto, headers(("ETag" = String, description = "The delegation's version"))),
        (status = 404, description = "No such delegation, subject or issued notice in your reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_notice(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let dto = state
        .pool
        .run_as(auth, move |conn, caller| {
            let visible = access::load(conn, caller, &id)?;
            let entry = access::subject_entry(conn, caller, &visible, &agency)?;
            if visible.standing() == Standing::Subject && entry.row.notice_issued_at.is_none() {
                return Err(ApiError::NotFound);
            }
            let version = visible.row().version;
            answer(&visible, entry, version)
        })
        .await?;
    Ok(json_with_etag(StatusCode::OK, dto.version, &dto))
}

/// Draft a subject's notice
///
/// The delegation's members and overseers, until the notice is issued: the outline of the
/// subject's report and its due date (by default 5 working days before the subject's first
/// planned day of work, on the working-day calendar). Send `If-Match` to refuse a stale change.
#[utoipa::path(
    put,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/notice",
    tag = "delegations",
    params(
        ("id" = Uuid, Path, description = "Delegation id"),
        ("agency_id" = Uuid, Path, description = "The subject agency's id"),
        ("If-Match" = Option<String>, Header, description = "The delegation's ETag last read"),
    ),
    request_body = PutNotice,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The drafted notice", body = NoticeDto, headers(("ETag" = String, description = "The delegation's new version"))),
        (status = 403, description = "Only members and overseers draft it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation or subject in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delegation is closed or the notice issued", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An invalid outline, or no due date and no planned days", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_notice(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    req: HttpRequest,
    body: Body<PutNotice>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let body = body.into_inner();
    let outline = body.outline.parse("outline").map_err(|errors| {
        ApiError::Validation(
            errors
                .into_iter()
                .map(|(f, m)| crate::error::FieldError::new(&f, m))
                .collect(),
        )
    })?;
    let expected = etag::expected_version(&req)?;
    let dto = state
        .pool
        .write_as(auth, move |conn, caller| {
            store(
                conn,
                caller,
                &id,
                &agency,
                &outline,
                body.report_due_on,
                expected,
            )
        })
        .await?;
    Ok(json_with_etag(StatusCode::OK, dto.version, &dto))
}

/// Stores the subject's drafted notice with its outline, as `caller` (also for `seed-demo`).
pub(crate) fn store(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    agency: &AgencyId,
    outline: &Outline,
    report_due_on: Option<chrono::NaiveDate>,
    expected: Option<i32>,
) -> Result<NoticeDto, ApiError> {
    let visible = access::load(conn, caller, id)?;
    access::check_writes_work(&visible)?;
    etag::check(expected, visible.row().version)?;
    access::check_open(&visible)?;
    let entry = access::subject_entry(conn, caller, &visible, agency)?;
    issued_conflict(&entry)?;
    let due = due_date(conn, &visible, &entry, report_due_on)?;
    let text = stored::encode(outline)?;
    let audit =
        json!({"agency_id": agency, "report_due_on": due, "sections": outline.sections.len()});
    access::save(
        conn,
        caller,
        &visible,
        DelegationChanges::default(),
        "delegation.notice.draft",
        audit,
        |conn| access::set_notice(conn, &visible, &entry, &text, due),
    )?;
    reload(conn, caller, id, agency)
}

/// The due date given, or the default counted back from the first planned day of work.
fn due_date(
    conn: &mut AnyConnection,
    visible: &Visible,
    entry: &SubjectEntry,
    given: Option<chrono::NaiveDate>,
) -> Result<chrono::NaiveDate, ApiError> {
    let due = match (given, entry.row.planned_from) {
        (Some(due), _) => due,
        (None, Some(first)) => {
            let lead = time_limits(conn)?.count(TimeLimitCode::SubjectReportLead);
            calendar::working_calendar(conn, first)?.add_working_days(first, -lead)
        }
        (None, None) => {
            return Err(ApiError::field(
                "report_due_on",
                "give the date, or the subject's planned days of work first",
            ))
        }
    };
    if due < visible.row().decided_on {
        return Err(ApiError::field(
            "report_due_on",
            "must not come before the decision forming the delegation",
        ));
    }
    Ok(due)
}

/// Issue a subject's notice
///
/// The delegation's head and overseers, once its outline is drafted: from then on the subject
/// agency sees the notice and the notice does not change.
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/notice/issue",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The issued notice", body = NoticeDto, headers(("ETag" = String, description = "The delegation's new version"))),
        (status = 403, description = "Only the head and overseers issue notices", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation or subject in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delegation is closed, the outline not drafted, or the notice issued", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn issue_notice(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let dto = state
        .pool
        .write_as(auth, move |conn, caller| issue(conn, caller, &id, &agency))
        .await?;
    Ok(json_with_etag(StatusCode::OK, dto.version, &dto))
}

/// Issues the subject's notice, as `caller` (also for `seed-demo`).
pub(crate) fn issue(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    agency: &AgencyId,
) -> Result<NoticeDto, ApiError> {
    let visible = access::load(conn, caller, id)?;
    access::check_runs(&visible)?;
    access::check_open(&visible)?;
    let entry = access::subject_entry(conn, caller, &visible, agency)?;
    issued_conflict(&entry)?;
    if entry.row.outline.is_none() {
        return Err(ApiError::Conflict(
            "the notice has no outline yet; draft it first".into(),
        ));
    }
    let audit = json!({"agency_id": agency, "report_due_on": entry.row.report_due_on});
    access::save(
        conn,
        caller,
        &visible,
        DelegationChanges::default(),
        "delegation.notice.issue",
        audit,
        |conn| access::issue_notice(conn, caller, &visible, &entry),
    )?;
    reload(conn, caller, id, agency)
}
