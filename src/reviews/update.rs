//! `PATCH /api/v1/reviews/{id}`: its authors change a review's title and narrative.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;
use uuid::Uuid;

use super::access;
use super::dto::{ReviewDto, UpdateReview};
use super::model::ReviewChanges;
use crate::auth::Authenticated;
use crate::domain::ids::ReviewId;
use crate::domain::review::SECTION_MAX;
use crate::domain::values::{parse_text, Name};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// Change a periodic review's narrative
///
/// Those who may write it (supervisors and admins; the managers of the agency's subtree): the
/// title and the sections; its figures never change. Send `If-Match` (the review's ETag) to
/// refuse a stale change.
#[utoipa::path(
    patch,
    path = "/api/v1/reviews/{id}",
    tag = "dashboard",
    params(
        ("id" = Uuid, Path, description = "Review id"),
        ("If-Match" = Option<String>, Header, description = "The review's ETag last read"),
    ),
    request_body = UpdateReview,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The review as stored", body = ReviewDto, headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "Your role may not change this review", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_review(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: Body<UpdateReview>,
) -> Result<HttpResponse, ApiError> {
    let id = ReviewId::from(id.into_inner());
    let changes = parse(body.into_inner())?;
    // Judged after the body, so that a bad body is a 422 whatever If-Match says.
    let expected = etag::expected_version(&req)?;
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            let visible = access::for_writing(conn, caller, &id)?;
            etag::check(expected, visible.row().version)?;
            let audit = json!({"title": changes.title, "results": changes.results.is_some(),
                "shortcomings": changes.shortcomings.is_some(), "next_tasks": changes.next_tasks.is_some()});
            access::save(conn, caller, &visible, changes, audit)
        })
        .await?;
    let version = row.version;
    Ok(json_with_etag(
        StatusCode::OK,
        version,
        &ReviewDto::from_row(row)?,
    ))
}

fn parse(body: UpdateReview) -> Result<ReviewChanges, ApiError> {
    let mut errors = FieldErrors::default();
    let title = body
        .title
        .and_then(|t| errors.take("title", Name::parse(&t, 500).map(Name::into_inner)));
    let mut section = |field: &str, text: Option<Option<String>>| match text {
        Some(Some(t)) => errors.take(field, parse_text(&t, SECTION_MAX)).map(Some),
        other => other,
    };
    let changes = ReviewChanges {
        title,
        results: section("results", body.results),
        shortcomings: section("shortcomings", body.shortcomings),
        next_tasks: section("next_tasks", body.next_tasks),
        ..Default::default()
    };
    errors.finish()?;
    Ok(changes)
}
