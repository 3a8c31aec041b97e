//! SQL of periodic reviews; only `reviews::access` calls it.

use diesel::prelude::*;

use super::model::{ReviewChanges, ReviewRow};
use crate::agencies::queries::path_within;
use crate::db::schema::{agencies, reviews};
use crate::db::{expect_updated, AnyConnection};
use crate::domain::ids::ReviewId;
use crate::domain::review::ReviewKind;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// The review with the path of its agency (`None` for a review of the province).
pub(super) fn find(
    conn: &mut AnyConnection,
    id: &ReviewId,
) -> Result<Option<(ReviewRow, Option<String>)>, ApiError> {
    Ok(reviews::table
        .left_join(agencies::table.on(agencies::id.nullable().eq(reviews::agency_id)))
        .filter(reviews::id.eq(id))
        .select((ReviewRow::as_select(), agencies::path.nullable()))
        .first(conn)
        .optional()?)
}

pub(super) fn insert(conn: &mut AnyConnection, row: &ReviewRow) -> Result<(), ApiError> {
    diesel::insert_into(reviews::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub(super) fn update(
    conn: &mut AnyConnection,
    id: &ReviewId,
    read_version: i32,
    changes: &ReviewChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        reviews::table
            .filter(reviews::id.eq(id))
            .filter(reviews::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    expect_updated(rows, "review")
}

/// List filters, already parsed.
#[derive(Debug, Default)]
pub(crate) struct ReviewFilter {
    pub kind: Option<ReviewKind>,
    pub period: Option<String>,
}

/// A page of reviews, oldest first; `root` keeps those of agencies inside an agency user's
/// subtree (and leaves out the province's).
pub(super) fn list(
    conn: &mut AnyConnection,
    root: Option<&str>,
    filter: ReviewFilter,
    page: &PageRequest,
) -> Result<Vec<ReviewRow>, ApiError> {
    let mut query = reviews::table.select(ReviewRow::as_select()).into_boxed();
    if let Some(root) = root {
        let in_subtree = agencies::table
            .filter(path_within(root))
            .select(agencies::id.nullable());
        query = query.filter(reviews::agency_id.eq_any(in_subtree));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(reviews::kind.eq(kind));
    }
    if let Some(period) = filter.period {
        query = query.filter(reviews::period.eq(period));
    }
    if let Some(after) = &page.after {
        query = query.filter(reviews::id.gt(after.clone()));
    }
    Ok(query
        .order(reviews::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}
