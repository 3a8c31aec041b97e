//! The calendar tables; only `calendar::access` calls these.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{calendar_days, calendar_years};
use crate::db::{expect_updated, AnyConnection};
use crate::domain::calendar::{CalendarDay, DayKind};
use crate::domain::ids::UserId;
use crate::error::ApiError;

/// A maintained year's row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = calendar_years)]
pub(super) struct YearRow {
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = calendar_days)]
struct DayRow {
    day: NaiveDate,
    year: i32,
    kind: DayKind,
    name: String,
}

pub(super) fn year_row(conn: &mut AnyConnection, year: i32) -> Result<Option<YearRow>, ApiError> {
    Ok(calendar_years::table
        .find(year)
        .select(YearRow::as_select())
        .first(conn)
        .optional()?)
}

/// The listed days of the maintained years among `years`, in date order.
pub(super) fn days_of(
    conn: &mut AnyConnection,
    years: std::ops::RangeInclusive<i32>,
) -> Result<Vec<CalendarDay>, ApiError> {
    let rows: Vec<DayRow> = calendar_days::table
        .filter(calendar_days::year.between(*years.start(), *years.end()))
        .order(calendar_days::day)
        .select(DayRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| CalendarDay {
            date: row.day,
            kind: row.kind,
            name: row.name,
        })
        .collect())
}

/// The maintained years among `years`.
pub(super) fn maintained_years(
    conn: &mut AnyConnection,
    years: std::ops::RangeInclusive<i32>,
) -> Result<Vec<i32>, ApiError> {
    Ok(calendar_years::table
        .filter(calendar_years::year.between(*years.start(), *years.end()))
        .select(calendar_years::year)
        .load(conn)?)
}

/// Stores `year` at `version`: a new row when `read` is `None`, else only over the version
/// read (another writer in between is a lost race).
pub(super) fn store_year(
    conn: &mut AnyConnection,
    year: i32,
    read: Option<i32>,
    by: &UserId,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    let version = read.map_or(1, |v| v + 1);
    match read {
        None => {
            diesel::insert_into(calendar_years::table)
                .values((
                    calendar_years::year.eq(year),
                    calendar_years::version.eq(version),
                    calendar_years::updated_by.eq(by),
                    calendar_years::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        Some(read) => {
            let rows = diesel::update(
                calendar_years::table
                    .filter(calendar_years::year.eq(year))
                    .filter(calendar_years::version.eq(read)),
            )
            .set((
                calendar_years::version.eq(version),
                calendar_years::updated_by.eq(by),
                calendar_years::updated_at.eq(at),
            ))
            .execute(conn)?;
            expect_updated(rows, "calendar")?;
        }
    }
    Ok(())
}

/// Replaces the listed days of a stored year.
pub(super) fn replace_days(
    conn: &mut AnyConnection,
    year: i32,
    days: &[CalendarDay],
) -> Result<(), ApiError> {
    diesel::delete(calendar_days::table.filter(calendar_days::year.eq(year))).execute(conn)?;
    for day in days {
        diesel::insert_into(calendar_days::table)
            .values(DayRow {
                day: day.date,
                year,
                kind: day.kind,
                name: day.name.clone(),
            })
            .execute(conn)?;
    }
    Ok(())
}
