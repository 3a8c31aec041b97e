//! Campaign queries. Campaigns are read by every logged-in user; their assessments are scoped.

use diesel::prelude::*;

use super::model::{CampaignChanges, CampaignRow};
use crate::db::schema::{agencies, campaigns};
use crate::db::AnyConnection;
use crate::domain::assessment::CampaignStatus;
use crate::domain::ids::{AgencyId, CampaignId};
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

pub(super) fn find(
    conn: &mut AnyConnection,
    id: &CampaignId,
) -> Result<Option<CampaignRow>, ApiError> {
    Ok(campaigns::table
        .filter(campaigns::id.eq(id))
        .select(CampaignRow::as_select())
        .first(conn)
        .optional()?)
}

/// List filters, already parsed.
#[derive(Debug, Default, Clone)]
pub(crate) struct CampaignFilter {
    pub year: Option<i32>,
    pub status: Option<CampaignStatus>,
    pub framework_code: Option<String>,
}

pub(super) fn list(
    conn: &mut AnyConnection,
    filter: CampaignFilter,
    page: &PageRequest,
) -> Result<Vec<CampaignRow>, ApiError> {
    let mut query = campaigns::table
        .select(CampaignRow::as_select())
        .into_boxed();
    if let Some(year) = filter.year {
        query = query.filter(campaigns::year.eq(year));
    }
    if let Some(status) = filter.status {
        query = query.filter(campaigns::status.eq(status.as_str()));
    }
    if let Some(code) = filter.framework_code {
        query = query.filter(campaigns::framework_code.eq(code));
    }
    if let Some(after) = &page.after {
        query = query.filter(campaigns::id.gt(after.clone()));
    }
    Ok(query
        .order(campaigns::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}

/// The campaign of the standard `code` in `year`, if there is one.
pub(crate) fn of_year(
    conn: &mut AnyConnection,
    code: &str,
    year: i32,
) -> Result<Option<String>, ApiError> {
    Ok(campaigns::table
        .filter(campaigns::framework_code.eq(code))
        .filter(campaigns::year.eq(year))
        .select(campaigns::id)
        .first(conn)
        .optional()?)
}

/// The ids among `ids` that name no agency.
pub(super) fn unknown_agencies(
    conn: &mut AnyConnection,
    ids: &[AgencyId],
) -> Result<Vec<AgencyId>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let known: Vec<AgencyId> = agencies::table
        .filter(agencies::id.eq_any(ids))
        .select(agencies::id)
        .load(conn)?;
    Ok(ids
        .iter()
        .filter(|id| !known.contains(id))
        .cloned()
        .collect())
}

pub(super) fn insert(conn: &mut AnyConnection, row: &CampaignRow) -> Result<(), ApiError> {
    diesel::insert_into(campaigns::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Applies `changes` if the row still has the version it was read at (see
/// `db::expect_updated`).
pub(crate) fn update(
    conn: &mut AnyConnection,
    id: &CampaignId,
    read_version: i32,
    changes: &CampaignChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        campaigns::table
            .filter(campaigns::id.eq(id))
            .filter(campaigns::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    crate::db::expect_updated(rows, "campaign")
}
