//! Loading an assessment the caller may see, with its campaign and pinned framework, and
//! turning it into its response body.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};

use super::dto::{AssessmentDto, CriterionScores, DecisionDto};
use super::model::{own_outcome, AssessmentChanges, AssessmentRow};
use super::queries;
use crate::agencies::access as agency_access;
use crate::agencies::model::AgencyRow;
use crate::agencies::queries as agency_queries;
use crate::audit;
use crate::auth::{AuthUser, Scope};
use crate::campaigns::access as campaign_access;
use crate::campaigns::model::CampaignRow;
use crate::db::AnyConnection;
use crate::domain::assessment::{
    deadline_passed, scoring_deadline, self_deadline, AssessmentAction,
};
use crate::domain::calendar::is_late;
use crate::domain::framework::Scheme;
use crate::domain::ids::{AssessmentId, CampaignId, UserId};
use crate::domain::permissions::assessments as rules;
use crate::domain::scoring::{evaluate, Outcome};
use crate::domain::task::vietnam_date;
use crate::error::ApiError;
use crate::frameworks::access as framework_access;
use crate::reorganisations::access as reorganisation_access;

/// An assessment with what it is judged by.
pub struct Loaded {
    pub row: AssessmentRow,
    pub campaign: CampaignRow,
    pub framework_id: String,
    /// Shared: a published version's scheme is kept in memory (`frameworks::access`).
    pub scheme: Arc<Scheme>,
    pub agency_path: String,
}

impl Loaded {
    /// This agency's last day to submit.
    pub fn self_deadline(&self) -> NaiveDate {
        self_deadline(
            self.campaign.self_assessment_deadline,
            self.row.extended_until,
        )
    }

    /// Fails with 409 once the agency's time to score and submit is over.
    pub fn check_scoring_open(&self) -> Result<(), ApiError> {
        let status = self.row.status;
        let deadline =
            scoring_deadline(status, self.self_deadline(), self.campaign.review_deadline);
        if deadline_passed(deadline, Utc::now()) {
            return Err(ApiError::Conflict(format!(
                "the self-assessment deadline {} has passed; a supervisor can extend it",
                deadline.format("%d/%m/%Y")
            )));
        }
        Ok(())
    }

    /// What the rules give for the marks a decision is judged by.
    pub fn outcome(&self) -> Result<Outcome, ApiError> {
        Ok(evaluate(&self.scheme, &self.row.effective_marks()?))
    }
}

/// The assessment `id` if its agency is inside the caller's scope, or inside an agency the
/// caller's agency succeeded (read only: the write rules check the agency's path against the
/// caller's own scope); 404 otherwise.
pub fn load_visible(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &AssessmentId,
) -> Result<Loaded, ApiError> {
    let row = match queries::find_visible(conn, id, &user.scope)? {
        Some(row) => row,
        None => inherited(conn, user, id)?,
    };
    load_context(conn, row)
}

/// The assessment of an agency the caller's agency succeeded, else 404.
fn inherited(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &AssessmentId,
) -> Result<AssessmentRow, ApiError> {
    for root in reorganisation_access::inherited_roots(conn, &user.scope)? {
        if let Some(row) = queries::find_visible(conn, id, &Scope::Subtree(root))? {
            return Ok(row);
        }
    }
    Err(ApiError::NotFound)
}

/// The assessment as [`load_visible`] gives it, if the caller may also take `action` on it
/// (else 403).
pub fn for_action(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &AssessmentId,
    action: AssessmentAction,
) -> Result<Loaded, ApiError> {
    let loaded = load_visible(conn, user, id)?;
    if !rules::may(user, action, &loaded.agency_path) {
        return Err(ApiError::Forbidden);
    }
    Ok(loaded)
}

/// The agency a caller registers in a campaign, named in `agency_id`: inside the caller's
/// scope (else the 422 of an unknown agency) and one the caller may register (else 403).
pub fn registrable_agency(
    conn: &mut AnyConnection,
    user: &AuthUser,
    agency_id: &str,
) -> Result<AgencyRow, ApiError> {
    const UNKNOWN: &str = "names no agency in your scope";
    let agency = agency_access::named(conn, &user.scope, agency_id, "agency_id", UNKNOWN)?;
    if !rules::may_register(user, &agency.path) {
        return Err(ApiError::Forbidden);
    }
    Ok(agency)
}

