//! What evidence is attached to (a report, an assessment, a subject's report to a delegation or
//! the minutes of a working session) and who may see and change it.

use super::dto::EvidenceRow;
use crate::assessments::access::for_action as assessment_for_action;
use crate::assessments::access::load_visible as load_assessment;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::delegations::access as delegation_access;
use crate::domain::assessment::{transition, AssessmentAction};
use crate::domain::ids::{AgencyId, AssessmentId, DelegationId, ReportId, SessionId};
use crate::domain::permissions::reports::ReportAction;
use crate::domain::report::check_editable;
use crate::error::ApiError;
use crate::reports::access::for_action as report_for_action;
use crate::reports::access::load as load_report;
use crate::subject_reports::access as subject_reports;

/// The record a file is evidence for, with its typed id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Report(ReportId),
    Assessment(AssessmentId),
    /// A subject's report to a delegation, by its delegation and subject.
    SubjectReport(DelegationId, AgencyId),
    /// A working session with a subject (its minutes, biên bản), through its delegation.
    Session(DelegationId, AgencyId, SessionId),
}

impl Owner {
    /// The stored `owner_type`.
    pub fn kind(&self) -> &'static str {
        match self {
            Owner::Report(_) => "report",
            Owner::Assessment(_) => "assessment",
            Owner::SubjectReport(..) => "delegation_report",
            Owner::Session(..) => "delegation_session",
        }
    }

    /// The stored `owner_id`: a child of a delegation names its path of ids.
    pub fn id(&self) -> String {
        match self {
            Owner::Report(id) => id.to_string(),
            Owner::Assessment(id) => id.to_string(),
            Owner::SubjectReport(d, a) => format!("{d}/{a}"),
            Owner::Session(d, a, s) => format!("{d}/{a}/{s}"),
        }
    }

    /// The owner an evidence row names.
    pub fn of_row(row: &EvidenceRow) -> Result<Self, ApiError> {
        let id = row.owner_id.clone();
        let parts: Vec<&str> = id.split('/').collect();
        match (row.owner_type.as_str(), parts.as_slice()) {
            ("report", _) => Ok(Owner::Report(ReportId::from_stored(id))),
            ("assessment", _) => Ok(Owner::Assessment(AssessmentId::from_stored(id))),
            ("delegation_report", [d, a]) => Ok(Owner::SubjectReport(
                DelegationId::from_stored((*d).to_owned()),
                AgencyId::from_stored((*a).to_owned()),
            )),
            ("delegation_session", [d, a, s]) => Ok(Owner::Session(
                DelegationId::from_stored((*d).to_owned()),
                AgencyId::from_stored((*a).to_owned()),
                SessionId::from_stored((*s).to_owned()),
            )),
            (other, _) => Err(ApiError::internal(format!(
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
        Owner::SubjectReport(d, a) => subject_reports::load(conn, user, d, a).map(|_| ()),
        Owner::Session(d, a, s) => delegation_access::session(conn, user, d, a, s).map(|_| ()),
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
    let only_assessments = || {
        Err(ApiError::field(
            "criterion_code",
            "applies only to assessment evidence",
        ))
    };
    match owner {
        Owner::Report(id) => {
            let (report, _, _) = report_for_action(conn, user, id, ReportAction::Draft)?;
            if criterion_code.is_some() {
                return only_assessments();
            }
            check_editable(report.status).map_err(ApiError::Conflict)
        }
        Owner::SubjectReport(d, a) => {
            let reached = subject_reports::for_drafting(conn, user, d, a)?;
            if reached.report.is_none() {
                return Err(ApiError::Conflict(
                    "draft the report before its evidence".into(),
                ));
            }
            criterion_code.map_or(Ok(()), |_| only_assessments())
        }
        Owner::Session(d, a, s) => {
            let (visible, _) = delegation_access::session(conn, user, d, a, s)?;
            delegation_access::check_writes_work(&visible)?;
            delegation_access::check_open(&visible)?;
            criterion_code.map_or(Ok(()), |_| only_assessments())
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
