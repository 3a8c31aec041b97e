//! The JSON shapes of a subject's conclusion.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::access::Loaded;
use crate::db::json;
use crate::domain::conclusion::{
    ConclusionDocument, ConclusionStatus, DraftRecommendation, Findings,
};
use crate::domain::task::{vietnam_date, Target};
use crate::error::ApiError;

/// The draft's findings and recommendations; they replace the draft's.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutDraftConclusion {
    #[serde(default, deserialize_with = "crate::http::object")]
    pub findings: Findings,
    /// Kiến nghị, in their order; up to 30.
    #[schema(max_items = 30)]
    #[serde(deserialize_with = "crate::http::objects")]
    pub recommendations: Vec<DraftRecommendation>,
}

/// The subject's comments on the draft it was sent (ý kiến góp ý).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentConclusion {
    #[schema(
        min_length = 1,
        max_length = 20000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub comments: String,
}

/// The conclusion document as issued: registered in the directive register (kind
/// `conclusion`) by the leading body, under the delegation's legal bases.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueConclusion {
    /// How it enters the directive register: `conclusion` (the default) or `notice`.
    #[serde(default)]
    pub kind: ConclusionDocument,
    /// Its number, checked like every directive number, e.g. `125-TB/TU`.
    #[schema(min_length = 1, max_length = 60, example = "125-TB/TU")]
    pub number: String,
    /// Not in the future, and on or before every recommendation's due date.
    pub issued_on: NaiveDate,
    /// By default "Kết luận: " and the delegation's title.
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*\S[^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: Option<String>,
}

/// One recommendation of a conclusion; once issued, with its id and follow-up task.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConclusionRecommendationDto {
    /// Its place in the conclusion, from 1.
    pub position: i32,
    pub content: String,
    pub due_on: NaiveDate,
    /// The figure the follow-up task must reach, if any.
    pub target: Option<Target>,
    /// Set once the conclusion is issued.
    pub id: Option<String>,
    /// The subject's follow-up task, once the conclusion is issued.
    pub task_id: Option<String>,
}

/// The subject's plan to carry out the conclusion (kế hoạch thực hiện kết luận).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutImplementationPlan {
    /// The plan's document number, checked like every directive number, e.g. `45/KH-STTTT`.
    #[schema(min_length = 1, max_length = 60, example = "45/KH-STTTT")]
    pub number: String,
    /// Its date: not in the future, and not before the conclusion was issued.
    pub issued_on: NaiveDate,
}

/// The subject's implementation plan as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImplementationPlanDto {
    pub number: String,
    pub issued_on: NaiveDate,
    /// The account that recorded it.
    pub recorded_by: Option<String>,
}

