//! Registrations and assessments: their workflow and the campaign calendar.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::task::vietnam_date;

/// Whether a campaign still takes registrations and scores.
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
pub enum CampaignStatus {
    /// Registrations, scores and decisions are taken.
    Open,
    /// The year is over: nothing more is written.
    Closed,
}

text_enum!(CampaignStatus { Open = "open", Closed = "closed" });

/// Where an assessment stands.
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
pub enum AssessmentStatus {
    /// Registered (đã đăng ký); nothing scored yet.
    Registered,
    /// The agency is scoring itself (tự chấm điểm).
    SelfAssessing,
    /// Sent by the agency's manager; waiting for review.
    Submitted,
    /// A supervisor is scoring (thẩm định).
    UnderReview,
    /// Sent back to the agency for changes.
    Returned,
    /// Recognised or not, with the final rating (quyết định công nhận).
    Decided,
    /// Closed undecided: its agency ended in a reorganisation and the registration could not
    /// follow the successor (`closed_reason` says why).
    Closed,
}

text_enum!(AssessmentStatus {
    Registered = "registered",
    SelfAssessing = "self_assessing",
    Submitted = "submitted",
    UnderReview = "under_review",
    Returned = "returned",
    Decided = "decided",
    Closed = "closed",
});

/// Something done to an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessmentAction {
    SelfScore,
    Submit,
    ReviewScore,
    Return,
    Decide,
    Extend,
}

impl AssessmentAction {
    fn describe(self) -> &'static str {
        match self {
            AssessmentAction::SelfScore => "self-scored",
            AssessmentAction::Submit => "submitted",
            AssessmentAction::ReviewScore => "review-scored",
            AssessmentAction::Return => "returned",
            AssessmentAction::Decide => "decided",
            AssessmentAction::Extend => "given more time",
        }
    }
}

/// The status after `action`, or why an assessment in `status` does not take it.
pub fn transition(
    status: AssessmentStatus,
    action: AssessmentAction,
) -> Result<AssessmentStatus, String> {
    use AssessmentAction as A;
    use AssessmentStatus as S;
    let next = match (status, action) {
        (S::Registered | S::SelfAssessing | S::Returned, A::SelfScore) => S::SelfAssessing,
        (S::SelfAssessing | S::Returned, A::Submit) => S::Submitted,
        (S::Submitted | S::UnderReview, A::ReviewScore) => S::UnderReview,
        (S::Submitted | S::UnderReview, A::Return) => S::Returned,
        (S::Submitted | S::UnderReview, A::Decide) => S::Decided,
        (S::Registered | S::SelfAssessing | S::Returned, A::Extend) => status,
        (S::Registered, A::Submit) => {
            return Err("the assessment has no self-scores yet; score it before submitting".into())
        }
        _ => {
            return Err(format!(
                "an assessment that is {} cannot be {}",
                status.as_str(),
                action.describe()
            ))
        }
    };
    Ok(next)
}

/// A deadline is the whole day in Vietnam: it has passed from 00:00 the next day (UTC+7).
pub fn deadline_passed(deadline: NaiveDate, now: DateTime<Utc>) -> bool {
    vietnam_date(now) > deadline
}

/// The self-assessment deadline for one agency: the campaign's, or a later extension.
pub fn self_deadline(campaign: NaiveDate, extended_until: Option<NaiveDate>) -> NaiveDate {
    extended_until.map_or(campaign, |e| e.max(campaign))
}

/// A returned assessment is being corrected at the reviewer's request: the review deadline,
/// not the self-assessment one, bounds it.
pub fn scoring_deadline(
    status: AssessmentStatus,
    self_deadline: NaiveDate,
    review_deadline: NaiveDate,
) -> NaiveDate {
    if status == AssessmentStatus::Returned {
        review_deadline.max(self_deadline)
    } else {
        self_deadline
    }
}

