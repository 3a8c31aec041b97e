//! `GET /api/v1/evidence/{id}`: an evidence file's metadata.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::dto::{EvidenceDto, EvidenceRow};
use super::owner::{check_visible, Owner};
use super::queries;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// An evidence row and its owner, if the caller sees the owner.
pub fn load_visible_evidence(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &str,
) -> Result<(EvidenceRow, Owner), ApiError> {
    let row = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let owner = Owner::parse(&row.owner_type)?;
    check_visible(conn, user, owner, &row.owner_id)?;
    Ok((row, owner))
}

#[utoipa::path(
    get,
    path = "/api/v1/evidence/{id}",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Evidence id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file's metadata", body = EvidenceDto),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such evidence in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_evidence(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().to_string();
    let row = state
        .pool
        .run_as(auth, move |conn, user| {
            Ok(load_visible_evidence(conn, user, &id)?.0)
        })
        .await?;
    Ok(HttpResponse::Ok().json(EvidenceDto::from(row)))
}
