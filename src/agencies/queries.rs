//! Agency queries, every one filtered by the caller's scope in SQL.

use diesel::prelude::*;

use super::model::{AgencyChanges, AgencyRow};
use crate::auth::Scope;
use crate::db::schema::{agencies, users};
use crate::db::AnyConnection;
use crate::domain::agency_tree::subtree_bounds;
use crate::domain::ids::AgencyId;
use crate::domain::search_key::like_pattern;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// Paths inside a subtree as an index range (`LIKE 'p%'` uses no index on either backend).
pub(crate) type PathWithin = diesel::dsl::And<
    diesel::dsl::GtEq<agencies::path, String>,
    diesel::dsl::Lt<agencies::path, String>,
>;

/// Agencies whose path lies in the subtree rooted at `root` (the root included).
pub(crate) fn path_within(root: &str) -> PathWithin {
    let (low, high) = subtree_bounds(root);
    agencies::path.ge(low).and(agencies::path.lt(high))
}

/// The agency with `id` if it lies inside `scope`.
pub(super) fn find_in_scope(
    conn: &mut AnyConnection,
    id: &str,
    scope: &Scope,
) -> Result<Option<AgencyRow>, ApiError> {
    let mut query = agencies::table
        .filter(agencies::id.eq(id))
        .select(AgencyRow::as_select())
        .into_boxed();
    if let Some(root) = scope.subtree() {
        query = query.filter(crate::agencies::queries::path_within(root));
    }
    Ok(query.first(conn).optional()?)
}

/// Every agency inside `scope`, in tree order (parents before their children). Unpaged: for
/// views with one row per agency, such as a campaign overview.
pub(super) fn all_in_scope(
    conn: &mut AnyConnection,
    scope: &Scope,
) -> Result<Vec<AgencyRow>, ApiError> {
    let mut query = agencies::table.select(AgencyRow::as_select()).into_boxed();
    if let Some(root) = scope.subtree() {
        query = query.filter(crate::agencies::queries::path_within(root));
    }
    Ok(query.order(agencies::path.asc()).load(conn)?)
}

/// List filters, already parsed.
#[derive(Debug, Default, Clone)]
pub(crate) struct AgencyFilter {
    pub parent_id: Option<AgencyId>,
    pub kind: Option<String>,
    pub active: Option<bool>,
    pub q: Option<String>,
}

