//! Tasks (nhiệm vụ): the status machine, deadline status in Vietnam's calendar and recurrence.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The longest unit of a target.
pub const UNIT_MAX: usize = 30;
/// The largest target value.
pub const TARGET_MAX: f64 = 1e12;

/// A numeric target (chỉ tiêu), e.g. 100 % of staff briefed or 7,900 recruits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    #[schema(minimum = 0, maximum = 1000000000000.0)]
    pub value: f64,
    /// E.g. `%`, `người`, `buổi`.
    #[schema(
        min_length = 1,
        max_length = 30,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub unit: String,
}

/// Checks a target: a finite value from 0 to [`TARGET_MAX`] and a non-blank unit; mistakes as
/// (field under the target, message).
pub fn check_target(target: Target) -> Result<Target, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    if !target.value.is_finite() || !(0.0..=TARGET_MAX).contains(&target.value) {
        errors.push(("value", "must be a number from 0 to 10^12".to_owned()));
    }
    let unit = crate::domain::values::Name::parse(&target.unit, UNIT_MAX)
        .map_err(|m| errors.push(("unit", m)));
    match unit {
        Ok(unit) if errors.is_empty() => Ok(Target {
            value: target.value,
            unit: unit.into_inner(),
        }),
        _ => Err(errors),
    }
}

/// Where a task stands in its workflow.
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
pub enum TaskStatus {
    /// Assigned, not started.
    Open,
    /// Đang thực hiện.
    InProgress,
    /// Reported done by the lead agency, awaiting review.
    Submitted,
    /// Hoàn thành.
    Completed,
    /// Sent back for more work.
    Returned,
    /// Hủy.
    Cancelled,
}

text_enum!(TaskStatus {
    Open = "open",
    InProgress = "in_progress",
    Submitted = "submitted",
    Completed = "completed",
    Returned = "returned",
    Cancelled = "cancelled",
});

impl TaskStatus {
    pub fn is_final(self) -> bool {
        matches!(self, TaskStatus::Completed | TaskStatus::Cancelled)
    }
}

/// A transition requested through `POST /tasks/{id}/{action}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskAction {
    Start,
    Submit,
    Complete,
    Return,
    Cancel,
}

impl TaskAction {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskAction::Start => "start",
            TaskAction::Submit => "submit",
            TaskAction::Complete => "complete",
            TaskAction::Return => "return",
            TaskAction::Cancel => "cancel",
        }
    }
}

/// The status after `action`, or why the action is not allowed from `status`.
pub fn transition(status: TaskStatus, action: TaskAction) -> Result<TaskStatus, String> {
    use TaskAction as A;
    use TaskStatus as S;
    let next = match (action, status) {
        (A::Start, S::Open | S::Returned) => S::InProgress,
        (A::Submit, S::InProgress) => S::Submitted,
        (A::Complete, S::Submitted) => S::Completed,
        (A::Return, S::Submitted) => S::Returned,
        (A::Cancel, s) if !s.is_final() => S::Cancelled,
        _ => {
            return Err(format!(
                "a task that is {} cannot {}",
                status.as_str(),
                action.as_str()
            ))
        }
    };
    Ok(next)
}

/// Đúng hạn / quá hạn / trong hạn: the government's task-tracking taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Completed on or before the due date.
    DoneOnTime,
    /// Completed after the due date.
    DoneLate,
    /// Not completed, due date not passed.
    OnTrack,
    /// Not completed, due date passed.
    Overdue,
}

text_enum!(DeadlineStatus { DoneOnTime = "done_on_time", DoneLate = "done_late", OnTrack = "on_track", Overdue = "overdue" });

/// Vietnam is UTC+7 all year (no daylight saving time).
pub const VIETNAM_OFFSET_HOURS: i64 = 7;

/// The calendar date in Asia/Ho_Chi_Minh at `now`.
pub fn vietnam_date(now: DateTime<Utc>) -> NaiveDate {
    (now + chrono::Duration::hours(VIETNAM_OFFSET_HOURS)).date_naive()
}

