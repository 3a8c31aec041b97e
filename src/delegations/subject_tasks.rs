//! `GET .../subjects/{agency_id}/tasks/{task_id}` and `.../tasks/{task_id}/reports`: what the
//! delegation's side reads of one of the subject's tasks through its grant: a task under the
//! delegation's legal bases, or one following up its recommendations, and the reports sent on
//! it (its remedy reports), never drafts.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use uuid::Uuid;

use super::access;
use super::grant::Grant;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, DelegationId, TaskId};
use crate::domain::task::vietnam_date;
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::reports::access as report_access;
use crate::reports::dto::ReportDto;
use crate::state::AppState;
use crate::tasks::access::{self as task_access, Granted};
use crate::tasks::comments::CommentQuery;
use crate::tasks::dto::TaskDto;

type TaskPath = web::Path<(Uuid, Uuid, Uuid)>;

/// The subject's task `(delegation, subject, task)` through the delegation's grant, else 404
/// (403 for the subject itself).
pub(crate) fn reach(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    (id, agency, task): (Uuid, Uuid, Uuid),
) -> Result<(Granted, Vec<AgencyId>), ApiError> {
    let visible = access::load(conn, caller, &DelegationId::from(id))?;
    let entry = access::subject_entry(conn, caller, &visible, &AgencyId::from(agency))?;
    let grant = Grant::of(conn, caller, &visible, &entry)?;
    task_access::granted_load(conn, &grant, &TaskId::from(task))
}

/// Read a subject's task
///
/// The delegation's overseers, members (while it is active) and readers; not the subject
/// itself (403; it reads its tasks at `/tasks`). A task its subtree leads under the
/// delegation's legal bases, or one following up the delegation's recommendations.
#[utoipa::path(
    get,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/tasks/{task_id}",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id"), ("task_id" = Uuid, Path, description = "Task id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The task", body = TaskDto),
        (status = 403, description = "A subject reads its tasks at /tasks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task within the delegation's reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_subject_task(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: TaskPath,
) -> Result<HttpResponse, ApiError> {
    let path = path.into_inner();
    let (task, coordinators) = state
        .pool
        .run_as(auth, move |conn, caller| reach(conn, caller, path))
        .await?;
    let dto = TaskDto::from_row(task.row().clone(), coordinators, vietnam_date(Utc::now()))?;
    Ok(HttpResponse::Ok().json(dto))
}

/// List the reports sent on a subject's task
///
/// Who reads the task through the delegation: the reports the subject sent on it (submitted,
/// accepted or returned), never its drafts, by id.
#[utoipa::path(
    get,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/tasks/{task_id}/reports",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id"), ("task_id" = Uuid, Path, description = "Task id"), CommentQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the task's sent reports", body = Page<ReportDto>),
        (status = 403, description = "A subject reads its reports at /tasks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task within the delegation's reach", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid limit", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_subject_task_reports(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: TaskPath,
    query: web::Query<CommentQuery>,
) -> Result<HttpResponse, ApiError> {
    let path = path.into_inner();
    let query = query.into_inner();
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, caller| {
            let (task, _) = reach(conn, caller, path)?;
            report_access::granted_of_task(conn, &task, &fetch)
        })
        .await?;
    let page = page.try_finish(rows, |r| r.id.as_str(), ReportDto::from_row)?;
    Ok(HttpResponse::Ok().json(page))
}
