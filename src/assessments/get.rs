//! `GET /api/v1/assessments/{id}`: an assessment with every criterion's scores, the totals,
//! the proposed rating and the decision.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access::{load_visible, to_dto};
use super::dto::AssessmentDto;
use crate::auth::Authenticated;
use crate::domain::ids::AssessmentId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read an assessment
///
/// Province roles and users whose subtree holds the assessed agency, with every criterion's self
/// and review score.
#[utoipa::path(
    get,
    path = "/api/v1/assessments/{id}",
    tag = "assessments",
    params(("id" = Uuid, Path, description = "Assessment id")),
    security(("bearer" = []), ("client_credentials" = ["assessments:read"])),
    responses(
        (status = 200, description = "The assessment", body = AssessmentDto,
            headers(("ETag" = String, description = "The assessment's version"))),
        (status = 404, description = "No such assessment in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_assessment(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = AssessmentId::from(id.into_inner());
    let loaded = state
        .pool
        .run_as(auth, move |conn, user| load_visible(conn, user, &id))
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        loaded.row.version,
        &to_dto(loaded)?,
    ))
}
