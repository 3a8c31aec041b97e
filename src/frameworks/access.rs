//! The only door to framework rows for request handlers and for the campaigns and assessments
//! that use a framework: drafts exist only for admins and supervisors (anyone else gets 404),
//! and only admins write (a visible framework answers 403 to others).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::model::{FrameworkChanges, FrameworkRow};
use super::queries;
use super::queries::FrameworkFilter;
use crate::auth::AuthUser;
use crate::db::versioned::versioned_row;
use crate::db::AnyConnection;
use crate::domain::framework::{FrameworkStatus, Scheme};
use crate::domain::ids::FrameworkId;
use crate::domain::permissions::frameworks as rules;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// The framework version if the caller sees it (published, or a draft for those who see
/// drafts), else 404.
pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &FrameworkId,
) -> Result<FrameworkRow, ApiError> {
    queries::find_visible(conn, id, rules::sees_drafts(caller))?.ok_or(ApiError::NotFound)
}

/// The framework version if the caller sees it (else 404) and writes frameworks (else 403).
pub fn for_write(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &FrameworkId,
) -> Result<FrameworkRow, ApiError> {
    let row = load(conn, caller, id)?;
    check_writer(caller)?;
    Ok(row)
}

/// 403 unless the caller writes frameworks (to create one).
pub fn check_writer(caller: &AuthUser) -> Result<(), ApiError> {
    ApiError::forbidden_unless(rules::may_write(caller))
}

/// A framework that a request body names in `framework_id` for a campaign: a published version,
/// or a 422 (a draft is named as such only to those who see drafts).
pub fn published_for_campaign(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &FrameworkId,
) -> Result<FrameworkRow, ApiError> {
    let framework = load(conn, caller, id)
        .map_err(|_| ApiError::field("framework_id", "names no framework"))?;
    if framework.status != FrameworkStatus::Published {
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
    framework_id: &FrameworkId,
) -> Result<FrameworkRow, ApiError> {
    queries::find(conn, framework_id)?
        .ok_or_else(|| ApiError::internal("campaign without framework"))
}

/// Published versions' parsed schemes, shared by every request: a published version never
/// changes (edits make a new version), so it is read and parsed once per process.
fn published_schemes() -> &'static Mutex<HashMap<FrameworkId, Arc<Scheme>>> {
    static SCHEMES: OnceLock<Mutex<HashMap<FrameworkId, Arc<Scheme>>>> = OnceLock::new();
    SCHEMES.get_or_init(Default::default)
}

/// Far more versions than a province publishes; past it the memory is simply started afresh.
const KEPT_SCHEMES: usize = 256;

/// The scoring scheme of the framework version a campaign pins, from memory when published.
pub(crate) fn scheme_of_campaign(
    conn: &mut AnyConnection,
    framework_id: &FrameworkId,
) -> Result<Arc<Scheme>, ApiError> {
    let lock = || {
        published_schemes()
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    if let Some(scheme) = lock().get(framework_id) {
        return Ok(scheme.clone());
    }
    let framework = of_campaign(conn, framework_id)?;
    let scheme = Arc::new(framework.scheme()?);
    if framework.status == FrameworkStatus::Published {
        let mut kept = lock();
        if kept.len() >= KEPT_SCHEMES {
            kept.clear();
        }
        kept.insert(framework.id, scheme.clone());
    }
    Ok(scheme)
}

// A draft's revision counts its changes (`version` numbers the framework's versions).
versioned_row!(
    FrameworkRow,
    FrameworkId,
    FrameworkChanges,
    "framework",
    revision,
    queries::update,
    reload_written
);

/// The version this request has just written, read back for the answer.
pub(crate) fn reload_written(
    conn: &mut AnyConnection,
    id: &FrameworkId,
) -> Result<FrameworkRow, ApiError> {
    queries::find(conn, id)?.ok_or(ApiError::NotFound)
}

/// A page of the framework versions the caller sees (drafts only for those who see drafts).
pub(crate) fn list(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    filter: FrameworkFilter,
    page: &PageRequest,
) -> Result<Vec<FrameworkRow>, ApiError> {
    let filter = FrameworkFilter {
        published_only: !rules::sees_drafts(caller),
        ..filter
    };
    queries::list(conn, filter, page)
}
