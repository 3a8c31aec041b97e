//! SQL of supervision plans; only `supervision_plans::access` calls it.

use diesel::prelude::*;

use super::model::{PlanChanges, PlanRow};
use crate::agencies::queries::path_within;
use crate::db::schema::{agencies, supervision_plans};
use crate::db::{expect_updated, AnyConnection};
use crate::domain::ids::{AgencyId, PlanId};
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// The plan with the path of its body.
pub(super) fn find(
    conn: &mut AnyConnection,
    id: &PlanId,
) -> Result<Option<(PlanRow, String)>, ApiError> {
    Ok(supervision_plans::table
        .inner_join(agencies::table)
        .filter(supervision_plans::id.eq(id))
        .select((PlanRow::as_select(), agencies::path))
        .first(conn)
        .optional()?)
}

pub(super) fn exists_for(
    conn: &mut AnyConnection,
    body: &AgencyId,
    year: i32,
) -> Result<bool, ApiError> {
    let count: i64 = supervision_plans::table
        .filter(supervision_plans::body_agency_id.eq(body))
        .filter(supervision_plans::year.eq(year))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

pub(super) fn insert(conn: &mut AnyConnection, row: &PlanRow) -> Result<(), ApiError> {
    diesel::insert_into(supervision_plans::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub(super) fn update(
    conn: &mut AnyConnection,
    id: &PlanId,
    read_version: i32,
    changes: &PlanChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        supervision_plans::table
            .filter(supervision_plans::id.eq(id))
            .filter(supervision_plans::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    expect_updated(rows, "plan")
}

/// List filters, already parsed.
#[derive(Debug, Default)]
pub(crate) struct PlanFilter {
    pub year: Option<i32>,
    pub body_agency_id: Option<AgencyId>,
}

/// A page of plans; `root` limits them to bodies inside an agency user's subtree.
pub(super) fn list(
    conn: &mut AnyConnection,
    root: Option<&str>,
    filter: PlanFilter,
    page: &PageRequest,
) -> Result<Vec<PlanRow>, ApiError> {
    let mut query = supervision_plans::table
        .select(PlanRow::as_select())
        .into_boxed();
    if let Some(root) = root {
        let in_subtree = agencies::table
            .filter(path_within(root))
            .select(agencies::id);
        query = query.filter(supervision_plans::body_agency_id.eq_any(in_subtree));
    }
    if let Some(year) = filter.year {
        query = query.filter(supervision_plans::year.eq(year));
    }
    if let Some(body) = filter.body_agency_id {
        query = query.filter(supervision_plans::body_agency_id.eq(body));
    }
    if let Some(after) = &page.after {
        query = query.filter(supervision_plans::id.gt(after.clone()));
    }
    Ok(query
        .order(supervision_plans::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}
