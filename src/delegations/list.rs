//! `GET /api/v1/delegations`: the delegations the caller has a standing in.

use actix_web::{web, HttpResponse};

use super::access;
use super::dto::{DelegationQuery, DelegationSummaryDto};
use super::queries::DelegationFilter;
use crate::agencies::access as agency_access;
use crate::auth::Authenticated;
use crate::domain::ids::{AgencyId, UserId};
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// List delegations
///
/// The province's roles see every delegation; others see those they are an active member of,
/// those their subtree leads, and those working with an agency of their subtree. Filter by the
/// year of the decision, kind, status, leading body, subject and member; ordered by creation.
#[utoipa::path(
    get,
    path = "/api/v1/delegations",
    tag = "delegations",
    params(DelegationQuery),
    security(("bearer" = []), ("client_credentials" = ["delegations:read"])),
    responses(
        (status = 200, description = "A page of delegations", body = Page<DelegationSummaryDto>),
        (status = 422, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_delegations(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<DelegationQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let page = PageRequest::parse(query.limit, query.cursor)?;
    if query.year.is_some_and(|y| !(2000..=2100).contains(&y)) {
        return Err(ApiError::field("year", "must be from 2000 to 2100"));
    }
    let filter = DelegationFilter {
        year: query.year,
        kind: query.kind,
        status: query.status,
        leading_agency_id: query.leading_agency_id.map(AgencyId::from),
        subject_agency_id: query.subject_agency_id.map(AgencyId::from),
        member_id: query.member_id.map(UserId::from),
    };
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, caller| {
            let subject_in_scope = match &filter.subject_agency_id {
                Some(id) => match agency_access::load(conn, caller, id) {
                    Ok(_) => true,
                    Err(ApiError::NotFound) => false,
                    Err(other) => return Err(other),
                },
                None => true,
            };
            access::list(conn, caller, filter, subject_in_scope, &fetch)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.finish(rows, |r| r.id.as_str(), DelegationSummaryDto::from)))
}
