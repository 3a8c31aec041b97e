//! The time limits of supervision (thời hạn), as data with their source (DESIGN section 10):
//! each has a default here with the text it comes from; a province changes the count with the
//! source of its own rule (`time_limits`), because these rules changed in 2025-2026 and will
//! change again.

use std::ops::RangeInclusive;

use chrono::{Duration, NaiveDate};

use crate::domain::calendar::WorkingCalendar;
use crate::domain::delegation::{DelegationLevel, DelegationLimits};
use crate::domain::period::{Granularity, Period};

stored_enum!(
    /// Which time limit.
    TimeLimitCode {
        /// The subject's report is due this many working days before its first planned day
        /// of work.
        SubjectReportLead = "subject_report_lead",
        /// A supplementary report is due this many days after the delegation asked for it.
        Supplement = "supplement",
        /// The members report their results this many days after the field work ends.
        MembersResults = "members_results",
        /// The draft conclusions are due this many days after the members' results.
        DraftConclusion = "draft_conclusion",
        /// The subject comments on a draft it was sent within this many working days.
        Comments = "comments",
        /// The conclusion is signed within this many days of the draft being sent.
        ConclusionSigning = "conclusion_signing",
        /// The subject issues its implementation plan within this many days of the conclusion.
        ImplementationPlan = "implementation_plan",
        /// A province-level delegation's field work lasts at most this many days (the code
        /// is the one used before limits were set per level).
        FieldWork = "field_work",
        /// A central delegation's field work lasts at most this many days.
        FieldWorkCentral = "field_work_central",
        /// A grassroots (commune) delegation's field work lasts at most this many days.
        FieldWorkGrassroots = "field_work_grassroots",
        /// A delegation reviews at most this many years back.
        ReviewPeriod = "review_period",
        /// Periodic reports cut their data on this day of each month: a month's data run from
        /// the day after it in the previous month (a day past a month's end is its last day,
        /// so 31 gives calendar months).
        PeriodCutoff = "period_cutoff",
    }
);

stored_enum!(
    /// What a time limit counts.
    LimitUnit {
        Days = "days",
        /// Days other than Saturdays, Sundays and the calendar's days off.
        WorkingDays = "working_days",
        Years = "years",
        /// A day of the month.
        DayOfMonth = "day_of_month",
    }
);

/// One time limit: how many of its unit, and the rule it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeLimit {
    pub code: TimeLimitCode,
    pub count: i32,
    pub source: String,
}

/// The default of a time limit, with the source it comes from.
#[derive(Debug, Clone, Copy)]
pub struct LimitDefault {
    pub unit: LimitUnit,
    pub count: i32,
    pub source: &'static str,
}

impl TimeLimitCode {
    /// The default of this limit and its source.
    pub fn default_rule(self) -> LimitDefault {
        use LimitUnit::{DayOfMonth, Days, WorkingDays, Years};
        let (unit, count, source) = match self {
            Self::SubjectReportLead => (WorkingDays, 5, "No legal source sets it: the product's own default (DESIGN section 10)"),
            Self::Supplement => (Days, 5, "A province's HĐND practice (Lào Cai): a supplementary report within 5 days"),
            Self::MembersResults => (Days, 5, "A province's HĐND practice (Lào Cai): members report within 5 days after the field work"),
            Self::DraftConclusion => (Days, 7, "A province's HĐND practice (Lào Cai): the draft result report within 7 days"),
            Self::Comments => (WorkingDays, 5, "Luật Thanh tra 2025, art. 34: within 5 working days"),
            Self::ConclusionSigning => (Days, 15, "Luật Thanh tra 2025, art. 36: signed within 15 days of the draft"),
            Self::ImplementationPlan => (Days, 15, "Luật Thanh tra 2025, chapter 6: an implementation directive within 15 days of the conclusion"),
            Self::FieldWork => (Days, 45, "Quyết định 331-QĐ/TW 2025: at most 45 days at province level"),
            Self::FieldWorkCentral => (Days, 60, "Quyết định 331-QĐ/TW 2025: at most 60 days at central level"),
            Self::FieldWorkGrassroots => (Days, 20, "Quyết định 331-QĐ/TW 2025: at most 20 days at grassroots level"),
            Self::ReviewPeriod => (Years, 5, "Quyết định 331-QĐ/TW 2025: the last 5 years at most"),
            Self::PeriodCutoff => (DayOfMonth, 14, "Nghị định 09/2019/NĐ-CP, art. 12: data from the 15th of the previous month to the 14th"),
        };
        LimitDefault {
            unit,
            count,
            source,
        }
    }

