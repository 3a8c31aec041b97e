//! `GET /api/v1/campaigns/{id}`: one campaign.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::CampaignDto;
use crate::auth::Authenticated;
use crate::domain::ids::CampaignId;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Read a campaign
///
/// Every logged-in user.
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}",
    tag = "campaigns",
    params(("id" = Uuid, Path, description = "Campaign id")),
    security(("bearer" = []), ("client_credentials" = ["assessments:read"])),
    responses(
        (status = 200, description = "The campaign", body = CampaignDto,
            headers(("ETag" = String, description = "The campaign's version"))),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_campaign(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = CampaignId::from(id.into_inner());
    let row = state
        .pool
        .run_as(auth, move |conn, user| access::load(conn, user, &id))
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &CampaignDto::from_row(row)?,
    ))
}
