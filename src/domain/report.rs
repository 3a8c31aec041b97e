//! Reports (báo cáo): their workflow.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where a report stands.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum ReportStatus {
    /// Being written by the agency's staff; editable.
    Draft,
    /// Sent by the agency's manager; never edited again.
    Submitted,
    /// Accepted by a supervisor.
    Accepted,
    /// Sent back by a supervisor; revised as a new revision.
    Returned,
}

text_enum!(ReportStatus { Draft = "draft", Submitted = "submitted", Accepted = "accepted", Returned = "returned" });

/// A supervisor's decision on a submitted report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    Accept,
    Return,
}

/// The status after submitting, or why a report in `status` cannot be submitted.
pub fn submit(status: ReportStatus) -> Result<ReportStatus, String> {
    match status {
        ReportStatus::Draft => Ok(ReportStatus::Submitted),
        other => Err(format!(
            "a report that is {} cannot be submitted",
            other.as_str()
        )),
    }
}

/// The status after a review decision.
pub fn review(status: ReportStatus, decision: ReviewDecision) -> Result<ReportStatus, String> {
    match (status, decision) {
        (ReportStatus::Submitted, ReviewDecision::Accept) => Ok(ReportStatus::Accepted),
        (ReportStatus::Submitted, ReviewDecision::Return) => Ok(ReportStatus::Returned),
        (other, _) => Err(format!(
            "a report that is {} cannot be reviewed",
            other.as_str()
        )),
    }
}

/// Whether a report in `status` may be edited (only drafts) or revised (only returned ones).
pub fn check_editable(status: ReportStatus) -> Result<(), String> {
    match status {
        ReportStatus::Draft => Ok(()),
        other => Err(format!(
            "a report that is {} is not edited; a returned report is revised",
            other.as_str()
        )),
    }
}

pub fn check_revisable(status: ReportStatus) -> Result<(), String> {
    match status {
        ReportStatus::Returned => Ok(()),
        other => Err(format!(
            "only a returned report is revised; this one is {}",
            other.as_str()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_follows_the_design() {
        assert_eq!(submit(ReportStatus::Draft), Ok(ReportStatus::Submitted));
        assert!(submit(ReportStatus::Submitted).is_err());
        assert_eq!(
            review(ReportStatus::Submitted, ReviewDecision::Accept),
            Ok(ReportStatus::Accepted)
        );
        assert_eq!(
            review(ReportStatus::Submitted, ReviewDecision::Return),
            Ok(ReportStatus::Returned)
        );
        assert!(review(ReportStatus::Draft, ReviewDecision::Accept)
            .unwrap_err()
            .contains("draft"));
        assert!(check_editable(ReportStatus::Submitted).is_err());
        assert!(check_revisable(ReportStatus::Returned).is_ok());
        assert!(check_revisable(ReportStatus::Accepted).is_err());
    }

    #[test]
    fn statuses_serialise_as_stored() {
        for s in ReportStatus::ALL {
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
    }
}
