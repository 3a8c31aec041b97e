//! `POST /api/v1/tasks`: assign a task under a directive to a lead agency.

use actix_web::{web, HttpResponse};
use chrono::Utc;

use super::access;
use super::dto::{CreateTask, TaskDto};
use super::input::NewTask;
use super::model::TaskRow;
use crate::audit::AuditActor;
use crate::auth::Authenticated;
use crate::db::AnyConnection;
use crate::directives::access as directive_access;
use crate::domain::ids::{RecommendationId, TaskId};
use crate::domain::permissions::Actor;
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
    security(("bearer" = []), ("client_credentials" = ["tasks:write"])),
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
            access::check_assigner(user)?;
            let new = body.parse()?;
            let row = insert_task(conn, user, &user.actor(), new)?;
            let coordinators = access::coordinators(conn, &row)?;
            Ok((row, coordinators))
        })
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    let dto = TaskDto::from_row(row, coordinators, vietnam_date(Utc::now()))?;
    Ok(created("tasks", id.as_str(), version, &dto))
}

/// Assigns a task and records the audit event; used by `seed-demo` too.
pub fn insert_task(
    conn: &mut AnyConnection,
    assigner: &impl Actor,
    actor: &AuditActor,
    new: NewTask,
) -> Result<TaskRow, ApiError> {
    if !directive_access::exists(conn, new.directive_id.as_str())? {
        return Err(ApiError::field("directive_id", "no directive with this id"));
    }
    access::assignable_agency(conn, assigner, "lead_agency_id", &new.lead_agency_id)?;
    let coordinators = &new.coordinating_agency_ids;
    access::check_coordinators(conn, assigner, &new.lead_agency_id, coordinators)?;
    store_task(conn, actor, new, TaskOrigin::Directive)
}

/// Where a new task comes from.
pub(crate) enum TaskOrigin {
    /// Assigned under a directive by someone who may assign to its agencies.
    Directive,
    /// A recommendation of a conclusion the caller issued (`conclusions::conclude`).
    Recommendation(RecommendationId),
}

/// Stores a task whose directive and agencies were checked for its origin, with its audit
/// event.
pub(crate) fn store_task(
    conn: &mut AnyConnection,
    actor: &AuditActor,
    new: NewTask,
    origin: TaskOrigin,
) -> Result<TaskRow, ApiError> {
    let (origin, recommendation_id) = match origin {
        TaskOrigin::Directive => ("directive", None),
        TaskOrigin::Recommendation(id) => ("recommendation", Some(id)),
    };
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
        origin: origin.to_owned(),
        previous_occurrence_id: None,
        recommendation_id,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    access::insert(conn, actor, &row, &new.coordinating_agency_ids)?;
    Ok(access::system_load(conn, &row.id)?.into_row())
}
