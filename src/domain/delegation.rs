//! Supervision and inspection delegations (đoàn giám sát, đoàn kiểm tra): their kinds, the
//! roles of members, the lifecycle, and the limits a decision forming one must respect. The
//! limits are data with their source (DESIGN section 10), defaults a province may change.

use chrono::{Datelike, NaiveDate};

use crate::domain::values::AgencyKind;

stored_enum!(
    /// What a delegation does.
    DelegationKind {
        /// Giám sát: a Party committee, HĐND or the Front watches how a subject carries out its duties.
        Supervision = "supervision",
        /// Kiểm tra / thanh tra: a check against the rules, with findings the subject must remedy.
        Inspection = "inspection",
        /// Khảo sát: a fact-finding visit.
        Survey = "survey",
    }
);

stored_enum!(
    /// A member's place in a delegation.
    MemberRole {
        /// Trưởng đoàn
        Head = "head",
        /// Phó trưởng đoàn
        Deputy = "deputy",
        /// Thành viên
        Member = "member",
        /// Thư ký
        Secretary = "secretary",
    }
);

stored_enum!(
    /// Where a delegation stands (a province's inspection system: in progress -> field work
    /// ended -> conclusion issued -> following up the conclusion).
    DelegationStatus {
        /// Formed by its decision; preparing the outline and notices.
        Preparing = "preparing",
        /// Working with its subjects.
        FieldWork = "field_work",
        /// Field work ended; drafting findings and conclusions.
        FieldWorkEnded = "field_work_ended",
        /// Conclusions issued; following up their recommendations.
        FollowingUp = "following_up",
        /// Closed: every recommendation done or cancelled, or by a closing decision.
        Closed = "closed",
    }
);

stored_enum!(
    /// The level of the body that forms a delegation (cấp), which sets how long its field work
    /// may last. Since the district level was abolished in 2025 there are three.
    DelegationLevel {
        /// Cấp Trung ương: a central body's delegation to the province.
        Central = "central",
        /// Cấp tỉnh: the province's bodies and departments.
        Province = "province",
        /// Cấp cơ sở: a commune's bodies.
        Grassroots = "grassroots",
    }
);

impl DelegationLevel {
    /// The level a delegation led by an agency of `kind` has unless its decision says
    /// otherwise: a commune leads at grassroots level, every other agency of the tree at
    /// province level (a central body is named outright).
    pub fn led_by(kind: AgencyKind) -> Self {
        match kind {
            AgencyKind::Commune => Self::Grassroots,
            _ => Self::Province,
        }
    }
}

impl DelegationStatus {
    /// A delegation grants its members access from its decision until it closes.
    pub fn is_active(self) -> bool {
        self != Self::Closed
    }
}

/// A step of the lifecycle a request takes (each its own POST).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelegationAction {
    StartFieldWork,
    EndFieldWork,
    /// A subject's conclusion was issued; the delegation follows up its recommendations.
    Conclude,
    Close,
}

impl DelegationAction {
    pub fn event(self) -> &'static str {
        match self {
            Self::StartFieldWork => "delegation.start_field_work",
            Self::EndFieldWork => "delegation.end_field_work",
            Self::Conclude => "delegation.conclude",
            Self::Close => "delegation.close",
        }
    }
}

/// The state `action` leads to from `from`, or `None` when it is refused there: field work
/// starts from `preparing` and ends from `field_work`; a conclusion is issued after the field
/// work (the first one moves the delegation to `following_up`); any delegation but a closed
/// one closes.
pub fn next_status(from: DelegationStatus, action: DelegationAction) -> Option<DelegationStatus> {
    use DelegationAction as A;
    use DelegationStatus as S;
    match (from, action) {
        (S::Preparing, A::StartFieldWork) => Some(S::FieldWork),
        (S::FieldWork, A::EndFieldWork) => Some(S::FieldWorkEnded),
        (S::FieldWorkEnded | S::FollowingUp, A::Conclude) => Some(S::FollowingUp),
        (S::Closed, A::Close) => None,
        (_, A::Close) => Some(S::Closed),
        _ => None,
    }
}

/// The limits a delegation's decision is checked against (`domain::time_limit`: field work and
/// review period).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DelegationLimits {
    /// The longest period under review, in years.
    pub review_years: i32,
    /// The longest field work, in days.
    pub field_work_days: i64,
}

/// The dates of a delegation's decision, in the order they must come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DelegationDates {
    pub decided_on: NaiveDate,
    pub review_from: NaiveDate,
    pub review_to: NaiveDate,
    pub field_work: Option<(NaiveDate, NaiveDate)>,
}

impl DelegationLimits {
    /// The limits once the field work was extended: by one third (Quyết định 331-QĐ/TW 2025:
    /// the field work may be extended by at most one third of its limit).
    pub fn extended(self) -> Self {
        Self {
            field_work_days: self.field_work_days + self.field_work_days / 3,
            ..self
        }
    }

