//! `GET /api/v1/calendar/{year}`: a year's working-day calendar.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use super::access;
use super::dto::CalendarYearDto;
use crate::auth::Authenticated;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read a year's calendar
///
/// Any logged-in user. The days off and swapped working days of the year that time limits in
/// working days are counted on: as an admin maintains them, or else the built-in defaults
/// (public holidays with days in lieu). Answers `ETag` with its version (0 for the defaults).
#[utoipa::path(
    get,
    path = "/api/v1/calendar/{year}",
    tag = "calendar",
    params(("year" = i32, Path, minimum = 2000, maximum = 2100, description = "The year, 2000 to 2100")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The year's calendar", body = CalendarYearDto,
            headers(("ETag" = String, description = "The calendar's version"))),
        (status = 404, description = "No calendar for that year", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_calendar_year(
    state: web::Data<AppState>,
    auth: Authenticated,
    year: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    let year = year.into_inner();
    let calendar = state
        .pool
        .run_as(auth, move |conn, _caller| access::year(conn, year))
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        calendar.version,
        &CalendarYearDto::from(calendar),
    ))
}
