//! `PUT /api/v1/time-limits/{code}`: an admin sets the province's own rule for a time limit.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::access;
use super::dto::{PutTimeLimit, TimeLimitDto};
use crate::auth::Authenticated;
use crate::domain::time_limit::TimeLimitCode;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// Set a time limit
///
/// Admins only: the count in the limit's unit and the document that sets it. Due dates already
/// set keep the limit they were counted with; the next ones count on this. Send `If-Match` (the
/// limit's `version`, `"0"` for the default) to refuse a stale change.
#[utoipa::path(
    put,
    path = "/api/v1/time-limits/{code}",
    tag = "calendar",
    params(
        ("code" = TimeLimitCode, Path, description = "Which time limit"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412"),
    ),
    request_body = PutTimeLimit,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The limit as stored", body = TimeLimitDto,
            headers(("ETag" = String, description = "The limit's new version"))),
        (status = 403, description = "Only admins set time limits", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such time limit", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another admin changed it at the same time", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A count outside the unit's range, or a blank source", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_time_limit(
    state: web::Data<AppState>,
    auth: Authenticated,
    code: web::Path<TimeLimitCode>,
    req: HttpRequest,
    body: Body<PutTimeLimit>,
) -> Result<HttpResponse, ApiError> {
    let limit = body.into_inner().parse(code.into_inner())?;
    let expected = etag::expected_version(&req)?;
    let stored = state
        .pool
        .write_as(auth, move |conn, caller| {
            access::set(conn, caller, limit, expected)
        })
        .await?;
    let version = stored.version;
    Ok(json_with_etag(
        StatusCode::OK,
        version,
        &TimeLimitDto::from(stored),
    ))
}