    /// Field errors as (field, message): the review period in order and at most
    /// `review_years` long; field work after the decision, in order, and at most
    /// `field_work_days` long.
    pub fn check(&self, dates: &DelegationDates) -> Vec<(&'static str, String)> {
        let mut errors = Vec::new();
        if dates.review_from > dates.review_to {
            errors.push(("review_to", "must not come before review_from".to_owned()));
        } else if years_later(dates.review_from, self.review_years) < dates.review_to {
            errors.push((
                "review_to",
                format!(
                    "the period under review is at most {} years",
                    self.review_years
                ),
            ));
        }
        if let Some((from, to)) = dates.field_work {
            if from < dates.decided_on {
                errors.push((
                    "field_work_from",
                    "must not come before decided_on".to_owned(),
                ));
            }
            if from > to {
                errors.push((
                    "field_work_to",
                    "must not come before field_work_from".to_owned(),
                ));
            } else if (to - from).num_days() + 1 > self.field_work_days {
                errors.push((
                    "field_work_to",
                    format!("field work lasts at most {} days", self.field_work_days),
                ));
            }
        }
        errors
    }
}

/// The same day `years` later (28 February for 29 February).
fn years_later(date: NaiveDate, years: i32) -> NaiveDate {
    let year = date.year() + years;
    date.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
        .unwrap_or(date)
}

/// A subject's planned days of work: in order and inside the field work when it is set.
pub fn check_planned(
    planned: (NaiveDate, NaiveDate),
    field_work: Option<(NaiveDate, NaiveDate)>,
) -> Result<(), String> {
    if planned.0 > planned.1 {
        return Err("planned_to must not come before planned_from".into());
    }
    match field_work {
        Some((from, to)) if planned.0 < from || planned.1 > to => {
            Err(format!("must fall within the field work, {from} to {to}"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: DelegationLimits = DelegationLimits {
        review_years: 5,
        field_work_days: 45,
    };

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dates(
        review: (NaiveDate, NaiveDate),
        field: Option<(NaiveDate, NaiveDate)>,
    ) -> DelegationDates {
        DelegationDates {
            decided_on: d(2018, 7, 2),
            review_from: review.0,
            review_to: review.1,
            field_work: field,
        }
    }

    #[test]
    fn the_period_under_review_is_at_most_five_years() {
        let ok = dates((d(2013, 7, 1), d(2018, 6, 30)), None);
        assert!(LIMITS.check(&ok).is_empty());
        let exactly = dates((d(2013, 7, 1), d(2018, 7, 1)), None);
        assert!(LIMITS.check(&exactly).is_empty());
        let long = dates((d(2012, 1, 1), d(2018, 6, 30)), None);
        assert_eq!(LIMITS.check(&long)[0].0, "review_to");
        let reversed = dates((d(2018, 6, 30), d(2013, 7, 1)), None);
        assert_eq!(LIMITS.check(&reversed)[0].0, "review_to");
    }

    #[test]
    fn field_work_follows_the_decision_and_lasts_at_most_45_days() {
        let review = (d(2013, 7, 1), d(2018, 6, 30));
        let ok = dates(review, Some((d(2018, 7, 20), d(2018, 9, 2))));
        assert!(LIMITS.check(&ok).is_empty(), "45 days");
        let long = dates(review, Some((d(2018, 7, 20), d(2018, 9, 3))));
        assert_eq!(LIMITS.check(&long)[0].0, "field_work_to");
        let early = dates(review, Some((d(2018, 7, 1), d(2018, 7, 30))));
        assert_eq!(LIMITS.check(&early)[0].0, "field_work_from");
    }

    #[test]
    fn the_lifecycle_goes_forward_and_closes_once() {
        use DelegationAction as A;
        use DelegationStatus as S;
        assert_eq!(
            next_status(S::Preparing, A::StartFieldWork),
            Some(S::FieldWork)
        );
        assert_eq!(
            next_status(S::FieldWork, A::EndFieldWork),
            Some(S::FieldWorkEnded)
        );
        assert_eq!(next_status(S::Preparing, A::EndFieldWork), None);
        assert_eq!(next_status(S::FieldWork, A::StartFieldWork), None);
        assert_eq!(next_status(S::FollowingUp, A::Close), Some(S::Closed));
        let following = Some(S::FollowingUp);
        assert_eq!(next_status(S::FieldWorkEnded, A::Conclude), following);
        assert_eq!(next_status(S::FollowingUp, A::Conclude), following);
        assert_eq!(next_status(S::FieldWork, A::Conclude), None);
        assert_eq!(next_status(S::Closed, A::Close), None);
        assert_eq!(next_status(S::Closed, A::StartFieldWork), None);
    }

    #[test]
    fn planned_days_fall_within_the_field_work() {
        let field = Some((d(2018, 7, 20), d(2018, 8, 30)));
        assert!(check_planned((d(2018, 7, 24), d(2018, 7, 24)), field).is_ok());
        assert!(check_planned((d(2018, 7, 19), d(2018, 7, 24)), field).is_err());
        assert!(check_planned((d(2018, 7, 25), d(2018, 7, 24)), None).is_err());
        assert!(DelegationStatus::FollowingUp.is_active());
        assert!(!DelegationStatus::Closed.is_active());
    }
}
