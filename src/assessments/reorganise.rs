//! What a reorganisation does to the undecided registrations of the agencies it ends: each
//! follows the successor when the campaign includes the successor and the successor has no
//! registration of its own there; otherwise it is closed, with the reason. Decided ones stay
//! with the agency that was assessed.

use super::model::AssessmentChanges;
use super::{access, queries};
use crate::agencies::model::AgencyRow;
use crate::auth::{AuthUser, Scope};
use crate::campaigns::model::CampaignRow;
use crate::db::AnyConnection;
use crate::domain::assessment::AssessmentStatus;
use crate::domain::ids::{AgencyId, AssessmentId, CampaignId};
use crate::error::ApiError;

/// Where one registration goes: to the successor (`None` reason), or closed for `reason`.
pub(crate) struct Carried {
    pub assessment_id: AssessmentId,
    pub campaign_id: CampaignId,
    pub from: AgencyId,
    pub closed_reason: Option<String>,
}

/// What becomes of each undecided registration of `ending` in an open campaign, for a caller
/// who prepares reorganisations (else 403; preview and apply alike).
pub(crate) fn plan(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    ending: &[AgencyRow],
    successor: &AgencyRow,
) -> Result<Vec<Carried>, ApiError> {
    crate::reorganisations::access::check_preparer(caller)?;
    let ids: Vec<AgencyId> = ending.iter().map(|a| a.id.clone()).collect();
    let mut taken: Vec<CampaignId> = Vec::new();
    let mut plan = Vec::new();
    for (row, campaign) in queries::undecided_of(conn, &ids)? {
        let reason = closing_reason(conn, &campaign, successor, &taken)?;
        if reason.is_none() {
            taken.push(campaign.id.clone());
        }
        plan.push(Carried {
            assessment_id: row.id,
            campaign_id: row.campaign_id,
            from: row.agency_id,
            closed_reason: reason,
        });
    }
    Ok(plan)
}

fn closing_reason(
    conn: &mut AnyConnection,
    campaign: &CampaignRow,
    successor: &AgencyRow,
    taken: &[CampaignId],
) -> Result<Option<String>, ApiError> {
    if !campaign.participants()?.includes(successor) {
        return Ok(Some(format!(
            "the agency ended; its successor {} does not take part in the campaign",
            successor.code
        )));
    }
    let registered = queries::registered(conn, &campaign.id, &successor.id)?.is_some();
    if registered || taken.contains(&campaign.id) {
        return Ok(Some(format!(
            "the agency ended; its successor {} is registered in the campaign already",
            successor.code
        )));
    }
    Ok(None)
}

/// Carries out one entry of [`plan`] through the assessment's one write path: the
/// registration follows `successor`, or is closed for `closed_reason`.
pub(crate) fn carry(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &AssessmentId,
    (successor, closed_reason): (&AgencyId, Option<&str>),
    decision: &str,
) -> Result<(), ApiError> {
    let row = queries::find_visible(conn, id, &Scope::Province)?.ok_or(ApiError::NotFound)?;
    let from = row.agency_id.clone();
    let changes = match closed_reason {
        None => AssessmentChanges {
            agency_id: Some(successor.clone()),
            ..Default::default()
        },
        Some(reason) => AssessmentChanges {
            status: Some(AssessmentStatus::Closed),
            closed_reason: Some(Some(reason.to_owned())),
            ..Default::default()
        },
    };
    let event = serde_json::json!({"decision": decision, "from_agency_id": from,
        "agency_id": changes.agency_id, "closed_reason": closed_reason});
    let loaded = access::load_context(conn, row)?;
    access::save(
        conn,
        caller,
        loaded,
        changes,
        "assessment.reorganise",
        event,
    )?;
    Ok(())
}
