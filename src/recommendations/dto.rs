//! The JSON shapes of the recommendation list.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::queries::Followed;
use crate::domain::conclusion::{recommendation_state, RecommendationState};
use crate::domain::task::TaskStatus;

/// Filters for the recommendation list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RecommendationQuery {
    pub delegation_id: Option<Uuid>,
    /// The subject agency the recommendations are addressed to.
    pub agency_id: Option<Uuid>,
    /// Where they stand, from their tasks, in Vietnam time.
    pub state: Option<RecommendationState>,
    /// `true`: only those overdue; `false`: only those not overdue.
    pub overdue: Option<bool>,
    /// Also those addressed to the agencies the caller's agency succeeded in a reorganisation
    /// (default `false`).
    pub include_predecessors: Option<bool>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page (a recommendation id).
    pub cursor: Option<Uuid>,
}

/// A recommendation (kiến nghị) of an issued conclusion, with its follow-up task's state.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationDto {
    pub id: String,
    pub delegation_id: String,
    /// The subject agency it is addressed to.
    pub agency_id: String,
    /// Its place in the conclusion, from 1.
    pub position: i32,
    pub content: String,
    /// The conclusion in the directive register.
    pub conclusion_id: String,
    /// The follow-up task that carries it out.
    pub task_id: String,
    pub task_status: TaskStatus,
    pub due_on: NaiveDate,
    pub completed_on: Option<NaiveDate>,
    pub state: RecommendationState,
    pub created_at: DateTime<Utc>,
}

impl RecommendationDto {
    pub fn new((row, status, due_on, completed_on): Followed, today: NaiveDate) -> Self {
        Self {
            id: row.id.into_string(),
            delegation_id: row.delegation_id.into_string(),
            agency_id: row.agency_id.into_string(),
            position: row.position,
            content: row.content,
            conclusion_id: row.conclusion_id.into_string(),
            task_id: row.task_id.into_string(),
            task_status: status,
            due_on,
            completed_on,
            state: recommendation_state(status, due_on, completed_on, today),
            created_at: row.created_at.and_utc(),
        }
    }
}
