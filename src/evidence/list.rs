//! `GET /api/v1/reports/{id}/evidence`: the files attached to a report.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::dto::EvidenceDto;
use super::queries;
use crate::auth::AuthUser;
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::reports::get::load_visible;
use crate::state::AppState;
use crate::tasks::comments::CommentQuery;

#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}/evidence",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Report id"), CommentQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the report's evidence", body = Page<EvidenceDto>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid limit", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_evidence(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    query: web::Query<CommentQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let (id, fetch) = (id.into_inner().to_string(), page.clone());
    let rows = state
        .pool
        .run(move |conn| {
            load_visible(conn, &user, &id)?;
            queries::of_report(conn, &id, &fetch)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.finish(rows, |r| &r.id, EvidenceDto::from)))
}
