//! `POST /api/v1/campaigns/{id}/registrations`: an agency registers for the year's standard
//! (đăng ký), which opens its assessment.

use actix_web::{web, HttpResponse};
use chrono::{Datelike, NaiveDate, Utc};
use uuid::Uuid;

use super::access::{self, to_dto, Loaded};
use super::dto::{AssessmentDto, RegisterRequest};
use super::model::{AssessmentRow, Registration as ModelRegistration};
use super::queries;
use crate::auth::{AuthUser, Authenticated};
use crate::campaigns::access as campaign_access;
use crate::campaigns::model::CampaignRow;
use crate::db::AnyConnection;
use crate::domain::directive::parse_number;
use crate::domain::ids::{AgencyId, CampaignId};
use crate::domain::task::vietnam_date;
use crate::domain::values::parse_calendar_date;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;

struct Registration {
    agency_id: AgencyId,
    document_number: String,
    registered_on: NaiveDate,
}

impl RegisterRequest {
    fn parse(self) -> Result<Registration, ApiError> {
        let mut errors = FieldErrors::default();
        let number = errors.take("document_number", parse_number(&self.document_number));
        let today = vietnam_date(Utc::now());
        let date = errors.take(
            "registered_on",
            parse_calendar_date(self.registered_on).and_then(|d| {
                if d > today {
                    Err("must not be in the future".into())
                } else {
                    Ok(d)
                }
            }),
        );
        errors.finish()?;
        match (number, date) {
            (Some(document_number), Some(registered_on)) => Ok(Registration {
                agency_id: AgencyId::from(self.agency_id),
                document_number,
                registered_on,
            }),
            _ => Err(ApiError::internal("registration parse lost a field")),
        }
    }
}

/// The agency must take part, be one the caller may register, and not be registered yet.
fn check_agency(
    conn: &mut AnyConnection,
    user: &AuthUser,
    campaign: &CampaignRow,
    agency_id: &AgencyId,
) -> Result<(), ApiError> {
    let agency = access::registrable_agency(conn, user, agency_id.as_str())?;
    if !agency.active || !campaign.participants()?.includes(&agency) {
        return Err(ApiError::field(
            "agency_id",
            "does not take part in this campaign",
        ));
    }
    if let Some(existing) = queries::registered(conn, &campaign.id, agency_id)? {
        return Err(ApiError::Conflict(format!(
            "the agency is registered already (assessment {existing})"
        )));
    }
    Ok(())
}

fn register(
    conn: &mut AnyConnection,
    user: &AuthUser,
    campaign_id: &CampaignId,
    registration: Registration,
) -> Result<Loaded, ApiError> {
    let campaign = campaign_access::load(conn, user, campaign_id)?;
    access::check_registers(user)?;
    campaign.check_open()?;
    let year = campaign.year;
    if !(year - 1..=year).contains(&registration.registered_on.year()) {
        return Err(ApiError::field(
            "registered_on",
            format!("must fall in {} or {year}", year - 1),
        ));
    }
    check_agency(conn, user, &campaign, &registration.agency_id)?;
    access::check_registration_open(user, &campaign)?;
    let row = AssessmentRow::registered(ModelRegistration {
        campaign_id: campaign.id.clone(),
        agency_id: registration.agency_id,
        document_number: registration.document_number,
        registered_on: registration.registered_on,
        registered_by: user.id.clone(),
    });
    access::insert(conn, user, row)
}

/// Register an agency in a campaign
///
/// The agency's manager before the registration deadline, or a supervisor or admin at any time
/// while the campaign is open, with the registration letter.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/registrations",
    tag = "assessments",
    params(("id" = Uuid, Path, description = "Campaign id")),
    request_body = RegisterRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered; the assessment is open", body = AssessmentDto,
            headers(("ETag" = String, description = "The assessment's version"))),
        (status = 403, description = "Only the agency's manager or a supervisor registers it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Registered already, registration closed, or the campaign is closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or an agency outside your scope or the campaign", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn register_agency(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    let registration = body.into_inner().parse()?;
    let campaign_id = CampaignId::from(id.into_inner());
    let loaded = state
        .pool
        .write_as(auth, move |conn, user| {
            register(conn, user, &campaign_id, registration)
        })
        .await?;
    let (id, version) = (loaded.row.id.clone(), loaded.row.version);
    Ok(created(
        "assessments",
        id.as_str(),
        version,
        &to_dto(loaded)?,
    ))
}
