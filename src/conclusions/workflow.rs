//! `POST .../subjects/{agency_id}/conclusion/send` and `PUT .../conclusion/comments`: the
//! delegation's head or an overseer sends the draft to the subject, whose manager comments on
//! it within the time limit. A step refused in the conclusion's state is 409 naming it.

use actix_web::{web, HttpResponse};
use chrono::{NaiveDateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use super::access::{self, Loaded};
use super::dto::{answer, CommentConclusion, ConclusionDto};
use super::model::ConclusionChanges;
use crate::auth::{AuthUser, Authenticated};
use crate::calendar::access::working_calendar;
use crate::db::AnyConnection;
use crate::domain::conclusion::{ConclusionStatus, FINDING_MAX};
use crate::domain::ids::{AgencyId, DelegationId};
use crate::domain::permissions::delegations as rules;
use crate::domain::task::vietnam_date;
use crate::domain::time_limit::TimeLimitCode;
use crate::domain::values::parse_text;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::state::AppState;

/// Send a draft conclusion to its subject
///
/// The delegation's overseers and head, from `drafting`: the subject agency sees the draft
/// from then on and comments on it within the `comments` time limit (5 working days by
/// default, Vietnam's calendar); the conclusion is due by the `conclusion_signing` limit.
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/conclusion/send",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The sent draft", body = ConclusionDto, headers(("ETag" = String, description = "The conclusion's new version"))),
        (status = 403, description = "Only the delegation's overseers and head send it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such conclusion in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already sent or issued, or the delegation closed", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn send_conclusion(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            send(conn, caller, &id, &agency, Utc::now().naive_utc())
        })
        .await?;
    answer(row)
}

/// Comment on a draft conclusion
///
/// The subject agency's manager, while the draft it was sent is not issued: its comments
/// replace earlier ones and are flagged late after the time limit, which does not refuse them.
#[utoipa::path(
    put,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/conclusion/comments",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    request_body = CommentConclusion,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The draft with the comments", body = ConclusionDto, headers(("ETag" = String, description = "The conclusion's new version"))),
        (status = 403, description = "Only the subject's manager comments", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such conclusion in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not sent, already issued, or the delegation closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Blank or overlong comments", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn comment_conclusion(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    body: Body<CommentConclusion>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let comments = parse_text(&body.into_inner().comments, FINDING_MAX)
        .map_err(|m| ApiError::field("comments", m))?;
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            comment(conn, caller, &id, &agency, comments, Utc::now().naive_utc())
        })
        .await?;
    answer(row)
}

/// Sends the draft to the subject, as `caller` at `at` (also for `seed-demo`, on a story's
/// own day): the time limits count from that day.
pub(crate) fn send(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    agency: &AgencyId,
    at: NaiveDateTime,
) -> Result<Loaded, ApiError> {
    let from = [ConclusionStatus::Drafting];
    let allowed = |r: &access::Reached| rules::runs(r.delegation.standing());
    let (reached, current) = access::for_step(conn, caller, id, agency, allowed, &from)?;
    let today = vietnam_date(at.and_utc());
    let limits = crate::time_limits::access::current(conn)?;
    let calendar = working_calendar(conn, today)?;
    let due_on = limits.due(TimeLimitCode::Comments, today, &calendar);
    let conclusion_due = limits.due(TimeLimitCode::ConclusionSigning, today, &calendar);
    let changes = ConclusionChanges {
        status: Some(ConclusionStatus::Sent),
        sent_at: Some(Some(at)),
        sent_by: Some(Some(caller.id.clone())),
        comments_due_on: Some(Some(due_on)),
        conclusion_due_on: Some(Some(conclusion_due)),
        ..Default::default()
    };
    let audit = json!({"comments_due_on": due_on, "conclusion_due_on": conclusion_due});
    let event = "delegation_conclusion.send";
    let row = access::save(conn, caller, &current, changes, event, audit)?;
    Ok(reached.answer(row, Vec::new()))
}

/// Stores the subject's checked comments on the draft, as `caller` at `at` (also for
/// `seed-demo`).
pub(crate) fn comment(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    agency: &AgencyId,
    comments: String,
    at: NaiveDateTime,
) -> Result<Loaded, ApiError> {
    let from = [ConclusionStatus::Sent];
    let allowed = |r: &access::Reached| rules::comments_on_conclusion(caller, &r.entry.path);
    let (reached, current) = access::for_step(conn, caller, id, agency, allowed, &from)?;
    let changes = ConclusionChanges {
        comments: Some(Some(comments.clone())),
        commented_at: Some(Some(at)),
        commented_by: Some(Some(caller.id.clone())),
        ..Default::default()
    };
    let audit = json!({"characters": comments.chars().count()});
    let event = "delegation_conclusion.comment";
    let row = access::save(conn, caller, &current, changes, event, audit)?;
    Ok(reached.answer(row, Vec::new()))
}
