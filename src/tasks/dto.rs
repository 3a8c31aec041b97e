//! Request and response bodies of the task endpoints, and their parsing.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::model::{CommentRow, TaskRow};
use crate::domain::ids::{AgencyId, TaskId, UserId};
use crate::domain::task::{deadline_status, DeadlineStatus, Priority, Recurrence, TaskStatus};
pub use crate::domain::task::{Target, TARGET_MAX, UNIT_MAX};
use crate::error::ApiError;
use crate::http::double_option;

pub const TITLE_MAX: usize = 500;
pub const TEXT_MAX: usize = 5000;
pub const COORDINATORS_MAX: usize = 50;

/// A task (nhiệm vụ) assigned under a directive.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskDto {
    pub id: String,
    pub directive_id: String,
    pub title: String,
    pub description: Option<String>,
    /// The agency in charge (cơ quan chủ trì).
    pub lead_agency_id: String,
    /// Agencies that take part (cơ quan phối hợp).
    pub coordinating_agency_ids: Vec<String>,
    /// The user who assigned the task.
    pub assigned_by: Option<String>,
    pub start_on: Option<NaiveDate>,
    /// Due date in Vietnam's calendar, `YYYY-MM-DD`.
    pub due_on: NaiveDate,
    pub priority: Priority,
    pub target: Option<Target>,
    pub recurrence: Recurrence,
    pub status: TaskStatus,
    pub completed_on: Option<NaiveDate>,
    /// Computed from due_on, completed_on and today's date in Asia/Ho_Chi_Minh; absent for
    /// cancelled tasks.
    pub deadline_status: Option<DeadlineStatus>,
    /// Where the task came from: `directive`, or `recommendation` for a follow-up task of a
    /// delegation's conclusion (kiến nghị), whose id is `recommendation_id`.
    pub origin: String,
    pub recommendation_id: Option<String>,
    /// The occurrence this one follows, for recurring tasks.
    pub previous_occurrence_id: Option<String>,
    /// Changes on every update; send it back as `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TaskDto {
    pub fn from_row(
        row: TaskRow,
        coordinating_agency_ids: Vec<AgencyId>,
        today: NaiveDate,
    ) -> Result<Self, ApiError> {
        let status = row.status;
        let target = match (row.target_value, row.target_unit) {
            (Some(value), Some(unit)) => Some(Target { value, unit }),
            _ => None,
        };
        Ok(Self {
            deadline_status: deadline_status(status, row.due_on, row.completed_on, today),
            priority: row.priority,
            recurrence: row.recurrence,
            id: row.id.into_string(),
            directive_id: row.directive_id.into_string(),
            title: row.title,
            description: row.description,
            lead_agency_id: row.lead_agency_id.into_string(),
            coordinating_agency_ids: coordinating_agency_ids
                .into_iter()
                .map(AgencyId::into_string)
                .collect(),
            assigned_by: row.assigned_by.map(UserId::into_string),
            start_on: row.start_on,
            due_on: row.due_on,
            target,
            status,
            completed_on: row.completed_on,
            origin: row.origin,
            recommendation_id: row.recommendation_id.map(|r| r.into_string()),
            previous_occurrence_id: row.previous_occurrence_id.map(TaskId::into_string),
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// A new task. Supervisors assign to any agency; an agency manager within its own subtree.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTask {
    pub directive_id: Uuid,
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: String,
    #[schema(
        max_length = 5000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub description: Option<String>,
    pub lead_agency_id: Uuid,
    /// Up to 50 agency ids, not including the lead agency.
    #[schema(max_items = 50)]
    pub coordinating_agency_ids: Option<Vec<Uuid>>,
    pub start_on: Option<NaiveDate>,
    /// Not before `start_on`.
    pub due_on: NaiveDate,
    /// Defaults to `normal`.
    pub priority: Option<Priority>,
    pub target: Option<Target>,
    /// Defaults to `none`.
    pub recurrence: Option<Recurrence>,
}

/// Changes to a task; absent fields stay as they are, `null` clears an optional one.
/// `coordinating_agency_ids`, when given, replaces the list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTask {
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: Option<String>,
    #[schema(value_type = Option<String>, max_length = 5000, pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text_patch")]
    pub description: Option<Option<String>>,
    pub lead_agency_id: Option<Uuid>,
    #[schema(max_items = 50)]
    pub coordinating_agency_ids: Option<Vec<Uuid>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub start_on: Option<Option<NaiveDate>>,
    pub due_on: Option<NaiveDate>,
    pub priority: Option<Priority>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Target>)]
    pub target: Option<Option<Target>>,
    pub recurrence: Option<Recurrence>,
}

/// An optional comment that goes with a transition into the task's thread.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    #[schema(
        max_length = 5000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub comment: Option<String>,
}

/// A new comment in a task's thread.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateComment {
    #[schema(
        min_length = 1,
        max_length = 5000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub body: String,
}

/// A comment in a task's thread; transitions appear with the action they came with.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentDto {
    pub id: String,
    pub task_id: String,
    pub author_id: String,
    pub body: String,
    /// `start`, `submit`, `complete`, `return` or `cancel` when the comment came with one.
    pub transition: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<CommentRow> for CommentDto {
    fn from(row: CommentRow) -> Self {
        Self {
            id: row.id.into_string(),
            task_id: row.task_id.into_string(),
            author_id: row.author_id.into_string(),
            body: row.body,
            transition: row.transition,
            created_at: row.created_at.and_utc(),
        }
    }
}

/// How a task list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskSort {
    /// Creation order (the default).
    #[default]
    Created,
    /// Earliest due date first.
    DueOn,
    /// Least recently updated first (for synchronisation with `updated_since`).
    UpdatedAt,
}

/// Filters for task lists.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TaskQuery {
    pub directive_id: Option<Uuid>,
    pub lead_agency_id: Option<Uuid>,
    /// Tasks this agency coordinates.
    pub coordinating_agency_id: Option<Uuid>,
    pub status: Option<TaskStatus>,
    pub deadline_status: Option<DeadlineStatus>,
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    /// Tasks changed at or after this time (RFC 3339).
    pub updated_since: Option<DateTime<Utc>>,
    /// Search over the title, ignoring case and Vietnamese diacritics.
    #[param(max_length = 200)]
    pub q: Option<String>,
    #[param(inline)]
    pub sort: Option<TaskSort>,
    /// Also the tasks of the agencies the caller's agency succeeded in a reorganisation
    /// (their 2018-2024 work under the names it was done under). Default `false`: the tasks
    /// the caller's own agencies hold. A predecessor's task is read by its successor anyway.
    pub include_predecessors: Option<bool>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page (a task id).
    pub cursor: Option<Uuid>,
    /// `csv` or `xlsx` answers the whole filtered list as a file (streamed; `limit` and
    /// `cursor` are ignored), as does `Accept: text/csv`; `json` (default) answers a page.
    #[param(inline)]
    pub format: Option<crate::tabular::ListFormat>,
}
