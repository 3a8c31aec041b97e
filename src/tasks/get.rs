//! `GET /api/v1/tasks/{id}`: one task the caller's subtree leads or coordinates.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use uuid::Uuid;

use super::access;
use super::dto::TaskDto;
use super::model::TaskRow;
use crate::auth::Authenticated;
use crate::db::AnyConnection;
use crate::domain::ids::TaskId;
use crate::domain::task::vietnam_date;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// The response body of a task: its row with its coordinating agencies.
pub fn task_response(conn: &mut AnyConnection, row: TaskRow) -> Result<(i32, TaskDto), ApiError> {
    let coordinators = access::coordinators(conn, &row)?;
    let version = row.version;
    Ok((
        version,
        TaskDto::from_row(row, coordinators, vietnam_date(Utc::now()))?,
    ))
}

/// Read a task
///
/// Anyone who sees the task: province roles, and users whose subtree leads or coordinates it.
/// Answers `ETag` with its version.
#[utoipa::path(
    get,
    path = "/api/v1/tasks/{id}",
    tag = "tasks",
    params(("id" = Uuid, Path, description = "Task id")),
    security(("bearer" = []), ("client_credentials" = ["tasks:read"])),
    responses(
        (status = 200, description = "The task", body = TaskDto,
            headers(("ETag" = String, description = "The task's version"))),
        (status = 404, description = "No such task in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_task(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = TaskId::from(id.into_inner());
    let (version, dto) = state
        .pool
        .read_by_key_as(auth, move |conn, user| {
            let (row, coordinators) = access::load(conn, user, &id)?.into_parts();
            let version = row.version;
            Ok((
                version,
                TaskDto::from_row(row, coordinators, vietnam_date(Utc::now()))?,
            ))
        })
        .await?;
    Ok(json_with_etag(StatusCode::OK, version, &dto))
}