/// A cancelled task has no deadline status.
pub fn deadline_status(
    status: TaskStatus,
    due_on: NaiveDate,
    completed_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<DeadlineStatus> {
    match (status, completed_on) {
        (TaskStatus::Cancelled, _) => None,
        (_, Some(done)) if done <= due_on => Some(DeadlineStatus::DoneOnTime),
        (_, Some(_)) => Some(DeadlineStatus::DoneLate),
        (_, None) if today > due_on => Some(DeadlineStatus::Overdue),
        (_, None) => Some(DeadlineStatus::OnTrack),
    }
}

/// How often a task comes back (định kỳ).
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
pub enum Recurrence {
    None,
    Quarterly,
    HalfYearly,
    Yearly,
}

text_enum!(Recurrence { None = "none", Quarterly = "quarterly", HalfYearly = "half_yearly", Yearly = "yearly" });

impl Recurrence {
    fn months(self) -> Option<u32> {
        match self {
            Recurrence::None => None,
            Recurrence::Quarterly => Some(3),
            Recurrence::HalfYearly => Some(6),
            Recurrence::Yearly => Some(12),
        }
    }

    /// The dates of the next occurrence, or `None` when the task does not recur.
    pub fn next(
        self,
        start_on: Option<NaiveDate>,
        due_on: NaiveDate,
    ) -> Option<(Option<NaiveDate>, NaiveDate)> {
        let months = Months::new(self.months()?);
        let due = due_on.checked_add_months(months)?;
        Some((start_on.and_then(|s| s.checked_add_months(months)), due))
    }
}

/// How urgent a task is.
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
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

text_enum!(Priority { Low = "low", Normal = "normal", High = "high", Urgent = "urgent" });

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_workflow_follows_the_design() {
        use TaskAction as A;
        use TaskStatus as S;
        assert_eq!(transition(S::Open, A::Start), Ok(S::InProgress));
        assert_eq!(transition(S::InProgress, A::Submit), Ok(S::Submitted));
        assert_eq!(transition(S::Submitted, A::Complete), Ok(S::Completed));
        assert_eq!(transition(S::Submitted, A::Return), Ok(S::Returned));
        assert_eq!(transition(S::Returned, A::Start), Ok(S::InProgress));
        for s in [S::Open, S::InProgress, S::Submitted, S::Returned] {
            assert_eq!(transition(s, A::Cancel), Ok(S::Cancelled));
        }
        assert!(transition(S::Open, A::Submit).unwrap_err().contains("open"));
        assert!(transition(S::Completed, A::Cancel).is_err());
        assert!(transition(S::Cancelled, A::Start).is_err());
        assert!(transition(S::InProgress, A::Complete).is_err());
    }

    #[test]
    fn vietnam_midnight_turns_the_day() {
        // 16:59:59 UTC is 23:59:59 in Hanoi; one second later it is the next day there.
        let before = Utc.with_ymd_and_hms(2026, 3, 31, 16, 59, 59).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 3, 31, 17, 0, 0).unwrap();
        assert_eq!(vietnam_date(before), date(2026, 3, 31));
        assert_eq!(vietnam_date(after), date(2026, 4, 1));
        let due = date(2026, 3, 31);
        assert_eq!(
            deadline_status(TaskStatus::InProgress, due, None, vietnam_date(before)),
            Some(DeadlineStatus::OnTrack)
        );
        assert_eq!(
            deadline_status(TaskStatus::InProgress, due, None, vietnam_date(after)),
            Some(DeadlineStatus::Overdue)
        );
    }

    #[test]
    fn completion_date_decides_on_time_or_late() {
        let due = date(2026, 6, 30);
        let today = date(2026, 12, 1);
        assert_eq!(
            deadline_status(TaskStatus::Completed, due, Some(due), today),
            Some(DeadlineStatus::DoneOnTime)
        );
        assert_eq!(
            deadline_status(TaskStatus::Completed, due, Some(date(2026, 7, 1)), today),
            Some(DeadlineStatus::DoneLate)
        );
        assert_eq!(
            deadline_status(TaskStatus::Cancelled, due, None, today),
            None
        );
    }

    #[test]
    fn recurrences_move_both_dates() {
        let next = Recurrence::Quarterly.next(Some(date(2026, 1, 1)), date(2026, 3, 31));
        assert_eq!(next, Some((Some(date(2026, 4, 1)), date(2026, 6, 30))));
        assert_eq!(
            Recurrence::Yearly.next(None, date(2024, 2, 29)),
            Some((None, date(2025, 2, 28)))
        );
        assert_eq!(Recurrence::None.next(None, date(2026, 1, 1)), None);
    }

    #[test]
    fn names_match_serde() {
        for s in TaskStatus::ALL {
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
        for s in DeadlineStatus::ALL {
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
        for s in Recurrence::ALL {
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
        for s in Priority::ALL {
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
    }
}
