//! Framework queries. Drafts are hidden from roles that do not see them (see `rules`).

use diesel::prelude::*;

use super::model::{FrameworkChanges, FrameworkRow};
use crate::db::schema::frameworks;
use crate::db::AnyConnection;
use crate::domain::framework::FrameworkStatus;
use crate::domain::ids::FrameworkId;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

pub(crate) fn find(
    conn: &mut AnyConnection,
    id: &FrameworkId,
) -> Result<Option<FrameworkRow>, ApiError> {
    Ok(frameworks::table
        .filter(frameworks::id.eq(id))
        .select(FrameworkRow::as_select())
        .first(conn)
        .optional()?)
}

/// The framework with `id`, unless it is a draft and the caller does not see drafts.
pub(super) fn find_visible(
    conn: &mut AnyConnection,
    id: &FrameworkId,
    sees_drafts: bool,
) -> Result<Option<FrameworkRow>, ApiError> {
    Ok(find(conn, id)?.filter(|row| sees_drafts || row.status == FrameworkStatus::Published))
}

/// List filters, already parsed.
#[derive(Debug, Default, Clone)]
pub(crate) struct FrameworkFilter {
    pub code: Option<String>,
    pub status: Option<FrameworkStatus>,
    pub published_only: bool,
}

pub(super) fn list(
    conn: &mut AnyConnection,
    filter: FrameworkFilter,
    page: &PageRequest,
) -> Result<Vec<FrameworkRow>, ApiError> {
    let mut query = frameworks::table
        .select(FrameworkRow::as_select())
        .into_boxed();
    if let Some(code) = filter.code {
        query = query.filter(frameworks::code.eq(code));
    }
    if let Some(status) = filter.status {
        query = query.filter(frameworks::status.eq(status.as_str()));
    }
    if filter.published_only {
        query = query.filter(frameworks::status.eq(FrameworkStatus::Published.as_str()));
    }
    if let Some(after) = &page.after {
        query = query.filter(frameworks::id.gt(after.clone()));
    }
    Ok(query
        .order(frameworks::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}

/// The highest version number of `code`, if any version exists.
pub(crate) fn latest_version(
    conn: &mut AnyConnection,
    code: &str,
) -> Result<Option<i32>, ApiError> {
    Ok(frameworks::table
        .filter(frameworks::code.eq(code))
        .select(diesel::dsl::max(frameworks::version))
        .first::<Option<i32>>(conn)?)
}

/// The draft version of `code`, if one is being edited.
pub(crate) fn draft_of(
    conn: &mut AnyConnection,
    code: &str,
) -> Result<Option<FrameworkRow>, ApiError> {
    Ok(frameworks::table
        .filter(frameworks::code.eq(code))
        .filter(frameworks::status.eq(FrameworkStatus::Draft.as_str()))
        .select(FrameworkRow::as_select())
        .first(conn)
        .optional()?)
}

pub(super) fn insert(conn: &mut AnyConnection, row: &FrameworkRow) -> Result<(), ApiError> {
    diesel::insert_into(frameworks::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Applies `changes` if the row still has the revision it was read at (see
/// `db::expect_updated`).
pub(crate) fn update(
    conn: &mut AnyConnection,
    id: &FrameworkId,
    read_revision: i32,
    changes: &FrameworkChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        frameworks::table
            .filter(frameworks::id.eq(id))
            .filter(frameworks::revision.eq(read_revision)),
    )
    .set(changes)
    .execute(conn)?;
    crate::db::expect_updated(rows, "framework")
}
