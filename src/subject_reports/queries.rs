//! SQL of subjects' reports; only `subject_reports::access` calls it.

use diesel::prelude::*;

use super::model::{SubjectReportChanges, SubjectReportRow};
use crate::db::schema::delegation_reports;
use crate::db::{expect_updated, AnyConnection};
use crate::domain::ids::{AgencyId, DelegationId};
use crate::error::ApiError;

pub(super) fn find(
    conn: &mut AnyConnection,
    delegation: &DelegationId,
    agency: &AgencyId,
) -> Result<Option<SubjectReportRow>, ApiError> {
    Ok(delegation_reports::table
        .filter(delegation_reports::delegation_id.eq(delegation))
        .filter(delegation_reports::agency_id.eq(agency))
        .select(SubjectReportRow::as_select())
        .first(conn)
        .optional()?)
}

pub(super) fn insert(conn: &mut AnyConnection, row: &SubjectReportRow) -> Result<(), ApiError> {
    diesel::insert_into(delegation_reports::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// `(delegation id, agency id)`: the report's key.
pub(super) type Key = (DelegationId, AgencyId);

pub(super) fn update(
    conn: &mut AnyConnection,
    key: &Key,
    read_version: i32,
    changes: &SubjectReportChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        delegation_reports::table
            .filter(delegation_reports::delegation_id.eq(&key.0))
            .filter(delegation_reports::agency_id.eq(&key.1))
            .filter(delegation_reports::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    expect_updated(rows, "report")
}
