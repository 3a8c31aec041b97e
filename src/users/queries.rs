//! User queries, filtered by the caller's scope in SQL through the user's agency path.

use diesel::prelude::*;

use super::model::{Account, UserChanges, UserRow};
use crate::auth::Scope;
use crate::db::schema::{agencies, users};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::search_key::like_pattern;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// A user with the path of its agency, for building its scope.
pub(crate) fn find_account(
    conn: &mut AnyConnection,
    id: &UserId,
) -> Result<Option<(Account, Option<String>)>, ApiError> {
    Ok(crate::native!(conn, |c| users::table
        .left_join(agencies::table)
        .filter(users::id.eq(id))
        .select((Account::as_select(), agencies::path.nullable()))
        .first(c)
        .optional())?)
}

pub(crate) fn find_by_username(
    conn: &mut AnyConnection,
    username: &str,
) -> Result<Option<UserRow>, ApiError> {
    Ok(users::table
        .filter(users::username.eq(username))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

/// The user with `id` if its agency lies inside `scope`.
pub(super) fn find_in_scope(
    conn: &mut AnyConnection,
    id: &UserId,
    scope: &Scope,
) -> Result<Option<UserRow>, ApiError> {
    let mut query = users::table
        .left_join(agencies::table)
        .filter(users::id.eq(id))
        .select(UserRow::as_select())
        .into_boxed();
    if let Some(root) = scope.subtree() {
        query = query.filter(crate::agencies::queries::path_within(root));
    }
    Ok(query.first(conn).optional()?)
}

/// List filters, already parsed.
#[derive(Debug, Default, Clone)]
pub(crate) struct UserFilter {
    pub agency_id: Option<AgencyId>,
    pub role: Option<String>,
    pub active: Option<bool>,
    pub q: Option<String>,
}

pub(super) fn list(
    conn: &mut AnyConnection,
    scope: &Scope,
    filter: UserFilter,
    page: &PageRequest,
) -> Result<Vec<UserRow>, ApiError> {
    let mut query = users::table
        .left_join(agencies::table)
        .select(UserRow::as_select())
        .into_boxed();
    if let Some(root) = scope.subtree() {
        query = query.filter(crate::agencies::queries::path_within(root));
    }
    if let Some(agency_id) = filter.agency_id {
        query = query.filter(users::agency_id.eq(agency_id));
    }
    if let Some(role) = filter.role {
        query = query.filter(users::role.eq(role));
    }
    if let Some(active) = filter.active {
        query = query.filter(users::active.eq(active));
    }
    if let Some(q) = filter.q {
        query = query.filter(users::search_key.like(like_pattern(&q)).escape('\\'));
    }
    if let Some(after) = &page.after {
        query = query.filter(users::id.gt(after.clone()));
    }
    Ok(query
        .order(users::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}

pub(super) fn insert(conn: &mut AnyConnection, row: &UserRow) -> Result<(), ApiError> {
    diesel::insert_into(users::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Applies `changes` if the row still has the version it was read at (see
/// `db::expect_updated`).
pub(crate) fn update(
    conn: &mut AnyConnection,
    id: &UserId,
    read_version: i32,
    changes: &UserChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        users::table
            .filter(users::id.eq(id))
            .filter(users::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    crate::db::expect_updated(rows, "user")
}

pub(crate) fn count(conn: &mut AnyConnection) -> Result<i64, ApiError> {
    Ok(users::table.count().get_result(conn)?)
}

/// The accounts of `agencies` (id, username, agency), for a reorganisation.
pub(crate) fn of_agencies(
    conn: &mut AnyConnection,
    agencies: &[AgencyId],
) -> Result<Vec<(UserId, String, AgencyId)>, ApiError> {
    let rows: Vec<(UserId, String, Option<AgencyId>)> = users::table
        .filter(users::agency_id.eq_any(agencies))
        .select((users::id, users::username, users::agency_id))
        .order(users::id)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, agency)| agency.map(|a| (id, name, a)))
        .collect())
}
