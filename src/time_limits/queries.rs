//! SQL of the province's time limits; only `time_limits::access` calls it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::time_limits;
use crate::db::{expect_updated, AnyConnection};
use crate::domain::ids::UserId;
use crate::domain::time_limit::TimeLimitCode;
use crate::error::ApiError;

/// A time limit the province set.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = time_limits)]
pub(super) struct TimeLimitRow {
    pub code: TimeLimitCode,
    pub count: i32,
    pub source: String,
    pub version: i32,
    pub updated_by: UserId,
    pub updated_at: NaiveDateTime,
}

pub(super) fn all(conn: &mut AnyConnection) -> Result<Vec<TimeLimitRow>, ApiError> {
    Ok(time_limits::table
        .select(TimeLimitRow::as_select())
        .load(conn)?)
}

/// Stores `row` over version `read` (0: the default, no row yet).
pub(super) fn store(
    conn: &mut AnyConnection,
    row: &TimeLimitRow,
    read: i32,
) -> Result<(), ApiError> {
    if read == 0 {
        diesel::insert_into(time_limits::table)
            .values(row)
            .execute(conn)?;
        return Ok(());
    }
    let rows = diesel::update(
        time_limits::table
            .filter(time_limits::code.eq(row.code))
            .filter(time_limits::version.eq(read)),
    )
    .set((
        time_limits::count.eq(row.count),
        time_limits::source.eq(&row.source),
        time_limits::version.eq(row.version),
        time_limits::updated_by.eq(&row.updated_by),
        time_limits::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    expect_updated(rows, "time limit")
}
