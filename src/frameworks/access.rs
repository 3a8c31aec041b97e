//! The only door to framework rows for request handlers and for the campaigns and assessments
//! that use a framework: drafts exist only for admins and supervisors (anyone else gets 404),
//! and only admins write (a visible framework answers 403 to others).

use super::model::FrameworkRow;
use super::{queries, rules};
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::error::ApiError;

/// The framework version if the caller sees it (published, or a draft for those who see
/// drafts), else 404.
pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &str,
) -> Result<FrameworkRow, ApiError> {
    queries::find_visible(conn, id, rules::sees_drafts(caller))?.ok_or(ApiError::NotFound)
}

/// The framework version if the caller sees it (else 404) and writes frameworks (else 403).
pub fn for_write(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &str,
) -> Result<FrameworkRow, ApiError> {
    let row = load(conn, caller, id)?;
    if rules::may_write(caller) {
        Ok(row)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// A framework that a request body names in `framework_id` for a campaign: a published version,
/// or a 422 (a draft is named as such only to those who see drafts).
pub fn published_for_campaign(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &str,
) -> Result<FrameworkRow, ApiError> {
    let framework = load(conn, caller, id)
        .map_err(|_| ApiError::field("framework_id", "names no framework"))?;
    if framework.status != crate::domain::framework::FrameworkStatus::Published {
        return Err(ApiError::field(
            "framework_id",
            "is a draft; publish it first",
        ));
    }
    Ok(framework)
}

/// The framework a campaign pins, for a caller who sees the campaign (a pinned version is
/// published, so everyone who sees the campaign sees it).
pub(crate) fn of_campaign(
    conn: &mut AnyConnection,
    framework_id: &str,
) -> Result<FrameworkRow, ApiError> {
    queries::find(conn, framework_id)?
        .ok_or_else(|| ApiError::internal("campaign without framework"))
}

/// The version this request has just written, read back for the answer.
pub(crate) fn reload_written(conn: &mut AnyConnection, id: &str) -> Result<FrameworkRow, ApiError> {
    queries::find(conn, id)?.ok_or(ApiError::NotFound)
}
