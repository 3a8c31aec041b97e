//! The only door to the calendar. The calendar is province-wide reference data, the same for
//! every caller, so reads need no scope; only admins change it. Other resources count their
//! time limits on [`working_calendar`].

use chrono::{Datelike, NaiveDate, NaiveDateTime, Utc};
use serde_json::json;

use super::queries;
use crate::audit;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::domain::calendar::{CalendarDay, WorkingCalendar, MAX_WORKING_DAYS};
use crate::domain::holidays;
use crate::domain::permissions::administration;
use crate::error::ApiError;

/// The years a calendar is kept for; another year is "not found".
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// One year's calendar as it applies now: maintained by an admin, or the built-in defaults.
#[derive(Debug, Clone)]
pub struct CalendarYear {
    pub year: i32,
    /// 0 while the year uses the defaults.
    pub version: i32,
    pub updated_at: Option<NaiveDateTime>,
    pub days: Vec<CalendarDay>,
}

impl CalendarYear {
    pub fn maintained(&self) -> bool {
        self.version > 0
    }
}

/// The year if a calendar is kept for it, else 404.
pub fn known_year(year: i32) -> Result<i32, ApiError> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(ApiError::NotFound)
    }
}

/// The calendar of `year`, for any caller.
pub fn year(conn: &mut AnyConnection, year: i32) -> Result<CalendarYear, ApiError> {
    let year = known_year(year)?;
    Ok(match queries::year_row(conn, year)? {
        Some(row) => CalendarYear {
            year,
            version: row.version,
            updated_at: Some(row.updated_at),
            days: queries::days_of(conn, year..=year)?,
        },
        None => CalendarYear {
            year,
            version: 0,
            updated_at: None,
            days: holidays::default_days(year),
        },
    })
}

/// The calendar that due dates from `from` up to [`MAX_WORKING_DAYS`] either way are
/// counted on: the maintained years as stored, the others by default.
pub fn working_calendar(
    conn: &mut AnyConnection,
    from: NaiveDate,
) -> Result<WorkingCalendar, ApiError> {
    let reach = MAX_WORKING_DAYS / 200 + 1;
    // Years outside `YEARS` are never maintained: they count on their defaults.
    let years = (from.year() - reach)..=(from.year() + reach);
    let maintained = queries::maintained_years(conn, years.clone())?;
    let mut days = queries::days_of(conn, years.clone())?;
    for year in years.filter(|y| !maintained.contains(y)) {
        days.extend(holidays::default_days(year));
    }
    Ok(WorkingCalendar::new(&days))
}

/// Replaces the listed days of `year` (checked with `domain::calendar::check_day`), only over
/// the version `expected` when given; admins only.
pub fn replace(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    year: i32,
    expected: Option<i32>,
    days: Vec<CalendarDay>,
) -> Result<CalendarYear, ApiError> {
    ApiError::forbidden_unless(administration::maintains_calendar(caller))?;
    let current = self::year(conn, year)?;
    crate::http::etag::check(expected, current.version)?;
    let read = current.maintained().then_some(current.version);
    queries::store_year(conn, year, read, &caller.id, Utc::now().naive_utc())?;
    queries::replace_days(conn, year, &days)?;
    let listed: Vec<_> = days
        .iter()
        .map(|d| json!({"date": d.date, "kind": d.kind, "name": d.name}))
        .collect();
    audit::record(
        conn,
        &caller.actor(),
        "calendar.update",
        "calendar",
        &year.to_string(),
        json!({ "days": listed }),
    )?;
    self::year(conn, year)
}
