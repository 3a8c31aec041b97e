//! `POST /api/v1/tasks`: assign a task under a directive to a lead agency.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;

use super::access;
use super::dto::{CreateTask, TaskDto};
use super::input::NewTask;
use super::model::TaskRow;
use super::{queries, rules};
use crate::agencies::access as agency_access;
use crate::audit::{self, AuditActor};
use crate::auth::{Authenticated, Scope};
use crate::db::AnyConnection;
use crate::directives::access as directive_access;
use crate::domain::ids::TaskId;
use crate::domain::role::Role;
use crate::domain::search_key::search_key;
use crate::domain::task::{vietnam_date, TaskStatus};
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;

/// Assign a task
///
/// Supervisors and admins assign to any agency; an agency manager to agencies of its subtree. The
/// task starts `open` under a directive, with a lead agency, optional coordinating agencies, a due
/// date and an optional recurrence.
#[utoipa::path(
    post,
    path = "/api/v1/tasks",
    tag = "tasks",
    request_body = CreateTask,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The task was assigned", body = TaskDto,
            headers(("ETag" = String, description = "The task's version"))),
        (status = 403, description = "Your role may not assign tasks", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, unknown records, or agencies outside your subtree", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_task(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: Body<CreateTask>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let (row, coordinators) = state
        .pool
        .write_as(auth, move |conn, user| {
            user.require(&[Role::Admin, Role::Supervisor, Role::AgencyManager])?;
            let new = body.parse()?;
            let row = insert_task(conn, user.role, &user.scope, &user.actor(), new)?;
            let coordinators = queries::coordinators_of_task(conn, &row.id)?;
            Ok((row, coordinators))
        })
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    let dto = TaskDto::from_row(row, coordinators, vietnam_date(Utc::now()))?;
    Ok(created("tasks", id.as_str(), version, &dto))
}

/// The path of an agency the caller may give work to, or a 422 naming `field`. The agency is
/// looked up inside the caller's scope, and an unknown id and one outside the caller's reach
/// get the same message, so the answer does not tell whether another agency exists.
pub fn assignable_agency(
    conn: &mut AnyConnection,
    role: Role,
    scope: &Scope,
    field: &str,
    id: &str,
) -> Result<String, ApiError> {
    const REFUSED: &str = "names no agency you may assign tasks to";
    let path = agency_access::named(conn, scope, id, field, REFUSED)?.path;
    if rules::may_assign(role, scope, &path) {
        Ok(path)
    } else {
        Err(ApiError::field(field, REFUSED))
    }
}

/// Checks the coordinating agencies: known, assignable, and not the lead agency itself.
pub fn check_coordinators(
    conn: &mut AnyConnection,
    role: Role,
    scope: &Scope,
    lead: &str,
    ids: &[String],
) -> Result<(), ApiError> {
    const FIELD: &str = "coordinating_agency_ids";
    if ids.iter().any(|id| id == lead) {
        return Err(ApiError::field(FIELD, "must not include the lead agency"));
    }
    for id in ids {
        assignable_agency(conn, role, scope, FIELD, id)?;
    }
    Ok(())
}

/// Assigns a task and records the audit event; used by `seed-demo` too.
pub fn insert_task(
    conn: &mut AnyConnection,
    role: Role,
    scope: &Scope,
    actor: &AuditActor,
    new: NewTask,
) -> Result<TaskRow, ApiError> {
    if !directive_access::exists(conn, new.directive_id.as_str())? {
        return Err(ApiError::field("directive_id", "no directive with this id"));
    }
    assignable_agency(conn, role, scope, "lead_agency_id", &new.lead_agency_id)?;
    check_coordinators(
        conn,
        role,
        scope,
        &new.lead_agency_id,
        &new.coordinating_agency_ids,
    )?;
    let now = Utc::now().naive_utc();
    let row = TaskRow {
        id: TaskId::generate(),
        directive_id: new.directive_id,
        search_key: search_key([new.title.as_str()]),
        title: new.title,
        description: new.description,
        lead_agency_id: new.lead_agency_id,
        assigned_by: actor.user_id.clone(),
        start_on: new.start_on,
        due_on: new.due_on,
        priority: new.priority,
        target_value: new.target.as_ref().map(|t| t.value),
        target_unit: new.target.map(|t| t.unit),
        recurrence: new.recurrence,
        status: TaskStatus::Open,
        completed_on: None,
        origin: "directive".to_owned(),
        previous_occurrence_id: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    insert_row(conn, actor, &row, &new.coordinating_agency_ids)?;
    Ok(access::system_load(conn, &row.id)?.into_row())
}

/// Stores a task row with its coordinators and its audit event.
pub fn insert_row(
    conn: &mut AnyConnection,
    actor: &AuditActor,
    row: &TaskRow,
    coordinators: &[String],
) -> Result<(), ApiError> {
    queries::insert(conn, row)?;
    queries::replace_coordinators(conn, &row.id, coordinators)?;
    let changes = json!({
        "directive_id": row.directive_id, "title": row.title, "lead_agency_id": row.lead_agency_id,
        "coordinating_agency_ids": coordinators, "start_on": row.start_on, "due_on": row.due_on,
        "priority": row.priority, "target_value": row.target_value, "target_unit": row.target_unit,
        "recurrence": row.recurrence, "previous_occurrence_id": row.previous_occurrence_id,
    });
    audit::record(conn, actor, "task.create", "task", row.id.as_str(), changes)
}
