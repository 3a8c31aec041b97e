//! Vietnam's working-day calendar (lịch ngày làm việc): weekends, public holidays and swapped
//! working days (ngày làm bù), and due dates counted in working days on it.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

stored_enum!(
    /// What a listed day is, against the rule that Monday to Friday are worked.
    DayKind {
        /// A weekday off: a public holiday (ngày nghỉ lễ, Tết) or a day off in lieu (nghỉ bù).
        DayOff = "day_off",
        /// A Saturday or Sunday worked in exchange for a day off (ngày làm bù).
        WorkingDay = "working_day",
    }
);

/// One listed day of a year's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

/// Saturdays and Sundays are the weekly rest days of state agencies (the 40-hour week of
/// Quyết định 188/1999/QĐ-TTg).
pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Checks that a listed day changes something: a day off on a weekday, a working day on a
/// weekend.
pub fn check_day(day: &CalendarDay) -> Result<(), String> {
    match (day.kind, is_weekend(day.date)) {
        (DayKind::DayOff, true) => Err("is a Saturday or Sunday, already a day off".into()),
        (DayKind::WorkingDay, false) => Err("is a weekday, already a working day".into()),
        _ => Ok(()),
    }
}

/// The days of one or more years that differ from the weekly rule.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    days_off: BTreeSet<NaiveDate>,
    working_days: BTreeSet<NaiveDate>,
}

/// The furthest a due date is counted, in working days either way (about two years).
pub const MAX_WORKING_DAYS: i32 = 500;

impl WorkingCalendar {
    pub fn new<'a>(days: impl IntoIterator<Item = &'a CalendarDay>) -> Self {
        let mut calendar = Self::default();
        for day in days {
            match day.kind {
                DayKind::DayOff => calendar.days_off.insert(day.date),
                DayKind::WorkingDay => calendar.working_days.insert(day.date),
            };
        }
        calendar
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.working_days.contains(&date) {
            return true;
        }
        !is_weekend(date) && !self.days_off.contains(&date)
    }

    /// The date `count` working days after `from` (before it when negative); `from` itself is
    /// not counted, so 5 working days from a Friday is the next Friday. Zero is `from`.
    pub fn add_working_days(&self, from: NaiveDate, count: i32) -> NaiveDate {
        let step = Duration::days(if count < 0 { -1 } else { 1 });
        let mut date = from;
        let mut left = count.unsigned_abs();
        while left > 0 {
            date += step;
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// The first working day on or after `date`: a time limit that ends on a day off ends on
    /// the next working day.
    pub fn on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let mut date = date;
        while !self.is_working_day(date) {
            date += Duration::days(1);
        }
        date
    }
}

/// Late flags: a step is late when it was done after its deadline, or is still not done once
/// the deadline has passed.
pub fn is_late(deadline: NaiveDate, done_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    match done_on {
        Some(done) => done > deadline,
        None => today > deadline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn tet_2026() -> WorkingCalendar {
        let days: Vec<CalendarDay> = (16..=20)
            .map(|day| CalendarDay {
                date: d(2026, 2, day),
                kind: DayKind::DayOff,
                name: "Tết Nguyên đán".into(),
            })
            .chain([CalendarDay {
                date: d(2026, 2, 28),
                kind: DayKind::WorkingDay,
                name: "Làm bù".into(),
            }])
            .collect();
        WorkingCalendar::new(&days)
    }

    #[test]
    fn working_days_skip_weekends_and_start_after_the_given_day() {
        let calendar = WorkingCalendar::default();
        // Friday 2026-12-04: five working days later is Friday 2026-12-11.
        assert_eq!(
            calendar.add_working_days(d(2026, 12, 4), 5),
            d(2026, 12, 11)
        );
        // From a Saturday, the first working day counted is Monday.
        assert_eq!(calendar.add_working_days(d(2026, 12, 5), 1), d(2026, 12, 7));
        assert_eq!(calendar.add_working_days(d(2026, 12, 5), 0), d(2026, 12, 5));
        // Counting back: 5 working days before Monday 2026-12-14 is Monday 2026-12-07.
        assert_eq!(
            calendar.add_working_days(d(2026, 12, 14), -5),
            d(2026, 12, 7)
        );
    }

    #[test]
    fn tet_and_swapped_days_move_due_dates() {
        let calendar = tet_2026();
        // Friday 13/02/2026, then Tết from Monday 16 to Friday 20: the first working day is 23/02.
        assert_eq!(calendar.add_working_days(d(2026, 2, 13), 1), d(2026, 2, 23));
        assert!(calendar.is_working_day(d(2026, 2, 28)));
        assert!(!calendar.is_working_day(d(2026, 2, 18)));
        // 23, 24, 25, 26, 27, then Saturday 28 worked in lieu: 6 working days end on the 28th.
        assert_eq!(calendar.add_working_days(d(2026, 2, 20), 6), d(2026, 2, 28));
        assert_eq!(calendar.on_or_after(d(2026, 2, 15)), d(2026, 2, 23));
    }

    #[test]
    fn a_listed_day_must_change_the_weekly_rule() {
        let day = |date, kind| CalendarDay {
            date,
            kind,
            name: "x".into(),
        };
        assert!(check_day(&day(d(2026, 4, 30), DayKind::DayOff)).is_ok());
        assert!(check_day(&day(d(2026, 4, 26), DayKind::DayOff)).is_err());
        assert!(check_day(&day(d(2026, 2, 28), DayKind::WorkingDay)).is_ok());
        assert!(check_day(&day(d(2026, 2, 27), DayKind::WorkingDay)).is_err());
    }

    #[test]
    fn late_means_after_the_deadline_or_still_undone() {
        let deadline = d(2026, 11, 30);
        assert!(!is_late(deadline, Some(deadline), d(2026, 12, 20)));
        assert!(is_late(deadline, Some(d(2026, 12, 1)), d(2026, 12, 20)));
        assert!(!is_late(deadline, None, deadline));
        assert!(is_late(deadline, None, d(2026, 12, 1)));
    }
}
