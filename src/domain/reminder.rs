//! Deadline reminders (nhắc hạn) published as events: when a task is due soon or overdue, and
//! when a submitted report or assessment has waited too long for review. Each is sent once per
//! record and threshold; follow-up tasks of recommendations are tasks and are reminded alike.

use chrono::{Duration, NaiveDate};

/// The reminder events, as the change feed and webhooks name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderEvent {
    /// `task.due_soon`: a threshold's days or fewer before `due_on`.
    TaskDueSoon,
    /// `task.overdue`: from the day after `due_on`, not completed.
    TaskOverdue,
    /// `report.review_pending`: submitted and not reviewed for the configured days.
    ReportReviewPending,
    /// `assessment.review_pending`: submitted (or under review) and not decided for the
    /// configured days.
    AssessmentReviewPending,
}

impl ReminderEvent {
    pub fn action(self) -> &'static str {
        match self {
            Self::TaskDueSoon => "task.due_soon",
            Self::TaskOverdue => "task.overdue",
            Self::ReportReviewPending => "report.review_pending",
            Self::AssessmentReviewPending => "assessment.review_pending",
        }
    }
}

/// How far back an overdue task is still announced after the service was down: older ones
/// were overdue before anyone could have been told, and announcing them all at once would
/// flood every receiver. Ours, not a rule of the administration.
pub const OVERDUE_CATCH_UP_DAYS: i64 = 30;

/// When reminders are due (`REMINDER_DUE_SOON_DAYS`, `REMINDER_REVIEW_DAYS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderRules {
    /// Days before a due date at which `task.due_soon` is sent, smallest first (default 1
    /// and 7).
    due_soon_days: Vec<i32>,
    /// Days a submitted report or assessment waits before `review_pending` (default 5).
    pub review_days: i32,
}

impl Default for ReminderRules {
    fn default() -> Self {
        Self {
            due_soon_days: vec![1, 7],
            review_days: 5,
        }
    }
}

impl ReminderRules {
    /// Thresholds as configured (`"7,1"`): 0 to 365 days each, at least one.
    pub fn new(due_soon: &str, review_days: i32) -> Result<Self, String> {
        let mut days = Vec::new();
        for part in due_soon.split(',').map(str::trim) {
            let d: i32 = part
                .parse()
                .map_err(|_| format!("{part:?} is not a number of days"))?;
            if !(0..=365).contains(&d) {
                return Err(format!("{d} is not between 0 and 365 days"));
            }
            days.push(d);
        }
        days.sort_unstable();
        days.dedup();
        if days.is_empty() {
            return Err("names no threshold".into());
        }
        if !(1..=365).contains(&review_days) {
            return Err("review days must be between 1 and 365".into());
        }
        Ok(Self {
            due_soon_days: days,
            review_days,
        })
    }

    /// The thresholds, smallest first: a task is reminded at the tightest threshold it has
    /// reached and not been reminded at, so one made due tomorrow gets one reminder, not two.
    pub fn due_soon_days(&self) -> &[i32] {
        &self.due_soon_days
    }
}

/// The due dates a threshold of `days` covers on `today`: from today to `days` ahead.
pub fn due_soon_window(today: NaiveDate, days: i32) -> (NaiveDate, NaiveDate) {
    (today, today + Duration::days(i64::from(days)))
}

/// The due dates whose tasks are overdue on `today` and still announced.
pub fn overdue_window(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (
        today - Duration::days(OVERDUE_CATCH_UP_DAYS),
        today - Duration::days(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_parsed_sorted_and_bounded() {
        let rules = ReminderRules::new("7, 1,7", 5).unwrap();
        assert_eq!(rules.due_soon_days(), [1, 7]);
        assert_eq!(ReminderRules::default(), rules);
        assert!(ReminderRules::new("", 5).is_err());
        assert!(ReminderRules::new("-1", 5).is_err());
        assert!(ReminderRules::new("400", 5).is_err());
        assert!(ReminderRules::new("7", 0).is_err());
    }

    #[test]
    fn windows_follow_the_day_after_rule() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(
            due_soon_window(today, 7),
            (today, NaiveDate::from_ymd_opt(2026, 12, 14).unwrap())
        );
        let (from, to) = overdue_window(today);
        assert_eq!(to, NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
        assert_eq!(from, NaiveDate::from_ymd_opt(2026, 11, 7).unwrap());
    }
}
