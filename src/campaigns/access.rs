//! The only door to campaign rows for request handlers and for the assessments of a campaign:
//! every logged-in user reads campaigns; only supervisors and admins change them (403 for a
//! campaign the caller reads but may not manage).

use super::model::{CampaignChanges, CampaignRow};
use super::queries;
use super::queries::CampaignFilter;
use crate::auth::AuthUser;
use crate::db::versioned::versioned_row;
use crate::db::AnyConnection;
use crate::domain::ids::CampaignId;
use crate::domain::permissions::campaigns as rules;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// The campaign, or 404. Campaigns are read by every role; the caller is named so that a
/// future narrower rule has one place to live.
pub fn load(
    conn: &mut AnyConnection,
    _caller: &AuthUser,
    id: &CampaignId,
) -> Result<CampaignRow, ApiError> {
    queries::find(conn, id)?.ok_or(ApiError::NotFound)
}

/// The campaign (else 404) if the caller runs campaigns (else 403).
pub fn for_manager(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &CampaignId,
) -> Result<CampaignRow, ApiError> {
    let row = load(conn, caller, id)?;
    check_manager(caller)?;
    Ok(row)
}

/// 403 unless the caller runs campaigns (to create one).
pub fn check_manager(caller: &AuthUser) -> Result<(), ApiError> {
    ApiError::forbidden_unless(rules::may_manage(caller))
}

/// The campaign of an assessment the caller already sees.
pub(crate) fn of_assessment(
    conn: &mut AnyConnection,
    campaign_id: &CampaignId,
) -> Result<CampaignRow, ApiError> {
    queries::find(conn, campaign_id)?
        .ok_or_else(|| ApiError::internal("assessment without campaign"))
}

versioned_row!(
    CampaignRow,
    CampaignId,
    CampaignChanges,
    "campaign",
    version,
    queries::update,
    reload_written
);

/// The campaign this request has just written, read back for the answer.
pub(crate) fn reload_written(
    conn: &mut AnyConnection,
    id: &CampaignId,
) -> Result<CampaignRow, ApiError> {
    queries::find(conn, id)?.ok_or(ApiError::NotFound)
}

/// A page of the campaigns (every logged-in user reads them).
pub(crate) fn list(
    conn: &mut AnyConnection,
    _caller: &AuthUser,
    filter: CampaignFilter,
    page: &PageRequest,
) -> Result<Vec<CampaignRow>, ApiError> {
    queries::list(conn, filter, page)
}