/// 403 unless the caller's role registers agencies at all.
pub fn check_registers(user: &AuthUser) -> Result<(), ApiError> {
    ApiError::forbidden_unless(rules::registers(user))
}

/// 409 once the registration deadline has passed, unless the caller may still register late.
pub fn check_registration_open(user: &AuthUser, campaign: &CampaignRow) -> Result<(), ApiError> {
    if rules::registers_late(user) || !deadline_passed(campaign.registration_deadline, Utc::now()) {
        return Ok(());
    }
    Err(ApiError::Conflict(format!(
        "registration closed on {}; a supervisor may still register the agency",
        campaign.registration_deadline.format("%d/%m/%Y")
    )))
}

/// Stores a registration checked by the functions above, with its audit event.
pub fn insert(
    conn: &mut AnyConnection,
    user: &AuthUser,
    row: AssessmentRow,
) -> Result<Loaded, ApiError> {
    queries::insert(conn, &row)?;
    let event = serde_json::json!({"campaign_id": row.campaign_id, "agency_id": row.agency_id,
        "document_number": row.document_number, "registered_on": row.registered_on});
    let (actor, feed) = (user.actor(), audit::FeedDetail::version(row.version));
    let (action, id) = ("assessment.register", row.id.as_str());
    audit::record_with(conn, &actor, action, "assessment", id, event, feed)?;
    load_context(conn, row)
}

/// The path of the assessed agency, which the assessment reaches in the change feed.
pub(crate) fn system_reach(
    conn: &mut AnyConnection,
    id: &AssessmentId,
) -> Result<Vec<String>, ApiError> {
    let row = queries::find_visible(conn, id, &Scope::Province)?.ok_or(ApiError::NotFound)?;
    Ok(vec![agency_queries::path_of(conn, &row.agency_id)?])
}

pub fn load_context(conn: &mut AnyConnection, row: AssessmentRow) -> Result<Loaded, ApiError> {
    let campaign = campaign_access::of_assessment(conn, &row.campaign_id)?;
    let scheme = framework_access::scheme_of_campaign(conn, &campaign.framework_id)?;
    let agency_path = agency_queries::path_of(conn, &row.agency_id)?;
    Ok(Loaded {
        row,
        framework_id: campaign.framework_id.to_string(),
        scheme,
        campaign,
        agency_path,
    })
}

/// Stores a step's changes with its audit event and reloads the row.
pub fn save(
    conn: &mut AnyConnection,
    user: &AuthUser,
    mut loaded: Loaded,
    changes: AssessmentChanges,
    action: &str,
    event: serde_json::Value,
) -> Result<Loaded, ApiError> {
    let (id, read_version) = (loaded.row.id.clone(), loaded.row.version);
    let changes = AssessmentChanges {
        version: Some(read_version + 1),
        updated_at: Some(Utc::now().naive_utc()),
        ..changes
    };
    queries::update(conn, &id, read_version, &changes)?;
    let (actor, feed) = (user.actor(), audit::FeedDetail::version(read_version + 1));
    audit::record_with(conn, &actor, action, "assessment", id.as_str(), event, feed)?;
    loaded.row = queries::find_visible(conn, &id, &user.scope)?.ok_or(ApiError::NotFound)?;
    Ok(loaded)
}

fn criteria(loaded: &Loaded) -> Result<Vec<CriterionScores>, ApiError> {
    let (mut own, mut review) = (loaded.row.self_sheet()?, loaded.row.review_sheet()?);
    Ok(loaded
        .scheme
        .groups
        .iter()
        .flat_map(|g| g.criteria.iter().map(move |c| (g.code.clone(), c)))
        .map(|(group_code, c)| CriterionScores {
            group_code,
            code: c.code.clone(),
            title: c.title.clone(),
            max_points: c.max_points,
            disqualifying: c.disqualifying,
            self_score: own.remove(&c.code),
            review_score: review.remove(&c.code),
        })
        .collect())
}

