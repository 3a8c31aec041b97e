//! SQL of API clients; only `api_clients::access` calls it.

use diesel::prelude::*;

use super::model::{ApiClientChanges, ApiClientRow};
use crate::agencies::queries::path_within;
use crate::db::schema::{agencies, api_clients};
use crate::db::{expect_updated, AnyConnection};
use crate::domain::ids::ApiClientId;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// The client with the path of its agency (none for a province client).
pub(super) fn find(
    conn: &mut AnyConnection,
    id: &ApiClientId,
) -> Result<Option<(ApiClientRow, Option<String>)>, ApiError> {
    Ok(api_clients::table
        .left_join(agencies::table)
        .filter(api_clients::id.eq(id))
        .select((ApiClientRow::as_select(), agencies::path.nullable()))
        .first(conn)
        .optional()?)
}

pub(super) fn insert(conn: &mut AnyConnection, row: &ApiClientRow) -> Result<(), ApiError> {
    diesel::insert_into(api_clients::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub(super) fn update(
    conn: &mut AnyConnection,
    id: &ApiClientId,
    read_version: i32,
    changes: &ApiClientChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        api_clients::table
            .filter(api_clients::id.eq(id))
            .filter(api_clients::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    expect_updated(rows, "API client")
}

/// Records a token issued to the client, outside its versioned changes: using a client is not
/// changing it.
pub(super) fn touch(
    conn: &mut AnyConnection,
    id: &ApiClientId,
    at: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(api_clients::table.filter(api_clients::id.eq(id)))
        .set(api_clients::last_used_at.eq(at))
        .execute(conn)?;
    Ok(())
}

/// A page of clients; `root` limits them to agencies inside an agency manager's subtree.
pub(super) fn list(
    conn: &mut AnyConnection,
    root: Option<&str>,
    page: &PageRequest,
) -> Result<Vec<ApiClientRow>, ApiError> {
    let mut query = api_clients::table
        .select(ApiClientRow::as_select())
        .into_boxed();
    if let Some(root) = root {
        let in_subtree = agencies::table
            .filter(path_within(root))
            .select(agencies::id.nullable());
        query = query.filter(api_clients::agency_id.eq_any(in_subtree));
    }
    if let Some(after) = &page.after {
        query = query.filter(api_clients::id.gt(after.clone()));
    }
    Ok(query
        .order(api_clients::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}