    pub fn unit(self) -> LimitUnit {
        self.default_rule().unit
    }
}

/// The counts a limit in `unit` may take.
pub fn count_bounds(unit: LimitUnit) -> RangeInclusive<i32> {
    match unit {
        LimitUnit::Days => 1..=365,
        LimitUnit::WorkingDays => 1..=250,
        LimitUnit::Years => 1..=10,
        LimitUnit::DayOfMonth => 1..=31,
    }
}

/// The time limits in force: the province's own where it set one, the defaults elsewhere.
#[derive(Debug, Clone)]
pub struct TimeLimits(Vec<TimeLimit>);

impl TimeLimits {
    /// `set` over the defaults.
    pub fn new(set: Vec<TimeLimit>) -> Self {
        let all = TimeLimitCode::ALL
            .iter()
            .map(|&code| {
                set.iter()
                    .find(|l| l.code == code)
                    .cloned()
                    .unwrap_or_else(|| TimeLimit {
                        code,
                        count: code.default_rule().count,
                        source: code.default_rule().source.to_owned(),
                    })
            })
            .collect();
        Self(all)
    }

    pub fn all(&self) -> &[TimeLimit] {
        &self.0
    }

    pub fn count(&self, code: TimeLimitCode) -> i32 {
        self.0
            .iter()
            .find(|l| l.code == code)
            .map_or(code.default_rule().count, |l| l.count)
    }

    /// The day `code` falls due counted from `from` (on `calendar` for working days).
    pub fn due(
        &self,
        code: TimeLimitCode,
        from: NaiveDate,
        calendar: &WorkingCalendar,
    ) -> NaiveDate {
        let count = self.count(code);
        match code.unit() {
            LimitUnit::WorkingDays => calendar.add_working_days(from, count),
            LimitUnit::Days => from + Duration::days(count.into()),
            LimitUnit::Years => from
                .checked_add_months(chrono::Months::new(12 * count.unsigned_abs()))
                .unwrap_or(from),
            LimitUnit::DayOfMonth => {
                let month = Period::containing(from, Granularity::Month, count.unsigned_abs());
                month.dates(count.unsigned_abs()).1
            }
        }
    }

    /// The day of each month on which periodic reports cut their data.
    pub fn period_cutoff(&self) -> u32 {
        self.count(TimeLimitCode::PeriodCutoff).unsigned_abs()
    }

    /// The day `code` falls due counted from `from`, for a limit counted in days.
    pub fn due_in_days(&self, code: TimeLimitCode, from: NaiveDate) -> NaiveDate {
        from + Duration::days(self.count(code).into())
    }

    /// The limits the decision of a delegation at `level` is checked against.
    pub fn delegation(&self, level: DelegationLevel) -> DelegationLimits {
        let field_work = match level {
            DelegationLevel::Central => TimeLimitCode::FieldWorkCentral,
            DelegationLevel::Province => TimeLimitCode::FieldWork,
            DelegationLevel::Grassroots => TimeLimitCode::FieldWorkGrassroots,
        };
        DelegationLimits {
            review_years: self.count(TimeLimitCode::ReviewPeriod),
            field_work_days: self.count(field_work).into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_province_rule_replaces_the_default_of_its_limit_only() {
        let defaults = TimeLimits::new(Vec::new());
        assert_eq!(defaults.all().len(), TimeLimitCode::ALL.len());
        assert_eq!(
            defaults
                .delegation(DelegationLevel::Province)
                .field_work_days,
            45
        );
        assert_eq!(
            defaults
                .delegation(DelegationLevel::Central)
                .field_work_days,
            60
        );
        assert_eq!(
            defaults
                .delegation(DelegationLevel::Grassroots)
                .field_work_days,
            20
        );
        let set = TimeLimits::new(vec![TimeLimit {
            code: TimeLimitCode::FieldWork,
            count: 30,
            source: "Quyết định 12/QĐ-UBND".into(),
        }]);
        let province = set.delegation(DelegationLevel::Province);
        assert_eq!((province.field_work_days, province.review_years), (30, 5));
        assert_eq!(set.delegation(DelegationLevel::Central).field_work_days, 60);
        let d = NaiveDate::from_ymd_opt(2018, 8, 31).unwrap();
        let plan = set.due_in_days(TimeLimitCode::ImplementationPlan, d);
        assert_eq!(plan, NaiveDate::from_ymd_opt(2018, 9, 15).unwrap());
        assert!(count_bounds(LimitUnit::Years).contains(&5));
        assert_eq!(TimeLimitCode::Comments.unit(), LimitUnit::WorkingDays);
    }
}
