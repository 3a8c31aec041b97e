//! What applying a reorganisation does, computed the same way for its preview and for the
//! apply itself, so that the preview is exactly what happens.

use super::dto::{MovedAssessment, MovedTask, MovedUser, Renamed, ReorganisationPlan};
use super::model::ReorganisationRow;
use super::queries::WithSources;
use crate::agencies::access as agency_access;
use crate::agencies::model::AgencyRow;
use crate::agencies::names::{rename_by_reorganisation, Rename};
use crate::assessments::reorganise as assessment_reorganise;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::domain::ids::AgencyId;
use crate::domain::ids::TaskId;
use crate::domain::reorganisation::{AccountDisposition, ReorganisationStatus};
use crate::error::ApiError;
use crate::reports::access as report_access;
use crate::tasks::access as task_access;
use crate::users::access as user_access;

const UNKNOWN: &str = "no agency with this id";

/// The agencies a reorganisation ends and its successor, as they are now, when it can still
/// be applied: not applied yet, all of them active, and no active unit left under an agency that
/// ends (its units must be placed first).
pub(super) fn check_applicable(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    (row, sources): &WithSources,
) -> Result<(Vec<AgencyRow>, AgencyRow), ApiError> {
    if row.status == ReorganisationStatus::Applied {
        return Err(ApiError::Conflict(
            "the reorganisation is applied already".into(),
        ));
    }
    let successor = agency_access::named(
        conn,
        &caller.scope,
        row.successor_id.as_str(),
        "successor_id",
        UNKNOWN,
    )?;
    let ending = sources
        .iter()
        .map(|id| agency_access::named(conn, &caller.scope, id.as_str(), "agency_ids", UNKNOWN))
        .collect::<Result<Vec<_>, _>>()?;
    let sharing = row
        .shares()?
        .into_iter()
        .map(|s| {
            agency_access::named(
                conn,
                &caller.scope,
                s.successor_id.as_str(),
                "shares",
                UNKNOWN,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    let inactive = ending
        .iter()
        .chain([&successor])
        .chain(&sharing)
        .find(|a| !a.active);
    if let Some(ended) = inactive {
        return Err(ApiError::Conflict(format!(
            "{} is no longer active",
            ended.code
        )));
    }
    let units = match row.kind.ends_agencies() {
        true => agency_access::active_children_outside(conn, caller, sources)?,
        false => Vec::new(),
    };
    if let Some(unit) = units.first() {
        return Err(ApiError::Conflict(format!(
            "{} still has the active unit {}: move or end its units first",
            ending
                .iter()
                .find(|a| unit.parent_id.as_ref() == Some(&a.id))
                .map_or("an agency", |a| a.code.as_str()),
            unit.code
        )));
    }
    Ok((ending, successor))
}

/// The open tasks and accounts of the agencies that end, and where each goes; for a transfer,
/// the function's open tasks alone.
pub(super) fn plan(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    reorganisation: &WithSources,
) -> Result<ReorganisationPlan, ApiError> {
    let (ending, successor) = check_applicable(conn, caller, reorganisation)?;
    let (row, sources) = reorganisation;
    let to = row.successor_id.as_str().to_owned();
    let function = task_access::Function {
        directive_id: row.directive_id.clone(),
        task_ids: row.named_tasks()?,
    };
    // A rename moves no work: the agency keeps it under its new name.
    let holders = match row.kind.moves_work() {
        true => sources.as_slice(),
        false => &[],
    };
    let shares = row.shares()?;
    let work = task_access::open_work_to_reorganise(conn, caller, holders, &function)?;
    let ids: Vec<TaskId> = work.iter().map(|w| w.task_id.clone()).collect();
    let drafts = report_access::drafts_to_reorganise(conn, caller, &ids)?;
    let tasks = work
        .into_iter()
        .map(|w| MovedTask {
            to_agency_id: row.successor_of(&w.task_id, &shares).into_string(),
            report_drafts: drafts
                .iter()
                .filter(|(task, _)| *task == w.task_id)
                .map(|(_, report)| report.to_string())
                .collect(),
            task_id: w.task_id.into_string(),
            title: w.title,
            role: if w.leads { "lead" } else { "coordinator" }.to_owned(),
            from_agency_id: w.holder.into_string(),
            recommendation_id: w.recommendation_id,
        })
        .collect();
    let ends = row.kind.ends_agencies();
    let accounts = match ends {
        true => user_access::accounts_to_reorganise(conn, caller, sources)?,
        false => Vec::new(),
    };
    let users = accounts
        .into_iter()
        .map(|(user, username, from)| MovedUser {
            user_id: user.into_string(),
            username,
            action: row.accounts,
            from_agency_id: from.into_string(),
            to_agency_id: (row.accounts == AccountDisposition::Move).then(|| to.clone()),
        })
        .collect();
    let assessments = match ends {
        true => assessment_reorganise::plan(conn, caller, &ending, &successor)?,
        false => Vec::new(),
    };
    let assessments = assessments
        .into_iter()
        .map(|carried| MovedAssessment {
            assessment_id: carried.assessment_id.into_string(),
            campaign_id: carried.campaign_id.into_string(),
            from_agency_id: carried.from.into_string(),
            to_agency_id: carried.closed_reason.is_none().then(|| to.clone()),
            closed_reason: carried.closed_reason,
        })
        .collect();
    Ok(ReorganisationPlan {
        assessments,
        reorganisation_id: row.id.as_str().to_owned(),
        tasks,
        users,
        agencies_ending: match ends {
            true => sources.iter().map(|a| a.as_str().to_owned()).collect(),
            false => Vec::new(),
        },
        renamed: renamed(row, &ending),
    })
}

/// Carries out `plan` through each record's own write path, naming the decision.
pub(super) fn carry_out(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    reorganisation: &WithSources,
    plan: &ReorganisationPlan,
) -> Result<(), ApiError> {
    let (ending, successor) = check_applicable(conn, caller, reorganisation)?;
    let decision = reorganisation.0.decision_number.as_str();
    for task in &plan.tasks {
        let id = crate::domain::ids::TaskId::from_stored(task.task_id.clone());
        let from = AgencyId::from_stored(task.from_agency_id.clone());
        let to = AgencyId::from_stored(task.to_agency_id.clone());
        task_access::carry_to_successor(conn, caller, &id, (&from, &to), decision)?;
    }
    for moved in &plan.assessments {
        let id = crate::domain::ids::AssessmentId::from_stored(moved.assessment_id.clone());
        let outcome = (&successor.id, moved.closed_reason.as_deref());
        assessment_reorganise::carry(conn, caller, &id, outcome, decision)?;
    }
    for user in &plan.users {
        let id = crate::domain::ids::UserId::from_stored(user.user_id.clone());
        match user.action {
            AccountDisposition::Move => {
                user_access::move_to_successor(conn, caller, &id, &successor.id, decision)?;
            }
            AccountDisposition::Deactivate => {
                user_access::deactivate_by_reorganisation(conn, caller, &id, decision)?;
            }
        }
    }
    let effective_on = reorganisation.0.effective_on;
    let last_day = effective_on.pred_opt().unwrap_or(effective_on);
    for agency in ending
        .iter()
        .filter(|_| reorganisation.0.kind.ends_agencies())
    {
        agency_access::end_by_reorganisation(conn, caller, agency, (decision, last_day))?;
    }
    if let (Some(renamed), Some(agency)) = (&plan.renamed, ending.first()) {
        let rename = Rename {
            name: &renamed.name_after,
            short_name: renamed.short_name_after.as_deref(),
            decision,
            last_day_of_old_name: last_day,
            reorganisation_id: &reorganisation.0.id,
        };
        rename_by_reorganisation(conn, caller, agency, rename)?;
    }
    Ok(())
}

/// A rename's names before and after, read from the agency as it is now.
fn renamed(row: &ReorganisationRow, agencies: &[AgencyRow]) -> Option<Renamed> {
    let (agency, name) = (agencies.first()?, row.new_name.clone()?);
    Some(Renamed {
        agency_id: agency.id.as_str().to_owned(),
        name_before: agency.name.clone(),
        short_name_before: agency.short_name.clone(),
        name_after: name,
        short_name_after: row.new_short_name.clone(),
    })
}