/// A delegation's conclusion for one subject.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConclusionDto {
    pub delegation_id: String,
    pub agency_id: String,
    pub status: ConclusionStatus,
    pub findings: Findings,
    pub recommendations: Vec<ConclusionRecommendationDto>,
    pub sent_at: Option<DateTime<Utc>>,
    pub sent_by: Option<String>,
    /// The last day the subject comments (by default 5 working days after it was sent).
    pub comments_due_on: Option<NaiveDate>,
    /// The day the draft is due to be sent: the delegation's `conclusions_due_on`, set when
    /// its field work ended (by default 5 days for the members' results, then 7).
    pub draft_due_on: Option<NaiveDate>,
    /// Sent after `draft_due_on`, or not sent and that day has passed (Vietnam's calendar).
    pub draft_late: bool,
    /// The day the conclusion is due (by default 15 days after the draft was sent).
    pub conclusion_due_on: Option<NaiveDate>,
    /// The issued document's date.
    pub issued_on: Option<NaiveDate>,
    /// The day the subject's implementation plan is due (by default 15 days after the
    /// conclusion was issued).
    pub implementation_plan_due_on: Option<NaiveDate>,
    /// The subject's implementation plan, once its manager recorded it.
    pub implementation_plan: Option<ImplementationPlanDto>,
    /// Recorded with a date after `implementation_plan_due_on`, or not recorded and that day
    /// has passed.
    pub implementation_plan_late: bool,
    pub comments: Option<String>,
    pub commented_at: Option<DateTime<Utc>>,
    pub commented_by: Option<String>,
    /// Commented after `comments_due_on`.
    pub comments_late: bool,
    /// Issued after `conclusion_due_on`, or sent, not issued and that day has passed (Vietnam's
    /// calendar).
    pub conclusion_late: bool,
    /// The conclusion in the directive register, once issued.
    pub conclusion_id: Option<String>,
    pub concluded_at: Option<DateTime<Utc>>,
    /// The conclusion's version, also its `ETag`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ConclusionDto {
    pub fn from_loaded(loaded: Loaded, today: NaiveDate) -> Result<Self, ApiError> {
        let Loaded {
            row,
            issued,
            draft_due_on,
        } = loaded;
        let drafted: Vec<DraftRecommendation> =
            json::decode(&row.recommendations, "conclusion recommendations")?;
        let recommendations = drafted
            .into_iter()
            .zip(1..)
            .map(|(r, position)| {
                let issued = issued.iter().find(|i| i.position == position);
                ConclusionRecommendationDto {
                    position,
                    content: r.content,
                    due_on: r.due_on,
                    target: r.target,
                    id: issued.map(|i| i.id.to_string()),
                    task_id: issued.map(|i| i.task_id.to_string()),
                }
            })
            .collect();
        let commented_on = row.commented_at.map(|t| vietnam_date(t.and_utc()));
        let comments_late = matches!(
            (commented_on, row.comments_due_on),
            (Some(on), Some(due)) if on > due
        );
        let sent_on = row.sent_at.map(|t| vietnam_date(t.and_utc()));
        let plan_due = row.implementation_plan_due_on;
        let implementation_plan_late = late(plan_due, row.implementation_plan_on, today);
        let implementation_plan = match (row.implementation_plan_number, row.implementation_plan_on)
        {
            (Some(number), Some(issued_on)) => Some(ImplementationPlanDto {
                number,
                issued_on,
                recorded_by: row.implementation_plan_by.map(|u| u.into_string()),
            }),
            _ => None,
        };
        Ok(Self {
            implementation_plan,
            implementation_plan_late,
            conclusion_late: late(row.conclusion_due_on, row.issued_on, today),
            draft_due_on,
            draft_late: late(draft_due_on, sent_on, today),
            delegation_id: row.delegation_id.into_string(),
            agency_id: row.agency_id.into_string(),
            status: row.status,
            findings: Findings {
                strengths: row.strengths,
                shortcomings: row.shortcomings,
                causes: row.causes,
            },
            recommendations,
            sent_at: row.sent_at.map(|t| t.and_utc()),
            sent_by: row.sent_by.map(|u| u.into_string()),
            comments_due_on: row.comments_due_on,
            conclusion_due_on: row.conclusion_due_on,
            issued_on: row.issued_on,
            implementation_plan_due_on: row.implementation_plan_due_on,
            comments: row.comments,
            commented_at: row.commented_at.map(|t| t.and_utc()),
            commented_by: row.commented_by.map(|u| u.into_string()),
            comments_late,
            conclusion_id: row.conclusion_id.map(|d| d.into_string()),
            concluded_at: row.concluded_at.map(|t| t.and_utc()),
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// Done after `due`, or not done and `due` has passed.
fn late(due: Option<NaiveDate>, done_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    due.is_some_and(|due| crate::domain::calendar::is_late(due, done_on, today))
}

/// The answer to a read or a step of a conclusion: its state, with its version as `ETag`.
pub(super) fn answer(loaded: Loaded) -> Result<actix_web::HttpResponse, ApiError> {
    let version = loaded.row.version;
    let dto = ConclusionDto::from_loaded(loaded, vietnam_date(Utc::now()))?;
    Ok(crate::http::etag::json_with_etag(
        actix_web::http::StatusCode::OK,
        version,
        &dto,
    ))
}
