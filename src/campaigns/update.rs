//! `PATCH /api/v1/campaigns/{id}`: move deadlines, change participants, close the year.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;
use uuid::Uuid;

use super::access;
use super::create::check_agency_ids;
use super::dto::{CampaignDto, UpdateCampaign};
use super::input::{check_participants, Calendar, CampaignPatch};
use super::model::{CampaignChanges, CampaignRow};
use crate::auth::{AuthUser, Authenticated};
use crate::db::{json, versioned, AnyConnection};
use crate::domain::ids::CampaignId;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

fn apply(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &CampaignId,
    expected: Option<i32>,
    patch: CampaignPatch,
) -> Result<CampaignRow, ApiError> {
    let row = access::for_manager(conn, user, id)?;
    etag::check(expected, row.version)?;
    let calendar = Calendar {
        registration: patch
            .registration_deadline
            .unwrap_or(row.registration_deadline),
        self_assessment: patch
            .self_assessment_deadline
            .unwrap_or(row.self_assessment_deadline),
        review: patch.review_deadline.unwrap_or(row.review_deadline),
    };
    calendar.check(row.year)?;
    let current = row.participants()?;
    let kinds = patch.kinds.unwrap_or(current.kinds);
    let ids = patch.ids.unwrap_or(current.ids);
    check_participants(&kinds, &ids)?;
    check_agency_ids(conn, &ids)?;
    let changes = CampaignChanges {
        name: patch.name.clone(),
        registration_deadline: Some(calendar.registration),
        self_assessment_deadline: Some(calendar.self_assessment),
        review_deadline: Some(calendar.review),
        agency_kinds: Some(json::encode(&kinds)?),
        agency_ids: Some(json::encode(&ids)?),
        status: patch.status,
        version: None,
        updated_at: None,
    };
    let event = json!({"name": patch.name, "registration_deadline": calendar.registration,
        "self_assessment_deadline": calendar.self_assessment, "review_deadline": calendar.review,
        "agency_kinds": kinds, "agency_ids": ids, "status": patch.status.map(|s| s.as_str())});
    versioned::save(
        conn,
        &user.actor(),
        &row,
        changes,
        "campaign.update",
        event,
        |_| Ok(()),
    )
}

/// Change a campaign
///
/// Supervisors and admins: its calendar, participants or state (`open`, `closed`). A closed
/// campaign takes no more registrations, scores or decisions.
#[utoipa::path(
    patch,
    path = "/api/v1/campaigns/{id}",
    tag = "campaigns",
    params(
        ("id" = Uuid, Path, description = "Campaign id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412"),
    ),
    request_body = UpdateCampaign,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The updated campaign", body = CampaignDto,
            headers(("ETag" = String, description = "The campaign's new version"))),
        (status = 403, description = "Only supervisors and admins run campaigns", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, deadlines out of order, unknown agencies", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_campaign(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: Body<UpdateCampaign>,
) -> Result<HttpResponse, ApiError> {
    let id = CampaignId::from(id.into_inner());
    let patch = body.into_inner().parse()?;
    let expected = etag::expected_version(&req)?;
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            apply(conn, user, &id, expected, patch)
        })
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &CampaignDto::from_row(row)?,
    ))
}
