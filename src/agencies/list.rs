//! `GET /api/v1/agencies`: the agencies in the caller's scope, filtered and paged.

use actix_web::{web, HttpResponse};

use super::access;
use super::dto::{AgencyDto, AgencyQuery};
use super::queries::AgencyFilter;
use crate::auth::Authenticated;
use crate::domain::ids::AgencyId;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// List agencies
///
/// The agencies the caller sees: the whole province for admins, supervisors, inspectors and
/// viewers; the caller's own subtree for agency users. Search by name ignores case and diacritics.
#[utoipa::path(
    get,
    path = "/api/v1/agencies",
    tag = "agencies",
    params(AgencyQuery),
    security(("bearer" = []), ("client_credentials" = ["agencies:read"])),
    responses(
        (status = 200, description = "A page of agencies in your scope", body = Page<AgencyDto>),
        (status = 422, description = "Invalid filter or cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_agencies(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<AgencyQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let mut errors = FieldErrors::default();
    errors.max_chars("q", query.q.as_deref(), 200);
    errors.finish()?;
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let filter = AgencyFilter {
        parent_id: query.parent_id.map(AgencyId::from),
        kind: query.kind.map(|k| k.as_str().to_owned()),
        active: query.active,
        q: query.q,
    };
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, user| {
            access::list(conn, user, filter, &fetch)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.try_finish(rows, |r| r.id.as_str(), AgencyDto::from_row)?))
}
