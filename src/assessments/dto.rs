//! Request and response bodies of the registration and assessment endpoints.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::Score;
use crate::domain::assessment::AssessmentStatus;
use crate::domain::framework::Rating;

/// A registration (đăng ký) of an agency for the year's standard.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// A participating agency: the manager's own (or one below it); any for a supervisor.
    pub agency_id: Uuid,
    /// Number of the registration letter, e.g. `118/STTTT-VP`.
    #[schema(
        pattern = "^[0-9]{1,5}(/[0-9]{4})?[-/][A-ZĐ][A-Z0-9Đ]*([-/.][A-Z0-9Đ]+)*$",
        max_length = 60
    )]
    pub document_number: String,
    /// Date of the registration letter; not in the future.
    pub registered_on: NaiveDate,
}

/// One criterion's score. Send `score` for a point criterion, `met` for a disqualifying
/// condition, neither to clear the criterion's score.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreInput {
    #[schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$")]
    pub criterion_code: String,
    /// From 0 to the criterion's `max_points`, in whole or half points.
    #[schema(minimum = 0, maximum = 1000, multiple_of = 0.5)]
    pub score: Option<f64>,
    pub met: Option<bool>,
    #[schema(
        min_length = 1,
        max_length = 2000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub note: Option<String>,
}

/// Scores for some or all criteria; criteria not listed keep their scores.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoresRequest {
    #[schema(min_items = 1, max_items = 300)]
    pub scores: Vec<ScoreInput>,
}

/// `{"scores": [...]}`, or the list of scores itself.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum ScoresBody {
    Wrapped(ScoresRequest),
    List(Vec<ScoreInput>),
}

/// The scores of a `PUT .../self-scores` or `.../review-scores` body, in either shape.
pub struct ScoresPayload(pub Vec<ScoreInput>);

impl actix_web::FromRequest for ScoresPayload {
    type Error = actix_web::Error;
    type Future = futures_util::future::LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(
        req: &actix_web::HttpRequest,
        payload: &mut actix_web::dev::Payload,
    ) -> Self::Future {
        let json = actix_web::web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let value = json.await?.into_inner();
            let scores = match value {
                serde_json::Value::Array(_) => serde_json::from_value::<Vec<ScoreInput>>(value),
                serde_json::Value::Object(_) => {
                    serde_json::from_value::<ScoresRequest>(value).map(|r| r.scores)
                }
                _ => {
                    return Err(crate::error::ApiError::field(
                        "body",
                        "must be a list of scores or {\"scores\": [...]}",
                    )
                    .into())
                }
            };
            scores
                .map(ScoresPayload)
                .map_err(|e| crate::error::ApiError::field("body", e.to_string()).into())
        })
    }
}

/// Why the assessment goes back to the agency.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnRequest {
    #[schema(
        min_length = 1,
        max_length = 5000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub comment: String,
}

/// The recognition decision (quyết định công nhận).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecideRequest {
    /// Whether the agency is recognised as meeting the standard.
    pub recognised: bool,
    pub rating: Rating,
    /// Number of the decision, e.g. `15/QĐ-CAT`.
    #[schema(
        pattern = "^[0-9]{1,5}(/[0-9]{4})?[-/][A-ZĐ][A-Z0-9Đ]*([-/.][A-Z0-9Đ]+)*$",
        max_length = 60
    )]
    pub decision_number: String,
    /// Date of the decision; not in the future.
    pub decided_on: NaiveDate,
    /// Required when the decision goes against the rules (recognising an agency that failed a
    /// disqualifying condition, or rating above what the scores give); kept in the audit trail.
    #[schema(
        min_length = 1,
        max_length = 2000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub override_reason: Option<String>,
}

/// More time for one agency's self-assessment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtendRequest {
    /// The new last day (Vietnam time): after the campaign's self-assessment deadline, at
    /// the latest on its review deadline.
    pub until: NaiveDate,
}

/// One criterion with the agency's and the reviewer's scores.
#[derive(Debug, Serialize, ToSchema)]
pub struct CriterionScores {
    pub group_code: String,
    pub code: String,
    pub title: String,
    pub max_points: u32,
    pub disqualifying: bool,
    pub self_score: Option<Score>,
    pub review_score: Option<Score>,
}

/// The recognition decision as taken.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionDto {
    pub recognised: bool,
    pub rating: Rating,
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub decided_by: String,
    /// Why the decision goes against the rules, when it does.
    pub override_reason: Option<String>,
}

/// An agency's assessment in a campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentDto {
    pub id: String,
    pub campaign_id: String,
    pub framework_id: String,
    pub agency_id: String,
    /// Number of the registration letter.
    pub document_number: String,
    pub registered_on: NaiveDate,
    pub registered_by: String,
    pub status: AssessmentStatus,
    pub registration_deadline: NaiveDate,
    /// This agency's last day to submit: the campaign's, or its extension.
    pub self_assessment_deadline: NaiveDate,
    /// Set when a supervisor gave this agency more time.
    pub extended_until: Option<NaiveDate>,
    pub review_deadline: NaiveDate,
    pub criteria: Vec<CriterionScores>,
    /// Points the agency gave itself; unscored criteria count 0.
    pub self_total: f64,
    /// Codes of criteria the agency has not scored.
    pub self_missing: Vec<String>,
    /// The agency's scores with the reviewer's in their place, once the reviewer scored any.
    pub review_total: Option<f64>,
    /// Disqualifying conditions not met (by the reviewer's marks where given).
    pub failed_conditions: Vec<String>,
    /// What the rules give for the scores (the reviewer's where given); absent until every
    /// criterion is scored.
    pub proposed_rating: Option<Rating>,
    pub proposed_recognised: Option<bool>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub return_comment: Option<String>,
    /// The final rating, once decided.
    pub rating: Option<Rating>,
    pub recognised: Option<bool>,
    pub decision: Option<DecisionDto>,
    /// The self-assessment was (or still is) not submitted by its deadline.
    pub self_assessment_late: bool,
    /// Changes on every update; send it back as `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
