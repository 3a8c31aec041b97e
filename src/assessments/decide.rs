//! `POST /api/v1/assessments/{id}/decide`: the recognition decision. A decision that goes
//! against the rules needs an override reason, which the audit trail keeps.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, Utc};
use serde_json::json;
use uuid::Uuid;

use super::access::{save, to_dto, Loaded};
use super::dto::{AssessmentDto, DecideRequest};
use super::model::AssessmentChanges;
use super::workflow::begin;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::assessment::AssessmentAction;
use crate::domain::directive::parse_number;
use crate::domain::framework::Rating;
use crate::domain::ids::AssessmentId;
use crate::domain::scoring::contradiction;
use crate::domain::task::vietnam_date;
use crate::domain::values::parse_calendar_date;
use crate::domain::values::parse_text;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::json_with_etag;
use crate::state::AppState;

struct Decision {
    recognised: bool,
    rating: Rating,
    number: String,
    decided_on: NaiveDate,
    override_reason: Option<String>,
}

impl DecideRequest {
    fn parse(self) -> Result<Decision, ApiError> {
        let mut errors = FieldErrors::default();
        let number = errors.take("decision_number", parse_number(&self.decision_number));
        let today = vietnam_date(Utc::now());
        let decided_on = errors.take(
            "decided_on",
            parse_calendar_date(self.decided_on).and_then(|d| {
                if d > today {
                    Err("must not be in the future".into())
                } else {
                    Ok(d)
                }
            }),
        );
        let reason = self
            .override_reason
            .as_deref()
            .and_then(|r| errors.take("override_reason", parse_text(r, 2000)));
        if self.recognised && self.rating == Rating::Weak {
            errors.add("rating", "a recognised agency is rated average or better");
        }
        errors.finish()?;
        match (number, decided_on) {
            (Some(number), Some(decided_on)) => Ok(Decision {
                recognised: self.recognised,
                rating: self.rating,
                number,
                decided_on,
                override_reason: reason,
            }),
            _ => Err(ApiError::internal("decision parse lost a field")),
        }
    }
}

fn decide(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &AssessmentId,
    decision: Decision,
) -> Result<Loaded, ApiError> {
    let (loaded, next) = begin(conn, user, id, AssessmentAction::Decide)?;
    let outcome = loaded.outcome()?;
    let against_rules = contradiction(&outcome, decision.recognised, decision.rating);
    if let (Some(why), None) = (&against_rules, &decision.override_reason) {
        return Err(ApiError::field(
            "override_reason",
            format!("is required: the decision goes against the rules ({why})"),
        ));
    }
    let changes = AssessmentChanges {
        status: Some(next),
        recognised: Some(Some(decision.recognised)),
        rating: Some(Some(decision.rating)),
        decision_number: Some(Some(decision.number.clone())),
        decided_on: Some(Some(decision.decided_on)),
        decided_by: Some(Some(user.id.clone())),
        override_reason: Some(decision.override_reason.clone()),
        ..Default::default()
    };
    let event = json!({"status": next, "recognised": decision.recognised,
        "rating": decision.rating.as_str(), "decision_number": decision.number,
        "decided_on": decision.decided_on, "proposed_rating": outcome.rating.map(Rating::as_str),
        "against_rules": against_rules, "override_reason": decision.override_reason});
    save(conn, user, loaded, changes, "assessment.decide", event)
}

/// Decide an assessment's rating
///
/// Supervisors and admins, on a submitted or reviewed assessment. A rating other than the one the
/// thresholds and conditions give needs an `override_reason`, kept in the audit trail.
#[utoipa::path(
    post,
    path = "/api/v1/assessments/{id}/decide",
    tag = "assessments",
    params(("id" = Uuid, Path, description = "Assessment id")),
    request_body = DecideRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Decided: recognised or not, with the final rating", body = AssessmentDto),
        (status = 403, description = "Only supervisors decide", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assessment in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted, already decided, or the campaign is closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a decision against the rules without an override reason", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn decide_assessment(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<DecideRequest>,
) -> Result<HttpResponse, ApiError> {
    let decision = body.into_inner().parse()?;
    let id = AssessmentId::from(id.into_inner());
    let loaded = state
        .pool
        .write_as(auth, move |conn, user| decide(conn, user, &id, decision))
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        loaded.row.version,
        &to_dto(loaded)?,
    ))
}
