//! `PUT /api/v1/delegations/{id}/subjects/{agency_id}/conclusion`: the delegation drafts its
//! findings and recommendations for one subject.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::access::{self, Loaded};
use super::dto::{answer, ConclusionDto, PutDraftConclusion};
use super::model::{ConclusionChanges, ConclusionRow};
use crate::auth::{AuthUser, Authenticated};
use crate::db::json as stored;
use crate::db::AnyConnection;
use crate::domain::conclusion::{check_draft, ConclusionStatus, DraftRecommendation, Findings};
use crate::domain::ids::{AgencyId, DelegationId};
use crate::error::{ApiError, FieldError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self};
use crate::state::AppState;

/// Draft a subject's conclusion
///
/// The delegation's overseers and members, once the field work began and until the conclusion
/// is issued: the findings (strengths, shortcomings, causes) and the recommendations, each
/// with the date it is due. A draft already sent stays sent; the subject sees the change. Send
/// `If-Match` (the conclusion's ETag) to refuse a stale change.
#[utoipa::path(
    put,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/conclusion",
    tag = "delegations",
    params(
        ("id" = Uuid, Path, description = "Delegation id"),
        ("agency_id" = Uuid, Path, description = "The subject agency's id"),
        ("If-Match" = Option<String>, Header, description = "The conclusion's ETag last read"),
    ),
    request_body = PutDraftConclusion,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The draft as stored", body = ConclusionDto, headers(("ETag" = String, description = "The conclusion's new version"))),
        (status = 403, description = "Only the delegation's overseers and members draft it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation or subject in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delegation preparing or closed, or the conclusion issued", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Blank or overlong texts, a recommendation given twice", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_conclusion(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    req: HttpRequest,
    body: Body<PutDraftConclusion>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let body = body.into_inner();
    let (findings, recommendations) =
        check_draft(body.findings, body.recommendations).map_err(|errors| {
            ApiError::Validation(
                errors
                    .into_iter()
                    .map(|(f, m)| FieldError::new(&f, m))
                    .collect(),
            )
        })?;
    // Judged after the body, so that a bad body is a 422 whatever If-Match says.
    let expected = etag::expected_version(&req)?;
    let loaded = state
        .pool
        .write_as(auth, move |conn, caller| {
            draft(
                conn,
                caller,
                &id,
                &agency,
                findings,
                recommendations,
                expected,
            )
        })
        .await?;
    answer(loaded)
}

/// Stores the delegation's draft for the subject, as `caller` (also for `seed-demo`).
pub(crate) fn draft(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    agency: &AgencyId,
    findings: Findings,
    recommendations: Vec<DraftRecommendation>,
    expected: Option<i32>,
) -> Result<Loaded, ApiError> {
    let reached = access::for_drafting(conn, caller, id, agency)?;
    let text = stored::encode(&recommendations)?;
    let audit = json!({"recommendations": recommendations.len()});
    let Findings {
        strengths,
        shortcomings,
        causes,
    } = findings;
    let row = match &reached.conclusion {
        Some(current) => {
            etag::check(expected, current.version)?;
            let changes = ConclusionChanges {
                strengths: Some(strengths),
                shortcomings: Some(shortcomings),
                causes: Some(causes),
                recommendations: Some(text),
                ..Default::default()
            };
            let event = "delegation_conclusion.update";
            access::save(conn, caller, current, changes, event, audit)?
        }
        None => {
            etag::check(expected, 0)?;
            let now = Utc::now().naive_utc();
            let row = ConclusionRow {
                delegation_id: id.clone(),
                agency_id: agency.clone(),
                status: ConclusionStatus::Drafting,
                strengths,
                shortcomings,
                causes,
                recommendations: text,
                sent_at: None,
                sent_by: None,
                comments_due_on: None,
                comments: None,
                commented_at: None,
                commented_by: None,
                conclusion_id: None,
                concluded_at: None,
                conclusion_due_on: None,
                issued_on: None,
                implementation_plan_due_on: None,
                implementation_plan_number: None,
                implementation_plan_on: None,
                implementation_plan_by: None,
                created_by: caller.id.clone(),
                version: 1,
                created_at: now,
                updated_at: now,
            };
            access::insert(conn, caller, &row, audit)?;
            row
        }
    };
    Ok(reached.answer(row, Vec::new()))
}
