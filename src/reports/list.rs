//! `GET /api/v1/tasks/{id}/reports`: a task's reports, every revision, oldest first.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::ReportDto;
use crate::auth::Authenticated;
use crate::domain::ids::TaskId;
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;
use crate::tasks::access as task_access;
use crate::tasks::comments::CommentQuery;

/// List a task's reports
///
/// Anyone who sees the task, oldest first; revisions link to the one they replace.
#[utoipa::path(
    get,
    path = "/api/v1/tasks/{id}/reports",
    tag = "reports",
    params(("id" = Uuid, Path, description = "Task id"), CommentQuery),
    security(("bearer" = []), ("client_credentials" = ["tasks:read"])),
    responses(
        (status = 200, description = "A page of the task's reports, oldest first", body = Page<ReportDto>),
        (status = 404, description = "No such task in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid limit", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_reports(
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
            let task = task_access::load(conn, user, &id)?;
            access::of_task(conn, &task, &fetch)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.try_finish(rows, |r| r.id.as_str(), ReportDto::from_row)?))
}
