//! `PATCH /api/v1/tasks/{id}`: whoever oversees a task changes its terms while it is open.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::access;
use super::dto::{TaskDto, UpdateTask};
use super::get::task_response;
use super::input::TaskPatch;
use super::model::{TaskChanges, TaskRow};
use crate::auth::{AuthUser, Authenticated};
use crate::db::{retry_lost_races, AnyConnection};
use crate::domain::ids::TaskId;
use crate::domain::search_key::search_key;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// Change a task
///
/// Whoever oversees the task: supervisors and admins, or the agency manager who assigned it. Not
/// once it is completed or cancelled. Without `If-Match` a change that races another is re-applied
/// to the newer version; with it, a stale version is 412.
#[utoipa::path(
    patch,
    path = "/api/v1/tasks/{id}",
    tag = "tasks",
    params(
        ("id" = Uuid, Path, description = "Task id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412"),
    ),
    request_body = UpdateTask,
    security(("bearer" = []), ("client_credentials" = ["tasks:write"])),
    responses(
        (status = 200, description = "The updated task", body = TaskDto,
            headers(("ETag" = String, description = "The task's new version"))),
        (status = 403, description = "Only whoever oversees the task changes it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The task is completed or cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, unknown records, or agencies outside your subtree", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_task(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: Body<UpdateTask>,
) -> Result<HttpResponse, ApiError> {
    let id = TaskId::from(id.into_inner());
    let patch = body.into_inner().parse()?;
    let expected = etag::expected_version(&req)?;
    let (version, dto) = state
        .pool
        .write_as(auth, move |conn, user| {
            // Without If-Match a lost race is re-read, re-checked and re-applied.
            let row = retry_lost_races(conn, expected.is_none(), |conn| {
                let current = access::for_oversight(conn, user, &id)?;
                etag::check(expected, current.row().version)?;
                apply_patch(conn, user, current, patch.clone())
            })?;
            task_response(conn, row)
        })
        .await?;
    Ok(json_with_etag(StatusCode::OK, version, &dto))
}

fn apply_patch(
    conn: &mut AnyConnection,
    user: &AuthUser,
    task: access::Visible,
    patch: TaskPatch,
) -> Result<TaskRow, ApiError> {
    let current = task.row().clone();
    let status = current.status;
    if status.is_final() {
        return Err(ApiError::Conflict(format!(
            "the task is {} and can no longer change",
            status.as_str()
        )));
    }
    let lead = patch
        .lead_agency_id
        .clone()
        .unwrap_or(current.lead_agency_id.clone());
    if patch.lead_agency_id.is_some() {
        access::assignable_agency(conn, user, "lead_agency_id", &lead)?;
    }
    let coordinators = match &patch.coordinating_agency_ids {
        Some(ids) => ids.clone(),
        None => access::coordinators(conn, &current)?,
    };
    access::check_coordinators(
        conn,
        user,
        &lead,
        if patch.coordinating_agency_ids.is_some() {
            &coordinators
        } else {
            &[]
        },
    )?;
    if coordinators.contains(&lead) {
        return Err(ApiError::field(
            "lead_agency_id",
            "is one of the coordinating agencies",
        ));
    }
    let start_on = patch.start_on.unwrap_or(current.start_on);
    let due_on = patch.due_on.unwrap_or(current.due_on);
    if start_on.is_some_and(|start| due_on < start) {
        return Err(ApiError::field("due_on", "must not be before start_on"));
    }
    let mut audit_changes = Map::new();
    let mut note = |field: &str, value: Value| {
        audit_changes.insert(field.to_owned(), value);
    };
    let changes = TaskChanges {
        search_key: patch.title.as_deref().map(|t| search_key([t])),
        title: patch.title.inspect(|t| note("title", json!(t))),
        description: patch.description.inspect(|d| note("description", json!(d))),
        lead_agency_id: patch
            .lead_agency_id
            .inspect(|l| note("lead_agency_id", json!(l))),
        start_on: patch.start_on.inspect(|s| note("start_on", json!(s))),
        due_on: patch.due_on.inspect(|d| note("due_on", json!(d))),
        priority: patch.priority.inspect(|p| note("priority", json!(p))),
        target_value: patch.target.as_ref().map(|t| t.as_ref().map(|t| t.value)),
        target_unit: patch.target.clone().map(|t| t.map(|t| t.unit)),
        recurrence: patch.recurrence.inspect(|r| note("recurrence", json!(r))),
        ..Default::default()
    };
    if let Some(target) = &patch.target {
        note("target", json!(target));
    }
    if let Some(ids) = &patch.coordinating_agency_ids {
        note("coordinating_agency_ids", json!(ids));
        access::replace_coordinators(conn, &task, ids)?;
    }
    access::save(
        conn,
        user,
        task,
        changes,
        "task.update",
        Value::Object(audit_changes),
    )
}
