//! `GET /api/v1/campaigns/{id}/assessments`: the province at a glance. One row per participating
//! agency in the caller's scope (unregistered ones included), with counts by status and rating.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use chrono::Utc;
use uuid::Uuid;

use super::access;
use super::dto::{Overview, OverviewCounts, OverviewQuery, StandingRow, StandingStatus};
use super::model::AssessmentRow;
use crate::agencies::access as agency_access;
use crate::agencies::model::AgencyRow;
use crate::auth::{AuthUser, Authenticated};
use crate::campaigns::access as campaign_access;
use crate::campaigns::model::CampaignRow;
use crate::db::AnyConnection;
use crate::domain::assessment::self_deadline;
use crate::domain::calendar::is_late;
use crate::domain::framework::Rating;
use crate::domain::ids::{AgencyId, CampaignId};
use crate::domain::task::vietnam_date;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

fn standing(
    campaign: &CampaignRow,
    agency: &AgencyRow,
    row: Option<&AssessmentRow>,
) -> Result<StandingRow, ApiError> {
    let today = vietnam_date(Utc::now());
    let status = row.map(|r| r.status);
    let submitted_on = row
        .and_then(|r| r.submitted_at)
        .map(|t| vietnam_date(t.and_utc()));
    let deadline = self_deadline(
        campaign.self_assessment_deadline,
        row.and_then(|r| r.extended_until),
    );
    Ok(StandingRow {
        agency_id: agency.id.to_string(),
        agency_code: agency.code.clone(),
        agency_name: agency.name.clone(),
        assessment_id: row.map(|r| r.id.to_string()),
        status: status.map_or(StandingStatus::NotRegistered, StandingStatus::from),
        self_total: row.map(|r| r.self_total),
        review_total: row.and_then(|r| r.review_total),
        rating: row.and_then(|r| r.rating),
        recognised: row.and_then(|r| r.recognised),
        registration_late: is_late(
            campaign.registration_deadline,
            row.map(|r| r.registered_on),
            today,
        ),
        self_assessment_late: is_late(deadline, submitted_on, today),
        review_late: is_late(
            campaign.review_deadline,
            row.and_then(|r| r.decided_on),
            today,
        ),
    })
}

fn count(rows: &[StandingRow]) -> OverviewCounts {
    let mut counts = OverviewCounts::default();
    for row in rows {
        counts.total += 1;
        let s = &mut counts.by_status;
        *match row.status {
            StandingStatus::NotRegistered => &mut s.not_registered,
            StandingStatus::Registered => &mut s.registered,
            StandingStatus::SelfAssessing => &mut s.self_assessing,
            StandingStatus::Submitted => &mut s.submitted,
            StandingStatus::UnderReview => &mut s.under_review,
            StandingStatus::Returned => &mut s.returned,
            StandingStatus::Decided => &mut s.decided,
            StandingStatus::Closed => &mut s.closed,
        } += 1;
        let r = &mut counts.by_rating;
        *match row.rating {
            Some(Rating::Excellent) => &mut r.excellent,
            Some(Rating::Good) => &mut r.good,
            Some(Rating::Average) => &mut r.average,
            Some(Rating::Weak) => &mut r.weak,
            None => &mut r.none,
        } += 1;
        counts.recognised += u32::from(row.recognised == Some(true));
        counts.late +=
            u32::from(row.registration_late || row.self_assessment_late || row.review_late);
    }
    counts
}

fn overview(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &CampaignId,
    query: &OverviewQuery,
) -> Result<Overview, ApiError> {
    let campaign = campaign_access::load(conn, user, id)?;
    let participants = campaign.participants()?;
    let predecessors = query.include_predecessors == Some(true);
    let assessments = match predecessors {
        true => access::of_campaign_with_predecessors(conn, user, &campaign)?,
        false => access::of_campaign(conn, user, &campaign)?,
    };
    let mut assessed: HashMap<AgencyId, AssessmentRow> = assessments
        .into_iter()
        .map(|row| (row.agency_id.clone(), row))
        .collect();
    let wanted_agency = query.agency_id.map(AgencyId::from);
    let mut items = Vec::new();
    let agencies = match predecessors {
        true => agency_access::all_visible_with_predecessors(conn, user)?,
        false => agency_access::all_visible(conn, user)?,
    };
    for agency in agencies {
        let row = assessed.remove(&agency.id);
        if row.is_none() && !(agency.active && participants.includes(&agency)) {
            continue;
        }
        let standing = standing(&campaign, &agency, row.as_ref())?;
        let keep = wanted_agency.as_ref().is_none_or(|a| *a == agency.id)
            && query.status.is_none_or(|s| s == standing.status)
            && query.rating.is_none_or(|r| Some(r) == standing.rating);
        if keep {
            items.push(standing);
        }
    }
    Ok(Overview {
        counts: count(&items),
        items,
    })
}

/// Overview of a campaign's assessments
///
/// Every participating agency the caller sees (agency users: their subtree), with state, totals,
/// late flags and counts; not paged (one row per agency).
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/assessments",
    tag = "assessments",
    params(("id" = Uuid, Path, description = "Campaign id"), OverviewQuery),
    security(("bearer" = []), ("client_credentials" = ["assessments:read"])),
    responses(
        (status = 200, description = "A row per participating agency in your scope, and counts over those rows", body = Overview),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn campaign_overview(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    query: web::Query<OverviewQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = CampaignId::from(id.into_inner());
    let query = query.into_inner();
    let body = state
        .pool
        .run_as(auth, move |conn, user| overview(conn, user, &id, &query))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}
