//! The rows of a subject's conclusion and of the recommendations it issued.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{delegation_conclusions, recommendations};
use crate::domain::conclusion::ConclusionStatus;
use crate::domain::ids::{AgencyId, DelegationId, DirectiveId, RecommendationId, TaskId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = delegation_conclusions)]
pub struct ConclusionRow {
    pub delegation_id: DelegationId,
    pub agency_id: AgencyId,
    pub status: ConclusionStatus,
    pub strengths: Option<String>,
    pub shortcomings: Option<String>,
    pub causes: Option<String>,
    /// JSON list of `domain::conclusion::DraftRecommendation`.
    pub recommendations: String,
    pub sent_at: Option<NaiveDateTime>,
    pub sent_by: Option<UserId>,
    pub comments_due_on: Option<NaiveDate>,
    pub comments: Option<String>,
    pub commented_at: Option<NaiveDateTime>,
    pub commented_by: Option<UserId>,
    pub conclusion_id: Option<DirectiveId>,
    pub concluded_at: Option<NaiveDateTime>,
    /// The conclusion is due (set when the draft is sent).
    pub conclusion_due_on: Option<NaiveDate>,
    /// The issued document's date.
    pub issued_on: Option<NaiveDate>,
    /// The subject's implementation plan is due (set when the conclusion is issued).
    pub implementation_plan_due_on: Option<NaiveDate>,
    /// The subject's implementation plan as its manager recorded it: number, date, by whom.
    pub implementation_plan_number: Option<String>,
    pub implementation_plan_on: Option<NaiveDate>,
    pub implementation_plan_by: Option<UserId>,
    pub created_by: UserId,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The columns a change may set; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = delegation_conclusions)]
pub struct ConclusionChanges {
    pub status: Option<ConclusionStatus>,
    pub strengths: Option<Option<String>>,
    pub shortcomings: Option<Option<String>>,
    pub causes: Option<Option<String>>,
    pub recommendations: Option<String>,
    pub sent_at: Option<Option<NaiveDateTime>>,
    pub sent_by: Option<Option<UserId>>,
    pub comments_due_on: Option<Option<NaiveDate>>,
    pub comments: Option<Option<String>>,
    pub commented_at: Option<Option<NaiveDateTime>>,
    pub commented_by: Option<Option<UserId>>,
    pub conclusion_id: Option<Option<DirectiveId>>,
    pub concluded_at: Option<Option<NaiveDateTime>>,
    pub conclusion_due_on: Option<Option<NaiveDate>>,
    pub issued_on: Option<Option<NaiveDate>>,
    pub implementation_plan_due_on: Option<Option<NaiveDate>>,
    pub implementation_plan_number: Option<Option<String>>,
    pub implementation_plan_on: Option<Option<NaiveDate>>,
    pub implementation_plan_by: Option<Option<UserId>>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}

/// A recommendation (kiến nghị) of an issued conclusion and the task that carries it out.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = recommendations)]
pub struct RecommendationRow {
    pub id: RecommendationId,
    pub delegation_id: DelegationId,
    pub agency_id: AgencyId,
    /// Its place in the conclusion, from 1.
    pub position: i32,
    pub content: String,
    pub conclusion_id: DirectiveId,
    pub task_id: TaskId,
    pub created_at: NaiveDateTime,
}
