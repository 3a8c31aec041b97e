//! What evidence is attached to (a report or an assessment) and who may see and change it.

use super::dto::EvidenceRow;
use crate::assessments::access::for_action as assessment_for_action;
use crate::assessments::access::load_visible as load_assessment;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::domain::assessment::{transition, AssessmentAction};
use crate::domain::ids::{AssessmentId, ReportId};
use crate::domain::permissions::reports::ReportAction;
use crate::domain::report::check_editable;
use crate::error::ApiError;
use crate::reports::access::for_action as report_for_action;
use crate::reports::access::load as load_report;

/// The record a file is evidence for, with its typed id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Report(ReportId),
    Assessment(AssessmentId),
}

impl Owner {
    /// The stored `owner_type`.
    pub fn kind(&self) -> &'static str {
        match self {
            Owner::Report(_) => "report",
            Owner::Assessment(_) => "assessment",
        }
    }

    /// The stored `owner_id`.
    pub fn id(&self) -> &str {
        match self {
            Owner::Report(id) => id.as_str(),
            Owner::Assessment(id) => id.as_str(),
        }
    }

    /// The owner an evidence row names.
    pub fn of_row(row: &EvidenceRow) -> Result<Self, ApiError> {
        let id = row.owner_id.clone();
        match row.owner_type.as_str() {
            "report" => Ok(Owner::Report(ReportId::from_stored(id))),
            "assessment" => Ok(Owner::Assessment(AssessmentId::from_stored(id))),
            other => Err(ApiError::internal(format!(
                "unknown evidence owner {other:?}"
            ))),
        }
    }
}

/// Fails with 404 unless the caller sees the owner.
pub fn check_visible(
    conn: &mut AnyConnection,
    user: &AuthUser,
    owner: &Owner,
) -> Result<(), ApiError> {
    match owner {
        Owner::Report(id) => load_report(conn, user, id).map(|_| ()),
        Owner::Assessment(id) => load_assessment(conn, user, id).map(|_| ()),
    }
}

/// Fails unless the caller may add or remove the owner's evidence now: a draft report of the
/// caller's agency, or an assessment its agency is still scoring (before its deadline). A
/// criterion named for assessment evidence must be one of its framework's.
pub fn check_changeable(
    conn: &mut AnyConnection,
    user: &AuthUser,
    owner: &Owner,
    criterion_code: Option<&str>,
) -> Result<(), ApiError> {
    match owner {
        Owner::Report(id) => {
            let (report, _, _) = report_for_action(conn, user, id, ReportAction::Draft)?;
            if criterion_code.is_some() {
                return Err(ApiError::field(
                    "criterion_code",
                    "applies only to assessment evidence",
                ));
            }
            check_editable(report.status).map_err(ApiError::Conflict)
        }
        Owner::Assessment(id) => {
            let loaded = assessment_for_action(conn, user, id, AssessmentAction::SelfScore)?;
            if criterion_code.is_some_and(|c| loaded.scheme.criterion(c).is_none()) {
                return Err(ApiError::field(
                    "criterion_code",
                    "names no criterion of this framework",
                ));
            }
            loaded.campaign.check_open()?;
            transition(loaded.row.status, AssessmentAction::SelfScore)
                .map_err(ApiError::Conflict)?;
            loaded.check_scoring_open()
        }
    }
}
