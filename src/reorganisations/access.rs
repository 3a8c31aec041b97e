//! The only door to reorganisations: the province roles read them, admins and supervisors
//! prepare them, admins apply them; anyone else gets 403 for the list and 404 for one.

use super::model::{ReorganisationChanges, ReorganisationRow};
use super::queries::{self, WithSources};
use crate::agencies::access as agency_access;
use crate::audit;
use crate::auth::{AuthUser, Scope};
use crate::db::AnyConnection;
use crate::domain::agency_tree::is_within;
use crate::domain::ids::{AgencyId, ReorganisationId};
use crate::domain::permissions::administration as rules;
use crate::domain::reorganisation::{predecessors, ReorganisationKind, ReorganisationStatus};
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// 403 unless the caller's role prepares reorganisations.
pub fn check_preparer(caller: &AuthUser) -> Result<(), ApiError> {
    ApiError::forbidden_unless(rules::prepares_reorganisations(caller))
}

/// 403 unless the caller's role reads reorganisations.
pub fn check_reader(caller: &AuthUser) -> Result<(), ApiError> {
    ApiError::forbidden_unless(rules::reads_reorganisations(caller))
}

/// The reorganisation with its sources if the caller reads reorganisations, else 404.
pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &ReorganisationId,
) -> Result<WithSources, ApiError> {
    if !rules::reads_reorganisations(caller) {
        return Err(ApiError::NotFound);
    }
    queries::find(conn, id)?.ok_or(ApiError::NotFound)
}

/// The reorganisation (else 404) if the caller prepares them (else 403): for its preview.
pub fn for_preview(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &ReorganisationId,
) -> Result<WithSources, ApiError> {
    let found = load(conn, caller, id)?;
    check_preparer(caller)?;
    Ok(found)
}

/// The reorganisation (else 404) if the caller applies them (else 403).
pub fn for_apply(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &ReorganisationId,
) -> Result<WithSources, ApiError> {
    let found = load(conn, caller, id)?;
    ApiError::forbidden_unless(rules::applies_reorganisations(caller))?;
    Ok(found)
}

pub(crate) fn list(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    page: &PageRequest,
) -> Result<Vec<WithSources>, ApiError> {
    check_reader(caller)?;
    queries::list(conn, page)
}

/// Whether a reorganisation of `kind` with this decision exists.
pub(super) fn exists(
    conn: &mut AnyConnection,
    kind: ReorganisationKind,
    decision_number: &str,
    decision_date: chrono::NaiveDate,
) -> Result<bool, ApiError> {
    queries::exists(conn, kind, decision_number, decision_date)
}

/// The decision and date of a reorganisation that ends `agency` by `date`: a successor that
/// ends (a cycle, or a successor already merged away) cannot take work over.
pub(super) fn ends_by(
    conn: &mut AnyConnection,
    agency: &AgencyId,
    date: chrono::NaiveDate,
) -> Result<Option<(String, chrono::NaiveDate)>, ApiError> {
    queries::ends_by(conn, agency, date)
}

/// The agencies among `agencies` that another reorganisation ends on the same day.
pub(super) fn ending_on(
    conn: &mut AnyConnection,
    agencies: &[AgencyId],
    effective_on: chrono::NaiveDate,
) -> Result<Vec<AgencyId>, ApiError> {
    queries::ending_on(conn, agencies, effective_on)
}

/// Stores a new draft with its audit event.
pub(super) fn insert(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    row: &ReorganisationRow,
    sources: &[AgencyId],
) -> Result<(), ApiError> {
    queries::insert(conn, row, sources)?;
    let changes = serde_json::json!({
        "kind": row.kind, "decision_number": row.decision_number, "decision_date": row.decision_date,
        "effective_on": row.effective_on, "successor_id": row.successor_id, "agency_ids": sources,
    });
    let id = row.id.as_str();
    audit::record(
        conn,
        &caller.actor(),
        "reorganisation.create",
        "reorganisation",
        id,
        changes,
    )
}

/// Moves the reorganisation to `status` (scheduled by the caller, or applied), with its audit
/// event; only from the version read, so a second instance applying it too rolls back.
pub(super) fn mark(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    row: &ReorganisationRow,
    status: ReorganisationStatus,
    outcome: serde_json::Value,
) -> Result<ReorganisationRow, ApiError> {
    let now = chrono::Utc::now().naive_utc();
    let applied = status == ReorganisationStatus::Applied;
    let changes = ReorganisationChanges {
        status: Some(status),
        scheduled_by: (!applied).then(|| Some(caller.id.clone())),
        applied_at: applied.then_some(Some(now)),
        version: Some(row.version + 1),
        updated_at: Some(now),
    };
    queries::update(conn, &row.id, row.version, &changes)?;
    let event = if applied {
        "reorganisation.apply"
    } else {
        "reorganisation.schedule"
    };
    audit::record(
        conn,
        &caller.actor(),
        event,
        "reorganisation",
        row.id.as_str(),
        outcome,
    )?;
    Ok(queries::find(conn, &row.id)?.ok_or(ApiError::NotFound)?.0)
}

/// Scheduled reorganisations whose effective date has come, for the scheduler (no caller).
pub(crate) fn system_due(
    conn: &mut AnyConnection,
    today: chrono::NaiveDate,
) -> Result<Vec<WithSources>, ApiError> {
    queries::due(conn, today)
}

/// Applied reorganisations into and out of `agencies`, for a lineage the caller may read.
pub(super) fn applied_around(
    conn: &mut AnyConnection,
    agencies: &[AgencyId],
) -> Result<(Vec<WithSources>, Vec<WithSources>), ApiError> {
    Ok((
        queries::applied_into(conn, agencies)?,
        queries::applied_from(conn, agencies)?,
    ))
}

/// The roots of the subtrees whose records the caller's scope inherited: the agencies that
/// ended, in applied reorganisations (chains included), into an agency of the scope. Their
/// users read those records because they took over the duty; writes still need the scope
/// itself. Empty for the province roles, who see everything anyway.
pub(crate) fn inherited_roots(
    conn: &mut AnyConnection,
    scope: &Scope,
) -> Result<Vec<String>, ApiError> {
    let Some(root) = scope.subtree() else {
        return Ok(Vec::new());
    };
    let edges = queries::applied_edges(conn)?;
    if edges.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = edges
        .iter()
        .flat_map(|(successor, ended)| [successor.as_str(), ended.as_str()])
        .collect();
    let paths = agency_access::system_paths_of(conn, &ids)?;
    let held = |id: &str| paths.get(id).is_some_and(|path| is_within(path, root));
    Ok(predecessors(&edges, held)
        .into_iter()
        .filter_map(|id| paths.get(id).cloned())
        .collect())
}
