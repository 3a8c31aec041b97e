//! `GET /api/v1/campaigns/{id}/assessments`: the province at a glance. One row per participating
//! agency in the caller's scope (unregistered ones included), with counts by status and rating.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use chrono::Utc;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::model::AssessmentRow;
use super::queries;
use crate::agencies::model::AgencyRow;
use crate::auth::{AuthUser, Scope};
use crate::campaigns::model::CampaignRow;
use crate::campaigns::queries as campaign_queries;
use crate::db::schema::agencies;
use crate::db::AnyConnection;
use crate::domain::assessment::{is_late, self_deadline, AssessmentStatus};
use crate::domain::framework::Rating;
use crate::domain::task::vietnam_date;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// An agency's standing in a campaign: `not_registered` or its assessment's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StandingStatus {
    NotRegistered,
    Registered,
    SelfAssessing,
    Submitted,
    UnderReview,
    Returned,
    Decided,
}

impl From<AssessmentStatus> for StandingStatus {
    fn from(status: AssessmentStatus) -> Self {
        match status {
            AssessmentStatus::Registered => Self::Registered,
            AssessmentStatus::SelfAssessing => Self::SelfAssessing,
            AssessmentStatus::Submitted => Self::Submitted,
            AssessmentStatus::UnderReview => Self::UnderReview,
            AssessmentStatus::Returned => Self::Returned,
            AssessmentStatus::Decided => Self::Decided,
        }
    }
}

/// Filters of the overview.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OverviewQuery {
    pub status: Option<StandingStatus>,
    /// Final rating (decided assessments only).
    pub rating: Option<Rating>,
    pub agency_id: Option<Uuid>,
}

/// One participating agency's row.
#[derive(Debug, Serialize, ToSchema)]
pub struct StandingRow {
    pub agency_id: String,
    pub agency_code: String,
    pub agency_name: String,
    /// Absent until the agency registers.
    pub assessment_id: Option<String>,
    pub status: StandingStatus,
    pub self_total: Option<f64>,
    pub review_total: Option<f64>,
    /// The final rating, once decided.
    pub rating: Option<Rating>,
    pub recognised: Option<bool>,
    /// Registered after the registration deadline, or still not registered past it.
    pub registration_late: bool,
    /// Submitted after the agency's self-assessment deadline, or still not submitted past it.
    pub self_assessment_late: bool,
    /// Decided after the review deadline, or still not decided past it.
    pub review_late: bool,
}

/// How many rows have each status.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct StatusCounts {
    pub not_registered: u32,
    pub registered: u32,
    pub self_assessing: u32,
    pub submitted: u32,
    pub under_review: u32,
    pub returned: u32,
    pub decided: u32,
}

/// How many rows have each final rating.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct RatingCounts {
    pub excellent: u32,
    pub good: u32,
    pub average: u32,
    pub weak: u32,
    /// Not decided yet.
    pub none: u32,
}

/// Counts over the rows answered.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct OverviewCounts {
    pub total: u32,
    pub by_status: StatusCounts,
    pub by_rating: RatingCounts,
    pub recognised: u32,
    pub late: u32,
}

/// The campaign overview: every row (bounded by the number of agencies, so not paged) and
/// counts that add up to them.
#[derive(Debug, Serialize, ToSchema)]
pub struct Overview {
    pub items: Vec<StandingRow>,
    pub counts: OverviewCounts,
}

fn standing(
    campaign: &CampaignRow,
    agency: &AgencyRow,
    row: Option<&AssessmentRow>,
) -> Result<StandingRow, ApiError> {
    let today = vietnam_date(Utc::now());
    let status = row.map(AssessmentRow::status).transpose()?;
    let submitted_on = row
        .and_then(|r| r.submitted_at)
        .map(|t| vietnam_date(t.and_utc()));
    let deadline = self_deadline(
        campaign.self_assessment_deadline,
        row.and_then(|r| r.extended_until),
    );
    Ok(StandingRow {
        agency_id: agency.id.clone(),
        agency_code: agency.code.clone(),
        agency_name: agency.name.clone(),
        assessment_id: row.map(|r| r.id.clone()),
        status: status.map_or(StandingStatus::NotRegistered, StandingStatus::from),
        self_total: row.map(|r| r.self_total),
        review_total: row.and_then(|r| r.review_total),
        rating: row
            .and_then(|r| r.rating.as_deref())
            .and_then(Rating::parse),
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

fn agencies_in(conn: &mut AnyConnection, scope: &Scope) -> Result<Vec<AgencyRow>, ApiError> {
    let mut query = agencies::table.select(AgencyRow::as_select()).into_boxed();
    if let Some(pattern) = scope.path_pattern() {
        query = query.filter(agencies::path.like(pattern));
    }
    Ok(query.order(agencies::path.asc()).load(conn)?)
}

fn overview(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &str,
    query: &OverviewQuery,
) -> Result<Overview, ApiError> {
    let campaign = campaign_queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let participants = campaign.participants()?;
    let mut assessed: HashMap<String, AssessmentRow> = queries::of_campaign(conn, id, &user.scope)?
        .into_iter()
        .map(|row| (row.agency_id.clone(), row))
        .collect();
    let wanted_agency = query.agency_id.map(|a| a.to_string());
    let mut items = Vec::new();
    for agency in agencies_in(conn, &user.scope)? {
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

#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/assessments",
    tag = "assessments",
    params(("id" = Uuid, Path, description = "Campaign id"), OverviewQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A row per participating agency in your scope, and counts over those rows", body = Overview),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn campaign_overview(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    query: web::Query<OverviewQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().to_string();
    let query = query.into_inner();
    let body = state
        .pool
        .run(move |conn| overview(conn, &user, &id, &query))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}
