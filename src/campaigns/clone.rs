//! `POST /api/v1/campaigns/{id}/clone`: next year's campaign from this one, with the same
//! framework version and participants, deadlines moved by the years between, and nothing
//! registered or scored.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::create::{insert_campaign, CampaignSettings};
use super::dto::{CampaignDto, CloneCampaign};
use super::input::{parse_name, parse_year, Calendar};
use super::model::CampaignRow;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::assessment::shift_years;
use crate::domain::ids::CampaignId;
use crate::error::{ApiError, Problem};
use crate::frameworks::access as framework_access;
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;

fn moved(source: &CampaignRow, year: i32) -> Result<Calendar, ApiError> {
    let years = year - source.year;
    let shift = |date| {
        shift_years(date, years)
            .ok_or_else(|| ApiError::field("year", "cannot move the deadlines there"))
    };
    Ok(Calendar {
        registration: shift(source.registration_deadline)?,
        self_assessment: shift(source.self_assessment_deadline)?,
        review: shift(source.review_deadline)?,
    })
}

fn copy(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &CampaignId,
    year: i32,
    name: Option<String>,
) -> Result<CampaignRow, ApiError> {
    let source = access::for_manager(conn, user, id)?;
    let framework = framework_access::of_campaign(conn, &source.framework_id)?;
    let participants = source.participants()?;
    let default_name = source
        .name
        .replace(&source.year.to_string(), &year.to_string());
    let settings = CampaignSettings {
        name: name.unwrap_or(if default_name == source.name {
            format!("{} {year}", source.name)
        } else {
            default_name
        }),
        year,
        calendar: moved(&source, year)?,
        kinds: participants.kinds,
        ids: participants.ids,
        cloned_from_id: Some(source.id.clone()),
    };
    insert_campaign(conn, &user.actor(), &framework, settings)
}

/// Copy a campaign to another year
///
/// Supervisors and admins; deadlines move to the new year, participants are kept.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/clone",
    tag = "campaigns",
    params(("id" = Uuid, Path, description = "Id of the campaign to copy")),
    request_body = CloneCampaign,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new year's open campaign, with no registrations", body = CampaignDto,
            headers(("ETag" = String, description = "The campaign's version"))),
        (status = 403, description = "Only supervisors and admins run campaigns", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The standard has a campaign in that year already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid year or name", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn clone_campaign(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<CloneCampaign>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let year = parse_year(body.year)?;
    let name = parse_name(body.name)?;
    let id = CampaignId::from(id.into_inner());
    let row = state
        .pool
        .write_as(auth, move |conn, user| copy(conn, user, &id, year, name))
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    Ok(created(
        "campaigns",
        id.as_str(),
        version,
        &CampaignDto::from_row(row)?,
    ))
}
