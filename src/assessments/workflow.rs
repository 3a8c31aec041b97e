//! `POST /api/v1/assessments/{id}/submit|return|extend`: the agency's head submits; a
//! supervisor sends it back or gives one agency more time.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::access::{for_action, save, to_dto, Loaded};
use super::dto::{AssessmentDto, ExtendRequest, ReturnRequest};
use super::model::{own_outcome, AssessmentChanges};
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::assessment::{transition, AssessmentAction, AssessmentStatus};
use crate::domain::ids::AssessmentId;
use crate::domain::values::parse_text;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::json_with_etag;
use crate::reports::dto::NoInput;
use crate::state::AppState;

/// Loads the assessment, checks who acts and whether the status takes `action`.
pub fn begin(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &AssessmentId,
    action: AssessmentAction,
) -> Result<(Loaded, AssessmentStatus), ApiError> {
    let loaded = for_action(conn, user, id, action)?;
    loaded.campaign.check_open()?;
    let next = transition(loaded.row.status, action).map_err(ApiError::Conflict)?;
    Ok((loaded, next))
}

fn submit(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &AssessmentId,
) -> Result<Loaded, ApiError> {
    let (loaded, next) = begin(conn, user, id, AssessmentAction::Submit)?;
    loaded.check_scoring_open()?;
    let own = own_outcome(&loaded.scheme, &loaded.row.self_sheet()?);
    if !own.complete() {
        return Err(ApiError::field(
            "self_scores",
            format!(
                "score every criterion before submitting; missing: {}",
                own.missing.join(", ")
            ),
        ));
    }
    let now = Utc::now().naive_utc();
    let changes = AssessmentChanges {
        status: Some(next),
        submitted_by: Some(Some(user.id.clone())),
        submitted_at: Some(Some(now)),
        ..Default::default()
    };
    let event = json!({"status": next, "self_total": own.total});
    save(conn, user, loaded, changes, "assessment.submit", event)
}

fn send_back(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &AssessmentId,
    comment: String,
) -> Result<Loaded, ApiError> {
    let (loaded, next) = begin(conn, user, id, AssessmentAction::Return)?;
    let changes = AssessmentChanges {
        status: Some(next),
        return_comment: Some(Some(comment.clone())),
        ..Default::default()
    };
    let event = json!({"status": next, "comment": comment});
    save(conn, user, loaded, changes, "assessment.return", event)
}

fn extend(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &AssessmentId,
    until: chrono::NaiveDate,
) -> Result<Loaded, ApiError> {
    let (loaded, _) = begin(conn, user, id, AssessmentAction::Extend)?;
    let (own, review) = (
        loaded.campaign.self_assessment_deadline,
        loaded.campaign.review_deadline,
    );
    if until <= own || until > review {
        return Err(ApiError::field(
            "until",
            format!(
                "must be after the self-assessment deadline {} and at the latest the review deadline {}",
                own.format("%d/%m/%Y"),
                review.format("%d/%m/%Y")
            ),
        ));
    }
    let changes = AssessmentChanges {
        extended_until: Some(Some(until)),
        ..Default::default()
    };
    save(
        conn,
        user,
        loaded,
        changes,
        "assessment.extend",
        json!({"extended_until": until}),
    )
}

fn respond(loaded: Loaded) -> Result<HttpResponse, ApiError> {
    Ok(json_with_etag(
        StatusCode::OK,
        loaded.row.version,
        &to_dto(loaded)?,
    ))
}

/// Submit a self-assessment
///
/// The assessed agency's manager, once something is scored, before the deadline.
#[utoipa::path(
    post,
    path = "/api/v1/assessments/{id}/submit",
    tag = "assessments",
    params(("id" = Uuid, Path, description = "Assessment id")),
    request_body = NoInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Submitted for review", body = AssessmentDto),
        (status = 403, description = "Only the agency's manager submits", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assessment in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing scored, submitted already, past the deadline, or the campaign is closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Criteria without a score", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit_assessment(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    _body: Body<NoInput>,
) -> Result<HttpResponse, ApiError> {
    let id = AssessmentId::from(id.into_inner());
    respond(
        state
            .pool
            .write_as(auth, move |conn, user| submit(conn, user, &id))
            .await?,
    )
}

/// Return a submitted assessment
///
/// Supervisors and admins, from `submitted` or `under_review`, with a reason; the agency may
/// correct it until the review deadline.
#[utoipa::path(
    post,
    path = "/api/v1/assessments/{id}/return",
    tag = "assessments",
    params(("id" = Uuid, Path, description = "Assessment id")),
    request_body = ReturnRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Returned to the agency for changes", body = AssessmentDto),
        (status = 403, description = "Only supervisors return assessments", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assessment in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted, already decided, or the campaign is closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No comment", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn return_assessment(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<ReturnRequest>,
) -> Result<HttpResponse, ApiError> {
    let comment = parse_text(&body.comment, 5000).map_err(|m| ApiError::field("comment", m))?;
    let id = AssessmentId::from(id.into_inner());
    respond(
        state
            .pool
            .write_as(auth, move |conn, user| send_back(conn, user, &id, comment))
            .await?,
    )
}

/// Extend one agency's self-assessment deadline
///
/// Supervisors and admins, before the assessment is submitted or decided; the date must lie between
/// the self-assessment and review deadlines.
#[utoipa::path(
    post,
    path = "/api/v1/assessments/{id}/extend",
    tag = "assessments",
    params(("id" = Uuid, Path, description = "Assessment id")),
    request_body = ExtendRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The agency has until the new date to submit", body = AssessmentDto),
        (status = 403, description = "Only supervisors extend deadlines", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assessment in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted or decided already, or the campaign is closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The date is not between the self-assessment and review deadlines", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn extend_assessment(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<ExtendRequest>,
) -> Result<HttpResponse, ApiError> {
    let until = body.until;
    let id = AssessmentId::from(id.into_inner());
    respond(
        state
            .pool
            .write_as(auth, move |conn, user| extend(conn, user, &id, until))
            .await?,
    )
}
