//! Reorganisation queries: private to the module; handlers go through `access`.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::model::{ReorganisationChanges, ReorganisationRow};
use crate::db::schema::{reorganisation_sources, reorganisations};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, ReorganisationId};
use crate::domain::reorganisation::{ReorganisationKind, ReorganisationStatus};
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// A reorganisation with the agencies that end in it.
pub type WithSources = (ReorganisationRow, Vec<AgencyId>);

pub(super) fn insert(
    conn: &mut AnyConnection,
    row: &ReorganisationRow,
    sources: &[AgencyId],
) -> Result<(), ApiError> {
    diesel::insert_into(reorganisations::table)
        .values(row)
        .execute(conn)?;
    for agency in sources {
        diesel::insert_into(reorganisation_sources::table)
            .values((
                reorganisation_sources::reorganisation_id.eq(&row.id),
                reorganisation_sources::agency_id.eq(agency),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn with_sources(
    conn: &mut AnyConnection,
    rows: Vec<ReorganisationRow>,
) -> Result<Vec<WithSources>, ApiError> {
    let ids: Vec<&ReorganisationId> = rows.iter().map(|r| &r.id).collect();
    let pairs: Vec<(ReorganisationId, AgencyId)> = reorganisation_sources::table
        .filter(reorganisation_sources::reorganisation_id.eq_any(ids))
        .select((
            reorganisation_sources::reorganisation_id,
            reorganisation_sources::agency_id,
        ))
        .order(reorganisation_sources::agency_id)
        .load(conn)?;
    let mut sources: HashMap<ReorganisationId, Vec<AgencyId>> = HashMap::new();
    for (id, agency) in pairs {
        sources.entry(id).or_default().push(agency);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let of_row = sources.remove(&row.id).unwrap_or_default();
            (row, of_row)
        })
        .collect())
}

pub(super) fn find(
    conn: &mut AnyConnection,
    id: &ReorganisationId,
) -> Result<Option<WithSources>, ApiError> {
    let row = reorganisations::table
        .find(id)
        .select(ReorganisationRow::as_select())
        .first(conn)
        .optional()?;
    Ok(with_sources(conn, row.into_iter().collect())?.pop())
}

pub(super) fn list(
    conn: &mut AnyConnection,
    page: &PageRequest,
) -> Result<Vec<WithSources>, ApiError> {
    let mut query = reorganisations::table
        .select(ReorganisationRow::as_select())
        .order(reorganisations::id)
        .limit(page.fetch())
        .into_boxed();
    if let Some(after) = &page.after {
        query = query.filter(reorganisations::id.gt(after.clone()));
    }
    let rows = query.load(conn)?;
    with_sources(conn, rows)
}

/// The agencies among `agencies` that another reorganisation already ends on `effective_on`.
pub(super) fn ending_on(
    conn: &mut AnyConnection,
    agencies: &[AgencyId],
    effective_on: NaiveDate,
) -> Result<Vec<AgencyId>, ApiError> {
    Ok(reorganisation_sources::table
        .inner_join(reorganisations::table)
        .filter(reorganisation_sources::agency_id.eq_any(agencies))
        .filter(reorganisations::effective_on.eq(effective_on))
        .filter(reorganisations::kind.eq_any(ReorganisationKind::ENDING))
        .select(reorganisation_sources::agency_id)
        .load(conn)?)
}

/// Applied reorganisations whose successor is one of `agencies` (a transfer or a rename ends
/// nothing and is no lineage, here and below).
pub(super) fn applied_into(
    conn: &mut AnyConnection,
    agencies: &[AgencyId],
) -> Result<Vec<WithSources>, ApiError> {
    let mut rows: Vec<ReorganisationRow> = reorganisations::table
        .filter(reorganisations::successor_id.eq_any(agencies))
        .filter(reorganisations::status.eq(ReorganisationStatus::Applied))
        .filter(reorganisations::kind.eq_any(ReorganisationKind::ENDING))
        .select(ReorganisationRow::as_select())
        .load(conn)?;
    for split in applied_splits(conn)? {
        let shared = split
            .shares()?
            .iter()
            .any(|s| agencies.contains(&s.successor_id));
        if shared && !rows.iter().any(|r| r.id == split.id) {
            rows.push(split);
        }
    }
    rows.sort_by_key(|r| r.effective_on);
    with_sources(conn, rows)
}

/// Applied reorganisations that ended one of `agencies`.
pub(super) fn applied_from(
    conn: &mut AnyConnection,
    agencies: &[AgencyId],
) -> Result<Vec<WithSources>, ApiError> {
    let rows = reorganisations::table
        .inner_join(reorganisation_sources::table)
        .filter(reorganisation_sources::agency_id.eq_any(agencies))
        .filter(reorganisations::status.eq(ReorganisationStatus::Applied))
        .filter(reorganisations::kind.eq_any(ReorganisationKind::ENDING))
        .select(ReorganisationRow::as_select())
        .distinct()
        .load(conn)?;
    with_sources(conn, rows)
}

pub(super) fn update(
    conn: &mut AnyConnection,
    id: &ReorganisationId,
    version: i32,
    changes: &ReorganisationChanges,
) -> Result<(), ApiError> {
    let updated = diesel::update(
        reorganisations::table
            .filter(reorganisations::id.eq(id))
            .filter(reorganisations::version.eq(version)),
    )
    .set(changes)
    .execute(conn)?;
    crate::db::expect_updated(updated, "reorganisation")
}

/// Scheduled reorganisations effective on or before `today`.
pub(super) fn due(
    conn: &mut AnyConnection,
    today: NaiveDate,
) -> Result<Vec<WithSources>, ApiError> {
    let rows = reorganisations::table
        .filter(reorganisations::status.eq(ReorganisationStatus::Scheduled))
        .filter(reorganisations::effective_on.le(today))
        .select(ReorganisationRow::as_select())
        .order(reorganisations::effective_on)
        .load(conn)?;
    with_sources(conn, rows)
}

/// Every applied reorganisation as (successor, agency that ended) pairs: the lineage graph.
/// Reorganisations are few (a province has tens to hundreds), so it is read whole.
pub(super) fn applied_edges(conn: &mut AnyConnection) -> Result<Vec<(String, String)>, ApiError> {
    let mut edges: Vec<(String, String)> = reorganisation_sources::table
        .inner_join(reorganisations::table)
        .filter(reorganisations::status.eq(ReorganisationStatus::Applied))
        .filter(reorganisations::kind.eq_any(ReorganisationKind::ENDING))
        .select((
            reorganisations::successor_id,
            reorganisation_sources::agency_id,
        ))
        .load(conn)?;
    // A split's other successors hold part of its work too.
    for row in applied_splits(conn)? {
        let ended: Vec<String> = reorganisation_sources::table
            .filter(reorganisation_sources::reorganisation_id.eq(&row.id))
            .select(reorganisation_sources::agency_id)
            .load(conn)?;
        for share in row.shares()? {
            let successor = share.successor_id.into_string();
            edges.extend(ended.iter().map(|e| (successor.clone(), e.clone())));
        }
    }
    Ok(edges)
}

/// Every applied split (they are few).
fn applied_splits(conn: &mut AnyConnection) -> Result<Vec<ReorganisationRow>, ApiError> {
    Ok(reorganisations::table
        .filter(reorganisations::status.eq(ReorganisationStatus::Applied))
        .filter(reorganisations::kind.eq(ReorganisationKind::Split))
        .select(ReorganisationRow::as_select())
        .load(conn)?)
}

pub(super) fn exists(
    conn: &mut AnyConnection,
    kind: ReorganisationKind,
    decision_number: &str,
    decision_date: NaiveDate,
) -> Result<bool, ApiError> {
    let found: i64 = reorganisations::table
        .filter(reorganisations::kind.eq(kind))
        .filter(reorganisations::decision_number.eq(decision_number))
        .filter(reorganisations::decision_date.eq(decision_date))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

/// A reorganisation (of any status) that ends `agency` on or before `date`, with its date.
pub(super) fn ends_by(
    conn: &mut AnyConnection,
    agency: &AgencyId,
    date: NaiveDate,
) -> Result<Option<(String, NaiveDate)>, ApiError> {
    Ok(reorganisation_sources::table
        .inner_join(reorganisations::table)
        .filter(reorganisation_sources::agency_id.eq(agency))
        .filter(reorganisations::kind.eq_any(ReorganisationKind::ENDING))
        .filter(reorganisations::effective_on.le(date))
        .select((
            reorganisations::decision_number,
            reorganisations::effective_on,
        ))
        .first(conn)
        .optional()?)
}
