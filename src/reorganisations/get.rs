//! `GET /api/v1/reorganisations` and `GET /api/v1/reorganisations/{id}`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::{ReorganisationDto, ReorganisationQuery};
use crate::auth::Authenticated;
use crate::domain::ids::ReorganisationId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// List reorganisations
///
/// The province roles (admins, supervisors, inspectors, viewers), oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/reorganisations",
    tag = "reorganisations",
    params(ReorganisationQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of reorganisations", body = Page<ReorganisationDto>),
        (status = 403, description = "Agency users do not read reorganisations", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_reorganisations(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<ReorganisationQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, caller| access::list(conn, caller, &fetch))
        .await?;
    let page = page.finish(
        rows,
        |(row, _)| row.id.as_str(),
        |(row, sources)| ReorganisationDto::from_row(row, sources),
    );
    Ok(HttpResponse::Ok().json(page))
}

/// Read a reorganisation
///
/// The province roles; anyone else gets 404.
#[utoipa::path(
    get,
    path = "/api/v1/reorganisations/{id}",
    tag = "reorganisations",
    params(("id" = Uuid, Path, description = "The reorganisation's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The reorganisation", body = ReorganisationDto,
            headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such reorganisation", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_reorganisation(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = ReorganisationId::from(id.into_inner());
    let (row, sources) = state
        .pool
        .run_as(auth, move |conn, caller| access::load(conn, caller, &id))
        .await?;
    let version = row.version;
    Ok(json_with_etag(
        StatusCode::OK,
        version,
        &ReorganisationDto::from_row(row, sources),
    ))
}
