//! `GET /api/v1/time-limits`: the time limits of supervision in force.

use actix_web::{web, HttpResponse};

use super::access;
use super::dto::TimeLimitDto;
use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::state::AppState;

/// List the time limits
///
/// Every user: each time limit of supervision (the subject's report, a supplementary report,
/// the members' results, the draft conclusions, the subject's comments, signing the
/// conclusion, the implementation plan, the field work, the period under review) with its
/// unit, the count in force and the rule it comes from, beside the default and its source.
#[utoipa::path(
    get,
    path = "/api/v1/time-limits",
    tag = "calendar",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every time limit in force", body = Vec<TimeLimitDto>),
    )
)]
pub async fn list_time_limits(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<HttpResponse, ApiError> {
    let limits = state
        .pool
        .run_as(auth, move |conn, _caller| access::all(conn))
        .await?;
    let dtos: Vec<TimeLimitDto> = limits.into_iter().map(TimeLimitDto::from).collect();
    Ok(HttpResponse::Ok().json(dtos))
}
