//! `GET /api/v1/calendar/due-date`: a time limit in working days, counted on the calendar.

use actix_web::{web, HttpResponse};

use super::access;
use super::dto::{DueDateDto, DueDateQuery};
use crate::auth::Authenticated;
use crate::domain::calendar::MAX_WORKING_DAYS;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::state::AppState;

/// Count a due date in working days
///
/// Any logged-in user. The day `working_days` working days after `from` (before it when
/// negative), skipping Saturdays, Sundays and the calendar's days off and counting its swapped
/// working days; `from` itself is not counted. The same count every time limit of the service
/// in working days uses.
#[utoipa::path(
    get,
    path = "/api/v1/calendar/due-date",
    tag = "calendar",
    params(DueDateQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The due date", body = DueDateDto),
        (status = 422, description = "A missing or invalid date or count", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_due_date(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<DueDateQuery>,
) -> Result<HttpResponse, ApiError> {
    let DueDateQuery { from, working_days } = query.into_inner();
    let due_on = state
        .pool
        .run_as(auth, move |conn, _caller| {
            check(working_days)?;
            Ok(access::working_calendar(conn, from)?.add_working_days(from, working_days))
        })
        .await?;
    Ok(HttpResponse::Ok().json(DueDateDto {
        from,
        working_days,
        due_on,
    }))
}

fn check(working_days: i32) -> Result<(), ApiError> {
    let mut errors = FieldErrors::default();
    if working_days.abs() > MAX_WORKING_DAYS {
        errors.add(
            "working_days",
            format!("must be from -{MAX_WORKING_DAYS} to {MAX_WORKING_DAYS}"),
        );
    }
    errors.finish()
}
