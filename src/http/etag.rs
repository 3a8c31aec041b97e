//! Optimistic concurrency: a resource's `version` is its `ETag`; a stale `If-Match` is 412.

use actix_web::http::header;
use actix_web::HttpRequest;

use crate::error::ApiError;

pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The version the client expects, from `If-Match`; `None` when absent or `*`.
pub fn expected_version(req: &HttpRequest) -> Result<Option<i32>, ApiError> {
    let Some(value) = req.headers().get(header::IF_MATCH) else {
        return Ok(None);
    };
    let text = value
        .to_str()
        .map_err(|_| ApiError::PreconditionFailed)?
        .trim();
    if text == "*" {
        return Ok(None);
    }
    let tag = text.strip_prefix("W/").unwrap_or(text);
    tag.trim_matches('"')
        .parse::<i32>()
        .map(Some)
        .map_err(|_| ApiError::PreconditionFailed)
}

/// Fails with 412 when the client expected another version than the stored one.
pub fn check(expected: Option<i32>, stored: i32) -> Result<(), ApiError> {
    match expected {
        Some(v) if v != stored => Err(ApiError::PreconditionFailed),
        _ => Ok(()),
    }
}

/// A JSON response carrying the resource's version as `ETag`.
pub fn json_with_etag(
    status: actix_web::http::StatusCode,
    version: i32,
    body: &impl serde::Serialize,
) -> actix_web::HttpResponse {
    actix_web::HttpResponse::build(status)
        .insert_header((header::ETAG, etag(version)))
        .json(body)
}

/// `201 Created` with `Location` and `ETag`.
pub fn created(
    collection: &str,
    id: &str,
    version: i32,
    body: &impl serde::Serialize,
) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Created()
        .insert_header((header::ETAG, etag(version)))
        .insert_header((header::LOCATION, crate::http::location(collection, id)))
        .json(body)
}
