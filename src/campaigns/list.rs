//! `GET /api/v1/campaigns`: campaigns by year, status and standard.

use actix_web::{web, HttpResponse};

use super::access;
use super::dto::{CampaignDto, CampaignQuery};
use super::input::YEARS;
use super::queries::CampaignFilter;
use crate::auth::Authenticated;
use crate::domain::values::AgencyCode;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// List campaigns
///
/// Every logged-in user, by year.
#[utoipa::path(
    get,
    path = "/api/v1/campaigns",
    tag = "campaigns",
    params(CampaignQuery),
    security(("bearer" = []), ("client_credentials" = ["assessments:read"])),
    responses(
        (status = 200, description = "A page of campaigns", body = Page<CampaignDto>),
        (status = 422, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_campaigns(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<CampaignQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let mut errors = FieldErrors::default();
    if query.year.is_some_and(|y| !YEARS.contains(&y)) {
        errors.add(
            "year",
            format!("must be from {} to {}", YEARS.start(), YEARS.end()),
        );
    }
    let code = query.framework_code.and_then(|c| {
        errors.take(
            "framework_code",
            AgencyCode::parse(&c).map(AgencyCode::into_inner),
        )
    });
    errors.finish()?;
    let filter = CampaignFilter {
        year: query.year,
        status: query.status,
        framework_code: code,
    };
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, user| {
            access::list(conn, user, filter, &fetch)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.try_finish(rows, |r| r.id.as_str(), CampaignDto::from_row)?))
}
