//! `GET /api/v1/tasks/{id}/reports`: a task's reports, every revision, oldest first.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::dto::ReportDto;
use super::queries;
use crate::auth::Authenticated;
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;
use crate::tasks::comments::CommentQuery;
use crate::tasks::queries as task_queries;

#[utoipa::path(
    get,
    path = "/api/v1/tasks/{id}/reports",
    tag = "reports",
    params(("id" = Uuid, Path, description = "Task id"), CommentQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the task's reports, oldest first", body = Page<ReportDto>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
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
    let (id, fetch) = (id.into_inner().to_string(), page.clone());
    let rows = state
        .pool
        .run_as(auth, move |conn, user| {
            task_queries::find_visible(conn, &id, &user.scope)?.ok_or(ApiError::NotFound)?;
            queries::of_task(conn, &id, &fetch)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.try_finish(rows, |r| &r.id, ReportDto::from_row)?))
}
