//! Reports (báo cáo): their workflow and the shape of a reporting period.

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

/// The JSON Schema pattern equivalent to [`parse_period`].
pub const PERIOD_PATTERN: &str = "^[0-9]{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$";

/// A reporting period: a year (`2022`), a half (`2023-H1`), a quarter (`2023-Q2`) or a month
/// (`2023-05`).
pub fn parse_period(raw: &str) -> Result<String, String> {
    const SHAPE: &str =
        "must be a year (2022), a half (2023-H1), a quarter (2023-Q2) or a month (2023-05)";
    let (year, part) = raw
        .split_once('-')
        .map_or((raw, None), |(y, p)| (y, Some(p)));
    let year_ok = year.len() == 4 && year.chars().all(|c| c.is_ascii_digit());
    let part_ok = match part {
        None => true,
        Some("H1" | "H2" | "Q1" | "Q2" | "Q3" | "Q4") => true,
        Some(month) => {
            month.len() == 2 && month.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        }
    };
    if year_ok && part_ok {
        Ok(raw.to_owned())
    } else {
        Err(SHAPE.into())
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
    fn periods() {
        for ok in [
            "2022", "2023-H1", "2023-H2", "2023-Q4", "2023-05", "2023-12",
        ] {
            assert!(parse_period(ok).is_ok(), "{ok}");
        }
        for bad in [
            "22", "2023-H3", "2023-Q5", "2023-13", "2023-00", "2023-5", "2023/05", "2023-",
        ] {
            assert!(parse_period(bad).is_err(), "{bad}");
        }
        for s in ReportStatus::ALL {
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
    }
}
