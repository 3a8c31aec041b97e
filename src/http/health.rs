//! `/healthz` (the process is up) and `/readyz` (the database answers).

use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// The service's health.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` when the answer is 200.
    pub status: String,
}

/// Check that the process is up
///
/// Answers 200 while the process runs; needs no login and touches no database.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    responses((status = 200, description = "The process is up", body = Health))
)]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
}

/// Check that the database answers
///
/// Answers 200 when a query on the database succeeds, 503 otherwise. Needs no login.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "operations",
    responses(
        (status = 200, description = "The database answers", body = Health),
        (status = 503, description = "The database does not answer", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .pool
        .run(|conn| conn.batch_execute("SELECT 1").map_err(ApiError::from))
        .await
        .map_err(|e| match e {
            ApiError::Unavailable(cause) => ApiError::Unavailable(cause),
            other => ApiError::Unavailable(other.to_string()),
        })?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ok".into(),
    }))
}
