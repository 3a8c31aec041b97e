//! What evidence is attached to (a report or an assessment) and who may see and change it.

use crate::assessments::access::for_action as assessment_for_action;
use crate::assessments::access::load_visible as load_assessment;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::domain::assessment::{transition, AssessmentAction};
use crate::domain::ids::ReportId;
use crate::domain::permissions::reports::ReportAction;
use crate::domain::report::check_editable;
use crate::error::ApiError;
use crate::reports::access::for_action as report_for_action;
use crate::reports::access::load as load_report;

/// The record a file is evidence for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Report,
    Assessment,
}

impl Owner {
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Report => "report",
            Owner::Assessment => "assessment",
        }
    }

    pub fn parse(text: &str) -> Result<Self, ApiError> {
        match text {
            "report" => Ok(Owner::Report),
            "assessment" => Ok(Owner::Assessment),
            other => Err(ApiError::internal(format!(
                "unknown evidence owner {other:?}"
            ))),
        }
    }
}

/// Fails with 404 unless the caller sees the owner.
/// An owner id that names a report (an evidence row's stored owner, or a report's path id).
fn report_id(id: &str) -> ReportId {
    ReportId::from_stored(id.to_owned())
}

pub fn check_visible(
    conn: &mut AnyConnection,
    user: &AuthUser,
    owner: Owner,
    id: &str,
) -> Result<(), ApiError> {
    match owner {
        Owner::Report => load_report(conn, user, &report_id(id)).map(|_| ()),
        Owner::Assessment => load_assessment(conn, user, id).map(|_| ()),
    }
}

/// Fails unless the caller may add or remove the owner's evidence now: a draft report of the
/// caller's agency, or an assessment its agency is still scoring (before its deadline). A
/// criterion named for assessment evidence must be one of its framework's.
pub fn check_changeable(
    conn: &mut AnyConnection,
    user: &AuthUser,
    owner: Owner,
    id: &str,
    criterion_code: Option<&str>,
) -> Result<(), ApiError> {
    match owner {
        Owner::Report => {
            let (report, _, _) =
                report_for_action(conn, user, &report_id(id), ReportAction::Draft)?;
            if criterion_code.is_some() {
                return Err(ApiError::field(
                    "criterion_code",
                    "applies only to assessment evidence",
                ));
            }
            check_editable(report.status).map_err(ApiError::Conflict)
        }
        Owner::Assessment => {
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