/// The campaign calendar's defaults: registration by 31/03, self-assessment by 30/11, review by
/// 15/12 of the year (Thông tư 124/2021/TT-BCA).
pub fn default_deadlines(year: i32) -> Option<[NaiveDate; 3]> {
    Some([
        NaiveDate::from_ymd_opt(year, 3, 31)?,
        NaiveDate::from_ymd_opt(year, 11, 30)?,
        NaiveDate::from_ymd_opt(year, 12, 15)?,
    ])
}

/// `date` moved by whole years; 29 February becomes 28 February in a common year.
pub fn shift_years(date: NaiveDate, years: i32) -> Option<NaiveDate> {
    let year = date.year() + years;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), date.day() - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use AssessmentAction as A;
    use AssessmentStatus as S;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_happy_path() {
        let mut status = S::Registered;
        for action in [
            A::SelfScore,
            A::SelfScore,
            A::Submit,
            A::ReviewScore,
            A::Decide,
        ] {
            status = transition(status, action).unwrap();
        }
        assert_eq!(status, S::Decided);
    }

    #[test]
    fn returned_goes_back_to_self_assessing() {
        let returned = transition(S::UnderReview, A::Return).unwrap();
        assert_eq!(returned, S::Returned);
        assert_eq!(transition(returned, A::SelfScore), Ok(S::SelfAssessing));
        assert_eq!(transition(returned, A::Submit), Ok(S::Submitted));
    }

    #[test]
    fn refused_transitions() {
        assert!(transition(S::Registered, A::Submit).is_err());
        assert!(transition(S::Submitted, A::Submit).is_err());
        assert!(transition(S::Submitted, A::SelfScore).is_err());
        assert!(transition(S::SelfAssessing, A::ReviewScore).is_err());
        assert!(transition(S::SelfAssessing, A::Decide).is_err());
        assert!(transition(S::Returned, A::Return).is_err());
        assert!(transition(S::Submitted, A::Extend).is_err());
        for action in [
            A::SelfScore,
            A::Submit,
            A::ReviewScore,
            A::Return,
            A::Decide,
            A::Extend,
        ] {
            assert!(transition(S::Decided, action).is_err(), "{action:?}");
        }
    }

    #[test]
    fn deadlines_end_at_midnight_in_vietnam() {
        let deadline = date(2026, 11, 30);
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        // 30/11 23:59:59 in Hà Nội is 16:59:59 UTC.
        assert!(!deadline_passed(deadline, at("2026-11-30T16:59:59Z")));
        assert!(deadline_passed(deadline, at("2026-11-30T17:00:00Z")));
        // Early on 30/11 in Hà Nội is still 29/11 in UTC.
        assert!(!deadline_passed(deadline, at("2026-11-29T17:00:00Z")));
    }

    #[test]
    fn extensions_only_add_time() {
        let campaign = date(2026, 11, 30);
        assert_eq!(self_deadline(campaign, None), campaign);
        assert_eq!(
            self_deadline(campaign, Some(date(2026, 12, 5))),
            date(2026, 12, 5)
        );
        assert_eq!(self_deadline(campaign, Some(date(2026, 11, 1))), campaign);
    }

    #[test]
    fn returned_assessments_run_to_the_review_deadline() {
        let (own, review) = (date(2026, 11, 30), date(2026, 12, 15));
        assert_eq!(scoring_deadline(S::Returned, own, review), review);
        assert_eq!(scoring_deadline(S::SelfAssessing, own, review), own);
    }

    #[test]
    fn calendar_defaults_and_shifts() {
        assert_eq!(
            default_deadlines(2026),
            Some([date(2026, 3, 31), date(2026, 11, 30), date(2026, 12, 15)])
        );
        assert_eq!(shift_years(date(2024, 2, 29), 1), Some(date(2025, 2, 28)));
        assert_eq!(shift_years(date(2026, 3, 31), 1), Some(date(2027, 3, 31)));
    }
}
