//! Request and response bodies of the registration and assessment endpoints.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
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
        max_length = 2000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
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
        max_length = 2000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
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
    /// Why it was closed undecided (`status: closed`): its agency ended in a reorganisation.
    pub closed_reason: Option<String>,
    /// Changes on every update; send it back as `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An agency's standing in a campaign: `not_registered` or its assessment's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StandingStatus {
    NotRegistered,
    Registered,
    SelfAssessing,
    Submitted,
    UnderReview,
    Returned,
    Decided,
    Closed,
}

impl From<AssessmentStatus> for StandingStatus {
    fn from(status: AssessmentStatus) -> Self {
        match status {
            AssessmentStatus::Registered => Self::Registered,
            AssessmentStatus::SelfAssessing => Self::SelfAssessing,
            AssessmentStatus::Submitted => Self::Submitted,
            AssessmentStatus::UnderReview => Self::UnderReview,
            AssessmentStatus::Returned => Self::Returned,
            AssessmentStatus::Decided => Self::Decided,
            AssessmentStatus::Closed => Self::Closed,
        }
    }
}

/// Filters of the overview.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OverviewQuery {
    pub status: Option<StandingStatus>,
    /// Final rating (decided assessments only).
    pub rating: Option<Rating>,
    pub agency_id: Option<Uuid>,
    /// Also the rows of the agencies the caller's agency succeeded in a reorganisation, under
    /// their own names (default `false`): a merged department's figures before the merger.
    pub include_predecessors: Option<bool>,
}

/// One participating agency's row.
#[derive(Debug, Serialize, ToSchema)]
pub struct StandingRow {
    pub agency_id: String,
    pub agency_code: String,
    pub agency_name: String,
    /// Absent until the agency registers.
    pub assessment_id: Option<String>,
    pub status: StandingStatus,
    pub self_total: Option<f64>,
    pub review_total: Option<f64>,
    /// The final rating, once decided.
    pub rating: Option<Rating>,
    pub recognised: Option<bool>,
    /// Registered after the registration deadline, or still not registered past it.
    pub registration_late: bool,
    /// Submitted after the agency's self-assessment deadline, or still not submitted past it.
    pub self_assessment_late: bool,
    /// Decided after the review deadline, or still not decided past it.
    pub review_late: bool,
}

/// How many rows have each status.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct StatusCounts {
    pub not_registered: u32,
    pub registered: u32,
    pub self_assessing: u32,
    pub submitted: u32,
    pub under_review: u32,
    pub returned: u32,
    pub decided: u32,
    pub closed: u32,
}

/// How many rows have each final rating.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct RatingCounts {
    pub excellent: u32,
    pub good: u32,
    pub average: u32,
    pub weak: u32,
    /// Not decided yet.
    pub none: u32,
}

/// Counts over the rows answered.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct OverviewCounts {
    pub total: u32,
    pub by_status: StatusCounts,
    pub by_rating: RatingCounts,
    pub recognised: u32,
    pub late: u32,
}

/// The campaign overview: every row (bounded by the number of agencies, so not paged) and
/// counts that add up to them.
#[derive(Debug, Serialize, ToSchema)]
pub struct Overview {
    pub items: Vec<StandingRow>,
    pub counts: OverviewCounts,
}
