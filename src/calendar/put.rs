//! `PUT /api/v1/calendar/{year}`: an admin replaces a year's days off and working days.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::access;
use super::dto::{CalendarYearDto, PutCalendarYear};
use crate::auth::Authenticated;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// Replace a year's calendar
///
/// Admins only. The list replaces the year's days; from then on the year is maintained and
/// the defaults no longer apply to it. Each weekday off is `day_off`, each Saturday or Sunday
/// worked is `working_day`. Send `If-Match` (the `ETag` read, `"0"` for the defaults) to
/// refuse a stale change.
#[utoipa::path(
    put,
    path = "/api/v1/calendar/{year}",
    tag = "calendar",
    params(
        ("year" = i32, Path, minimum = 2000, maximum = 2100, description = "The year, 2000 to 2100"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412"),
    ),
    request_body = PutCalendarYear,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The year's calendar as stored", body = CalendarYearDto,
            headers(("ETag" = String, description = "The calendar's new version"))),
        (status = 403, description = "Only admins keep the calendar", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No calendar for that year", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another admin changed the calendar at the same time", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A day outside the year, listed twice, or that changes nothing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_calendar_year(
    state: web::Data<AppState>,
    auth: Authenticated,
    year: web::Path<i32>,
    req: HttpRequest,
    body: Body<PutCalendarYear>,
) -> Result<HttpResponse, ApiError> {
    let year = access::known_year(year.into_inner())?;
    let days = body.into_inner().parse(year)?;
    let expected = etag::expected_version(&req)?;
    let calendar = state
        .pool
        .write_as(auth, move |conn, caller| {
            access::replace(conn, caller, year, expected, days)
        })
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        calendar.version,
        &CalendarYearDto::from(calendar),
    ))
}
