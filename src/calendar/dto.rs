//! The calendar's JSON shapes.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::access::CalendarYear;
use crate::domain::calendar::{check_day, CalendarDay, DayKind, WorkingCalendar};
use crate::domain::holidays;
use crate::domain::values::Name;
use crate::error::{ApiError, FieldErrors};

/// Most days a year may list.
pub const DAYS_MAX: usize = 60;
/// Longest name of a listed day.
pub const DAY_NAME_MAX: usize = 200;

/// A day that differs from "Monday to Friday are worked".
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarDayDto {
    /// The day (`YYYY-MM-DD`), in the calendar's year.
    pub date: NaiveDate,
    /// `day_off` for a weekday off (holiday, Tết, day in lieu), `working_day` for a Saturday or
    /// Sunday worked in exchange (ngày làm bù).
    pub kind: DayKind,
    /// What the day is, e.g. "Tết Nguyên đán (mùng 1)".
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub name: String,
}

/// One year's working-day calendar (lịch ngày làm việc).
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarYearDto {
    pub year: i32,
    /// Whether an admin maintains this year; otherwise it shows the built-in defaults (the
    /// holidays of Bộ luật Lao động 2019 art. 112, with days in lieu for those on a weekend).
    pub maintained: bool,
    /// Whether the defaults include Tết and the Hùng Kings' day for this year (they come from
    /// a table of lunar dates); when false, an admin must enter them.
    pub lunar_holidays_known: bool,
    /// The year's version, also its `ETag`; 0 while it uses the defaults.
    pub version: i32,
    pub updated_at: Option<DateTime<Utc>>,
    /// How many days of the year are worked.
    pub working_day_count: u32,
    /// The listed days in date order.
    pub days: Vec<CalendarDayDto>,
}

impl From<CalendarYear> for CalendarYearDto {
    fn from(year: CalendarYear) -> Self {
        let calendar = WorkingCalendar::new(&year.days);
        let working_day_count = (1..=366)
            .filter_map(|n| NaiveDate::from_yo_opt(year.year, n))
            .filter(|d| calendar.is_working_day(*d))
            .count() as u32;
        Self {
            year: year.year,
            maintained: year.maintained(),
            lunar_holidays_known: year.maintained() || holidays::knows_lunar_holidays(year.year),
            version: year.version,
            updated_at: year.updated_at.map(|t| t.and_utc()),
            working_day_count,
            days: year
                .days
                .into_iter()
                .map(|d| CalendarDayDto {
                    date: d.date,
                    kind: d.kind,
                    name: d.name,
                })
                .collect(),
        }
    }
}

/// The whole list of a year's days off and swapped working days; it replaces the current one.
/// Start from `GET` (the defaults) and add the Prime Minister's announcement for the year.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutCalendarYear {
    /// Up to 60 days, each in the year and listed once.
    #[schema(max_items = 60)]
    pub days: Vec<CalendarDayDto>,
}

impl PutCalendarYear {
    /// The checked days in date order, or 422 naming each bad entry (`days[3].date`).
    pub fn parse(self, year: i32) -> Result<Vec<CalendarDay>, ApiError> {
        if self.days.len() > DAYS_MAX {
            return Err(ApiError::field(
                "days",
                format!("must list at most {DAYS_MAX} days"),
            ));
        }
        let mut errors = FieldErrors::default();
        let mut days: Vec<CalendarDay> = Vec::with_capacity(self.days.len());
        for (i, input) in self.days.into_iter().enumerate() {
            let field = |name: &str| format!("days[{i}].{name}");
            let name = errors.take(&field("name"), Name::parse(&input.name, DAY_NAME_MAX));
            let date = input.date;
            if date.year() != year {
                errors.add(&field("date"), format!("must fall in {year}"));
            } else if days.iter().any(|d| d.date == date) {
                errors.add(&field("date"), "is listed twice");
            }
            let day = CalendarDay {
                date,
                kind: input.kind,
                name: name.map(Name::into_inner).unwrap_or_default(),
            };
            if let Err(message) = check_day(&day) {
                errors.add(&field("kind"), format!("{date} {message}"));
            }
            days.push(day);
        }
        errors.finish()?;
        days.sort_by_key(|d| d.date);
        Ok(days)
    }
}

/// A due date to count.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DueDateQuery {
    /// The day the time limit starts from (`YYYY-MM-DD`); it is not counted itself.
    pub from: NaiveDate,
    /// Working days after `from`, or before it when negative (-500 to 500).
    #[param(minimum = -500, maximum = 500)]
    pub working_days: i32,
}

/// A due date counted on the working-day calendar.
#[derive(Debug, Serialize, ToSchema)]
pub struct DueDateDto {
    pub from: NaiveDate,
    pub working_days: i32,
    /// The day the time limit ends.
    pub due_on: NaiveDate,
}