fn decision(row: &AssessmentRow) -> Option<DecisionDto> {
    Some(DecisionDto {
        recognised: row.recognised?,
        rating: row.rating?,
        decision_number: row.decision_number.clone()?,
        decided_on: row.decided_on?,
        decided_by: row.decided_by.clone()?.into_string(),
        override_reason: row.override_reason.clone(),
    })
}

pub fn to_dto(loaded: Loaded) -> Result<AssessmentDto, ApiError> {
    let own = own_outcome(&loaded.scheme, &loaded.row.self_sheet()?);
    let outcome = loaded.outcome()?;
    let today = vietnam_date(Utc::now());
    let submitted_on = loaded.row.submitted_at.map(|t| vietnam_date(t.and_utc()));
    let criteria = criteria(&loaded)?;
    let deadline = loaded.self_deadline();
    let row = loaded.row;
    Ok(AssessmentDto {
        status: row.status,
        decision: decision(&row),
        rating: row.rating,
        self_assessment_late: is_late(deadline, submitted_on, today),
        id: row.id.into_string(),
        campaign_id: row.campaign_id.into_string(),
        framework_id: loaded.framework_id,
        agency_id: row.agency_id.into_string(),
        document_number: row.document_number,
        registered_on: row.registered_on,
        registered_by: row.registered_by.into_string(),
        registration_deadline: loaded.campaign.registration_deadline,
        self_assessment_deadline: deadline,
        extended_until: row.extended_until,
        review_deadline: loaded.campaign.review_deadline,
        criteria,
        self_total: own.total,
        self_missing: own.missing,
        review_total: row.review_total,
        failed_conditions: outcome.failed,
        proposed_rating: outcome.rating,
        proposed_recognised: outcome.recognised,
        submitted_by: row.submitted_by.map(UserId::into_string),
        submitted_at: row.submitted_at.map(|t| t.and_utc()),
        return_comment: row.return_comment,
        recognised: row.recognised,
        closed_reason: row.closed_reason,
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// A campaign's assessments of the agencies the caller sees.
pub fn of_campaign(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    campaign: &CampaignRow,
) -> Result<Vec<AssessmentRow>, ApiError> {
    queries::of_campaign(conn, &campaign.id, &caller.scope)
}

/// [`of_campaign`] and the assessments of the agencies the caller's agency succeeded.
pub fn of_campaign_with_predecessors(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    campaign: &CampaignRow,
) -> Result<Vec<AssessmentRow>, ApiError> {
    let mut rows = of_campaign(conn, caller, campaign)?;
    for root in reorganisation_access::inherited_roots(conn, &caller.scope)? {
        rows.extend(queries::of_campaign(
            conn,
            &campaign.id,
            &Scope::Subtree(root),
        )?);
    }
    Ok(rows)
}

/// The subject's own assessments in the years a delegation's grant reviews, with each
/// campaign's year and standard.
pub fn granted_in_years(
    conn: &mut AnyConnection,
    grant: &crate::delegations::grant::Grant,
) -> Result<Vec<(i32, String, AssessmentRow)>, ApiError> {
    queries::of_agency_in_years(conn, grant.subject(), grant.years())
}

/// The campaigns of `year` (every user sees the campaigns) and their registrations by
/// agencies within a dashboard's reach, counted by campaign, status and rating.
pub fn year_counts(
    conn: &mut AnyConnection,
    reach: &crate::dashboard::reach::Reach,
    year: i32,
) -> Result<YearCounts, ApiError> {
    let campaigns = queries::campaigns_of_year(conn, year)?;
    let counts = reach.each_root(|root| queries::count_in_year(conn, root, year))?;
    Ok((campaigns, counts))
}

/// A year's campaigns (id, name) and their registrations (campaign, status, rating, count).
pub type YearCounts = (Vec<(CampaignId, String)>, Vec<queries::RegistrationCount>);
