//! `POST /api/v1/tasks/{id}/start|submit|complete|return|cancel`: the task workflow.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::access;
use super::dto::{TaskDto, TransitionRequest, TEXT_MAX};
use super::get::task_response;
use super::model::{TaskChanges, TaskRow};
use crate::auth::{AuthUser, Authenticated};
use crate::db::{retry_lost_races, AnyConnection};
use crate::domain::ids::TaskId;
use crate::domain::task::{transition, vietnam_date, TaskAction, TaskStatus};
use crate::domain::values::parse_text;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::json_with_etag;
use crate::state::AppState;

async fn run(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: Uuid,
    action: TaskAction,
    body: TransitionRequest,
) -> Result<HttpResponse, ApiError> {
    let comment = body
        .comment
        .map(|c| parse_text(&c, TEXT_MAX).map_err(|m| ApiError::field("comment", m)))
        .transpose()?;
    let id = TaskId::from(id);
    let (version, dto) = state
        .pool
        .write_as(auth, move |conn, user| {
            // No If-Match on transitions: a lost race is re-read and the workflow re-checked.
            let row = retry_lost_races(conn, true, |conn| {
                let task = access::for_action(conn, user, &id, action)?;
                apply(conn, user, task, action, comment.clone())
            })?;
            task_response(conn, row)
        })
        .await?;
    Ok(json_with_etag(StatusCode::OK, version, &dto))
}

fn apply(
    conn: &mut AnyConnection,
    user: &AuthUser,
    task: access::Visible,
    action: TaskAction,
    comment: Option<String>,
) -> Result<TaskRow, ApiError> {
    let next = transition(task.row().status, action).map_err(ApiError::Conflict)?;
    let now = Utc::now();
    let completed_on = (next == TaskStatus::Completed).then(|| vietnam_date(now));
    let changes = TaskChanges {
        status: Some(next),
        completed_on: completed_on.map(Some),
        ..Default::default()
    };
    let audit_changes =
        json!({"status": next.as_str(), "completed_on": completed_on, "comment": comment});
    let event = format!("task.{}", action.as_str());
    let previous = task.row().clone();
    let row = access::save(conn, user, task, changes, &event, audit_changes)?;
    if let Some(body) = comment {
        access::add_comment(conn, user, &row, body, Some(action))?;
    }
    if next == TaskStatus::Completed {
        create_next_occurrence(conn, user, &previous)?;
    }
    Ok(row)
}

/// A recurring task, once completed, comes back with its dates moved by one period.
fn create_next_occurrence(
    conn: &mut AnyConnection,
    user: &AuthUser,
    task: &TaskRow,
) -> Result<(), ApiError> {
    let Some((start_on, due_on)) = task.recurrence.next(task.start_on, task.due_on) else {
        return Ok(());
    };
    let coordinators = access::coordinators(conn, task)?;
    let now = Utc::now().naive_utc();
    let row = TaskRow {
        id: TaskId::generate(),
        directive_id: task.directive_id.clone(),
        title: task.title.clone(),
        description: task.description.clone(),
        lead_agency_id: task.lead_agency_id.clone(),
        assigned_by: task.assigned_by.clone(),
        start_on,
        due_on,
        priority: task.priority,
        target_value: task.target_value,
        target_unit: task.target_unit.clone(),
        recurrence: task.recurrence,
        status: TaskStatus::Open,
        completed_on: None,
        origin: task.origin.clone(),
        previous_occurrence_id: Some(task.id.clone()),
        search_key: task.search_key.clone(),
        recommendation_id: task.recommendation_id.clone(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    access::insert(conn, &user.actor(), &row, &coordinators)
}

/// Start a task
///
/// Users of the lead agency's subtree (staff or manager), from `open` or `returned`; the task
/// becomes `in_progress`.
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/start",
    tag = "tasks",
    params(("id" = Uuid, Path, description = "Task id")),
    request_body = TransitionRequest,
    security(("bearer" = []), ("client_credentials" = ["tasks:write"])),
    responses(
        (status = 200, description = "The lead agency starts work (from open or returned)", body = TaskDto),
        (status = 403, description = "Your role may not start this task", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed from the task's current status", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid comment", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn start_task(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<TransitionRequest>,
) -> Result<HttpResponse, ApiError> {
    run(
        state,
        auth,
        id.into_inner(),
        TaskAction::Start,
        body.into_inner(),
    )
    .await
}

/// Submit a task as done
///
/// The lead agency's manager, from `in_progress`; the task becomes `submitted` and waits for
/// whoever oversees it.
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/submit",
    tag = "tasks",
    params(("id" = Uuid, Path, description = "Task id")),
    request_body = TransitionRequest,
    security(("bearer" = []), ("client_credentials" = ["tasks:write"])),
    responses(
        (status = 200, description = "The lead agency's manager reports the task done", body = TaskDto),
        (status = 403, description = "Your role may not submit this task", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed from the task's current status", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid comment", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit_task(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<TransitionRequest>,
) -> Result<HttpResponse, ApiError> {
    run(
        state,
        auth,
        id.into_inner(),
        TaskAction::Submit,
        body.into_inner(),
    )
    .await
}

/// Accept a submitted task as completed
///
/// Whoever oversees the task (supervisors, admins, or the manager who assigned it), from
/// `submitted`. The completion date is today in Vietnam time and decides `done_on_time` or
/// `done_late`; a recurring task gets its next occurrence.
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/complete",
    tag = "tasks",
    params(("id" = Uuid, Path, description = "Task id")),
    request_body = TransitionRequest,
    security(("bearer" = []), ("client_credentials" = ["tasks:write"])),
    responses(
        (status = 200, description = "A supervisor, or the manager who assigned it, accepts the task as done; a recurring task gets its next occurrence", body = TaskDto),
        (status = 403, description = "Your role may not complete this task", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed from the task's current status", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid comment", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn complete_task(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<TransitionRequest>,
) -> Result<HttpResponse, ApiError> {
    run(
        state,
        auth,
        id.into_inner(),
        TaskAction::Complete,
        body.into_inner(),
    )
    .await
}

/// Return a submitted task for more work
///
/// Whoever oversees the task, from `submitted`; the task becomes `returned`, with the comment as
/// the reason.
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/return",
    tag = "tasks",
    params(("id" = Uuid, Path, description = "Task id")),
    request_body = TransitionRequest,
    security(("bearer" = []), ("client_credentials" = ["tasks:write"])),
    responses(
        (status = 200, description = "A supervisor, or the manager who assigned it, sends the task back", body = TaskDto),
        (status = 403, description = "Your role may not return this task", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed from the task's current status", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid comment", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn return_task(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<TransitionRequest>,
) -> Result<HttpResponse, ApiError> {
    run(
        state,
        auth,
        id.into_inner(),
        TaskAction::Return,
        body.into_inner(),
    )
    .await
}

/// Cancel a task
///
/// Whoever oversees the task, from any state but `completed` and `cancelled`.
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/cancel",
    tag = "tasks",
    params(("id" = Uuid, Path, description = "Task id")),
    request_body = TransitionRequest,
    security(("bearer" = []), ("client_credentials" = ["tasks:write"])),
    responses(
        (status = 200, description = "A supervisor, or the manager who assigned it, cancels an unfinished task", body = TaskDto),
        (status = 403, description = "Your role may not cancel this task", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed from the task's current status", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid comment", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn cancel_task(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<TransitionRequest>,
) -> Result<HttpResponse, ApiError> {
    run(
        state,
        auth,
        id.into_inner(),
        TaskAction::Cancel,
        body.into_inner(),
    )
    .await
}
