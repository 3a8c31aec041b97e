//! `POST /api/v1/campaigns`: a supervisor opens a year's campaign from a published framework.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;

use super::dto::{CampaignDto, CreateCampaign};
use super::input::{check_participants, Calendar, NewCampaign};
use super::model::CampaignRow;
use super::{access, queries};
use crate::audit::{self, AuditActor};
use crate::auth::{AuthUser, Authenticated};
use crate::db::{json, AnyConnection};
use crate::domain::assessment::CampaignStatus;
use crate::domain::ids::{AgencyId, CampaignId};
use crate::domain::values::AgencyKind;
use crate::error::{ApiError, Problem};
use crate::frameworks::access as framework_access;
use crate::frameworks::model::FrameworkRow;
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;

/// A campaign about to be stored.
pub struct CampaignSettings {
    pub name: String,
    pub year: i32,
    pub calendar: Calendar,
    pub kinds: Vec<AgencyKind>,
    pub ids: Vec<AgencyId>,
    pub cloned_from_id: Option<CampaignId>,
}

pub fn check_agency_ids(conn: &mut AnyConnection, ids: &[AgencyId]) -> Result<(), ApiError> {
    let unknown = queries::unknown_agencies(conn, ids)?;
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(ApiError::field(
            "agency_ids",
            format!(
                "name no agency: {}",
                unknown
                    .iter()
                    .map(AgencyId::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ))
    }
}

/// Stores a campaign with its audit event; one campaign per standard and year (409).
pub fn insert_campaign(
    conn: &mut AnyConnection,
    actor: &AuditActor,
    framework: &FrameworkRow,
    settings: CampaignSettings,
) -> Result<CampaignRow, ApiError> {
    if let Some(existing) = queries::of_year(conn, &framework.code, settings.year)? {
        return Err(ApiError::Conflict(format!(
            "the {} campaign of {} exists already ({existing})",
            framework.code, settings.year
        )));
    }
    let now = Utc::now().naive_utc();
    let row = CampaignRow {
        id: CampaignId::generate(),
        framework_id: framework.id.clone(),
        framework_code: framework.code.clone(),
        year: settings.year,
        name: settings.name,
        registration_deadline: settings.calendar.registration,
        self_assessment_deadline: settings.calendar.self_assessment,
        review_deadline: settings.calendar.review,
        agency_kinds: json::encode(&settings.kinds)?,
        agency_ids: json::encode(&settings.ids)?,
        status: CampaignStatus::Open,
        cloned_from_id: settings.cloned_from_id,
        created_by: actor
            .user_id
            .clone()
            .ok_or_else(|| ApiError::internal("a campaign needs an author"))?,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    queries::insert(conn, &row)?;
    let changes = json!({"framework_id": row.framework_id, "year": row.year, "name": row.name,
        "cloned_from_id": row.cloned_from_id});
    audit::record(
        conn,
        actor,
        "campaign.create",
        "campaign",
        row.id.as_str(),
        changes,
    )?;
    Ok(row)
}

fn create(
    conn: &mut AnyConnection,
    user: &AuthUser,
    new: NewCampaign,
) -> Result<CampaignRow, ApiError> {
    let framework = framework_access::published_for_campaign(conn, user, &new.framework_id)?;
    let (kinds, ids) = match (new.kinds, new.ids) {
        (None, None) => (framework.applies_to()?, Vec::new()),
        (kinds, ids) => (kinds.unwrap_or_default(), ids.unwrap_or_default()),
    };
    check_participants(&kinds, &ids)?;
    check_agency_ids(conn, &ids)?;
    let settings = CampaignSettings {
        name: new
            .name
            .unwrap_or_else(|| format!("{} {}", framework.name, new.year)),
        year: new.year,
        calendar: new.calendar,
        kinds,
        ids,
        cloned_from_id: None,
    };
    insert_campaign(conn, &user.actor(), &framework, settings)
}

/// Open a campaign
///
/// Supervisors and admins, on a published framework version, at most one per standard and year.
/// Deadlines default to the framework's calendar; participants to its agency kinds.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns",
    tag = "campaigns",
    request_body = CreateCampaign,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The open campaign", body = CampaignDto,
            headers(("ETag" = String, description = "The campaign's version"))),
        (status = 403, description = "Only supervisors and admins run campaigns", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The standard has a campaign in this year already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, a draft or unknown framework, unknown agencies", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_campaign(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: Body<CreateCampaign>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            access::check_manager(user)?;
            create(conn, user, body.parse()?)
        })
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    Ok(created(
        "campaigns",
        id.as_str(),
        version,
        &CampaignDto::from_row(row)?,
    ))
}
