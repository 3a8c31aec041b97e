//! `GET/POST /api/v1/tasks/{id}/comments`: the task's discussion thread; anyone who sees the
//! task may add to it.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::access;
use super::dto::{CommentDto, CreateComment, TEXT_MAX};
use crate::auth::Authenticated;
use crate::domain::ids::TaskId;
use crate::domain::values::parse_text;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// Paging through a thread, oldest first.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CommentQuery {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
}

/// List a task's comments
///
/// Anyone who sees the task, oldest first; workflow steps appear with the comment given to them.
#[utoipa::path(
    get,
    path = "/api/v1/tasks/{id}/comments",
    tag = "tasks",
    params(("id" = Uuid, Path, description = "Task id"), CommentQuery),
    security(("bearer" = []), ("client_credentials" = ["tasks:read"])),
    responses(
        (status = 200, description = "A page of the thread, oldest first", body = Page<CommentDto>),
        (status = 404, description = "No such task in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid limit", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_comments(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    query: web::Query<CommentQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let (id, fetch) = (TaskId::from(id.into_inner()), page.clone());
    let rows = state
        .pool
        .run_as(auth, move |conn, user| {
            let task = access::load(conn, user, &id)?;
            access::comments_of(conn, &task, &fetch)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.finish(rows, |r| r.id.as_str(), CommentDto::from)))
}

/// Comment on a task
///
/// Anyone who sees the task except viewers and inspectors, who write nothing.
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/comments",
    tag = "tasks",
    params(("id" = Uuid, Path, description = "Task id")),
    request_body = CreateComment,
    security(("bearer" = []), ("client_credentials" = ["tasks:write"])),
    responses(
        (status = 201, description = "The comment was added", body = CommentDto),
        (status = 403, description = "Viewers and inspectors do not comment on tasks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_comment(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<CreateComment>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner().body;
    let task_id = TaskId::from(id.into_inner());
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            let text = parse_text(&body, TEXT_MAX).map_err(|m| ApiError::field("body", m))?;
            let task = access::for_comment(conn, user, &task_id)?;
            access::add_comment(conn, user, task.row(), text, None)
        })
        .await?;
    Ok(HttpResponse::Created().json(CommentDto::from(row)))
}
