//! `GET /api/v1/frameworks`: framework versions, newest code and version last.

use actix_web::{web, HttpResponse};

use super::access;
use super::dto::{FrameworkDto, FrameworkQuery};
use super::queries::FrameworkFilter;
use crate::auth::Authenticated;
use crate::domain::values::AgencyCode;
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// List scoring frameworks
///
/// Published versions for everyone; drafts only for admins and supervisors.
#[utoipa::path(
    get,
    path = "/api/v1/frameworks",
    tag = "frameworks",
    params(FrameworkQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of framework versions; drafts only for admins and supervisors", body = Page<FrameworkDto>),
        (status = 422, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_frameworks(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<FrameworkQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let code = query
        .code
        .map(|c| AgencyCode::parse(&c).map(AgencyCode::into_inner))
        .transpose()
        .map_err(|m| ApiError::field("code", m))?;
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, user| {
            let filter = FrameworkFilter {
                code,
                status: query.status,
                // Whether drafts are listed is the access module's decision.
                ..Default::default()
            };
            access::list(conn, user, filter, &fetch)
        })
        .await?;
    Ok(
        HttpResponse::Ok().json(page.try_finish(
            rows,
            |r| r.id.as_str(),
            FrameworkDto::from_row,
        )?),
    )
}
