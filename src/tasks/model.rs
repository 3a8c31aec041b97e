//! Row structs of the task tables: one form to read and insert, one to update.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{task_comments, tasks};
use crate::domain::ids::{AgencyId, CommentId, DirectiveId, RecommendationId, TaskId, UserId};
use crate::domain::task::{Priority, Recurrence, TaskStatus};

/// A task as stored: read with `select(TaskRow::as_select())` and inserted as is.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tasks)]
pub struct TaskRow {
    pub id: TaskId,
    pub directive_id: DirectiveId,
    pub title: String,
    pub description: Option<String>,
    pub lead_agency_id: AgencyId,
    pub assigned_by: Option<UserId>,
    pub start_on: Option<NaiveDate>,
    pub due_on: NaiveDate,
    pub priority: Priority,
    pub target_value: Option<f64>,
    pub target_unit: Option<String>,
    pub recurrence: Recurrence,
    pub status: TaskStatus,
    pub completed_on: Option<NaiveDate>,
    pub origin: String,
    pub previous_occurrence_id: Option<TaskId>,
    pub search_key: String,
    /// The recommendation this follow-up task carries out, when a conclusion made it.
    pub recommendation_id: Option<RecommendationId>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The columns an update or a transition may change; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = tasks)]
pub struct TaskChanges {
    pub title: Option<String>,
    pub description: Option<Option<String>>,
    pub lead_agency_id: Option<AgencyId>,
    pub start_on: Option<Option<NaiveDate>>,
    pub due_on: Option<NaiveDate>,
    pub priority: Option<Priority>,
    pub target_value: Option<Option<f64>>,
    pub target_unit: Option<Option<String>>,
    pub recurrence: Option<Recurrence>,
    pub status: Option<TaskStatus>,
    pub completed_on: Option<Option<NaiveDate>>,
    pub search_key: Option<String>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = task_comments)]
pub struct CommentRow {
    pub id: CommentId,
    pub task_id: TaskId,
    pub author_id: UserId,
    pub body: String,
    /// The transition this comment came with, if any.
    pub transition: Option<String>,
    pub created_at: NaiveDateTime,
}