pub(super) fn list(
    conn: &mut AnyConnection,
    scope: &Scope,
    filter: AgencyFilter,
    page: &PageRequest,
) -> Result<Vec<AgencyRow>, ApiError> {
    let mut query = agencies::table.select(AgencyRow::as_select()).into_boxed();
    if let Some(root) = scope.subtree() {
        query = query.filter(crate::agencies::queries::path_within(root));
    }
    if let Some(parent_id) = filter.parent_id {
        query = query.filter(agencies::parent_id.eq(parent_id));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(agencies::kind.eq(kind));
    }
    if let Some(active) = filter.active {
        query = query.filter(agencies::active.eq(active));
    }
    if let Some(q) = filter.q {
        query = query.filter(agencies::search_key.like(like_pattern(&q)).escape('\\'));
    }
    if let Some(after) = &page.after {
        query = query.filter(agencies::id.gt(after.clone()));
    }
    Ok(query
        .order(agencies::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}

pub(super) fn code_taken(
    conn: &mut AnyConnection,
    code: &str,
    except_id: Option<&str>,
) -> Result<bool, ApiError> {
    let mut query = agencies::table
        .filter(agencies::code.eq(code))
        .select(agencies::id)
        .into_boxed();
    if let Some(id) = except_id {
        query = query.filter(agencies::id.ne(id.to_owned()));
    }
    Ok(query.first::<String>(conn).optional()?.is_some())
}

pub(super) fn insert(conn: &mut AnyConnection, row: &AgencyRow) -> Result<(), ApiError> {
    diesel::insert_into(agencies::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Applies `changes` if the row still has the version it was read at (see
/// `db::expect_updated`).
pub(super) fn update(
    conn: &mut AnyConnection,
    id: &AgencyId,
    read_version: i32,
    changes: &AgencyChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        agencies::table
            .filter(agencies::id.eq(id))
            .filter(agencies::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    crate::db::expect_updated(rows, "agency")
}

/// Moves every descendant of an agency whose path changed from `old_path` to `new_path`.
pub(super) fn rebase_descendants(
    conn: &mut AnyConnection,
    old_path: &str,
    new_path: &str,
) -> Result<(), ApiError> {
    let descendants: Vec<(String, String)> = agencies::table
        .filter(agencies::path.like(format!("{old_path}%")))
        .filter(agencies::path.ne(old_path.to_owned()))
        .select((agencies::id, agencies::path))
        .load(conn)?;
    for (id, path) in descendants {
        if let Some(rebased) = crate::domain::agency_tree::rebase(&path, old_path, new_path) {
            diesel::update(agencies::table.filter(agencies::id.eq(id)))
                .set(agencies::path.eq(rebased))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Whether anything still hangs off the agency: child agencies or user accounts.
pub(super) fn dependants(conn: &mut AnyConnection, id: &AgencyId) -> Result<(i64, i64), ApiError> {
    let children = agencies::table
        .filter(agencies::parent_id.eq(id))
        .count()
        .get_result(conn)?;
    let members = users::table
        .filter(users::agency_id.eq(id))
        .count()
        .get_result(conn)?;
    Ok((children, members))
}

pub(super) fn delete(conn: &mut AnyConnection, id: &AgencyId) -> Result<(), ApiError> {
    diesel::delete(agencies::table.filter(agencies::id.eq(id))).execute(conn)?;
    Ok(())
}

pub(crate) fn find_by_code(
    conn: &mut AnyConnection,
    code: &str,
) -> Result<Option<AgencyRow>, ApiError> {
    Ok(agencies::table
        .filter(agencies::code.eq(code))
        .select(AgencyRow::as_select())
        .first(conn)
        .optional()?)
}

/// The materialised path of a known agency (a row that references it exists, so it must).
pub(crate) fn path_of(conn: &mut AnyConnection, id: &AgencyId) -> Result<String, ApiError> {
    Ok(agencies::table
        .filter(agencies::id.eq(id))
        .select(agencies::path)
        .first(conn)?)
}

/// The name of a known agency (a row that references it exists, so it must).
pub(crate) fn name_of(conn: &mut AnyConnection, id: &AgencyId) -> Result<String, ApiError> {
    Ok(agencies::table
        .filter(agencies::id.eq(id))
        .select(agencies::name)
        .first(conn)?)
}

/// Active agencies whose parent is one of `parents` but which are not among them.
pub(crate) fn active_children_outside(
    conn: &mut AnyConnection,
    parents: &[AgencyId],
) -> Result<Vec<AgencyRow>, ApiError> {
    Ok(agencies::table
        .filter(agencies::parent_id.eq_any(parents))
        .filter(agencies::id.ne_all(parents))
        .filter(agencies::active.eq(true))
        .select(AgencyRow::as_select())
        .load(conn)?)
}

/// The paths of the agencies `ids`, by id.
pub(super) fn paths_of(
    conn: &mut AnyConnection,
    ids: &[&str],
) -> Result<std::collections::HashMap<String, String>, ApiError> {
    let rows: Vec<(String, String)> = agencies::table
        .filter(agencies::id.eq_any(ids))
        .select((agencies::id, agencies::path))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

pub(super) fn ids_within(conn: &mut AnyConnection, root: &str) -> Result<Vec<AgencyId>, ApiError> {
    Ok(crate::native!(conn, |c| agencies::table
        .filter(path_within(root))
        .select(agencies::id)
        .load(c))?)
}
