//! The only door to subjects' conclusions: a conclusion is reached through its delegation and
//! subject entry (`delegations::access`), so whoever does not see the delegation or that
//! subject gets 404; the delegation's side sees the draft from the start, the subject once it
//! was sent.

use chrono::Utc;

use super::model::{ConclusionChanges, ConclusionRow, RecommendationRow};
use super::queries::{self, Key};
use crate::audit;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::delegations::access::{self as delegation_access, SubjectEntry, Visible};
use crate::domain::conclusion::ConclusionStatus;
use crate::domain::delegation::DelegationStatus;
use crate::domain::ids::{AgencyId, DelegationId};
use crate::domain::permissions::delegations as rules;
use crate::error::ApiError;

/// A subject's conclusion with the delegation and subject entry it was reached through.
pub struct Reached {
    pub delegation: Visible,
    pub entry: SubjectEntry,
    pub conclusion: Option<ConclusionRow>,
}

fn reach(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    delegation: &DelegationId,
    agency: &AgencyId,
) -> Result<Reached, ApiError> {
    let visible = delegation_access::load(conn, caller, delegation)?;
    let entry = delegation_access::subject_entry(conn, caller, &visible, agency)?;
    let conclusion = queries::find(conn, delegation, agency)?;
    Ok(Reached {
        delegation: visible,
        entry,
        conclusion,
    })
}

/// The reached conclusion if the caller sees it (else 404).
fn seen(caller: &AuthUser, reached: &Reached) -> Result<ConclusionRow, ApiError> {
    let row = reached.conclusion.clone().ok_or(ApiError::NotFound)?;
    let sent = row.status != ConclusionStatus::Drafting;
    if !rules::sees_conclusion(
        caller,
        reached.delegation.standing(),
        &reached.entry.path,
        sent,
    ) {
        return Err(ApiError::NotFound);
    }
    Ok(row)
}

/// The conclusion if the caller sees it (else 404), with the recommendations it issued.
/// A conclusion as answered: its row, the recommendations issued from it, and the day its
/// draft is due (the delegation's).
pub struct Loaded {
    pub row: ConclusionRow,
    pub issued: Vec<RecommendationRow>,
    pub draft_due_on: Option<chrono::NaiveDate>,
}

impl Reached {
    /// The answer for `row` of this subject, after a read or a step.
    pub(crate) fn answer(&self, row: ConclusionRow, issued: Vec<RecommendationRow>) -> Loaded {
        Loaded {
            row,
            issued,
            draft_due_on: self.delegation.row().conclusions_due_on,
        }
    }
}

pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    delegation: &DelegationId,
    agency: &AgencyId,
) -> Result<Loaded, ApiError> {
    let reached = reach(conn, caller, delegation, agency)?;
    let row = seen(caller, &reached)?;
    let issued = queries::recommendations(conn, delegation, agency)?;
    Ok(reached.answer(row, issued))
}

/// The recommendations issued from a conclusion the caller reached.
pub(super) fn issued_of(
    conn: &mut AnyConnection,
    row: &ConclusionRow,
) -> Result<Vec<RecommendationRow>, ApiError> {
    queries::recommendations(conn, &row.delegation_id, &row.agency_id)
}

/// 409 naming the conclusion's state unless it is one of `from`.
fn check_status(row: &ConclusionRow, from: &[ConclusionStatus]) -> Result<(), ApiError> {
    if from.contains(&row.status) {
        return Ok(());
    }
    Err(ApiError::Conflict(format!(
        "the conclusion is {}; this step is not open to it",
        row.status.as_str()
    )))
}

/// For drafting: the delegation's overseers and members (else 403; 404 when they do not see
/// the subject), once the field work began and until the conclusion is issued.
pub fn for_drafting(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    delegation: &DelegationId,
    agency: &AgencyId,
) -> Result<Reached, ApiError> {
    let reached = reach(conn, caller, delegation, agency)?;
    delegation_access::check_writes_work(&reached.delegation)?;
    delegation_access::check_open(&reached.delegation)?;
    let status = reached.delegation.row().status;
    if status == DelegationStatus::Preparing {
        return Err(ApiError::Conflict(
            "the delegation is preparing; findings are drafted once the field work began".into(),
        ));
    }
    if let Some(row) = &reached.conclusion {
        check_status(row, &[ConclusionStatus::Drafting, ConclusionStatus::Sent])?;
    }
    Ok(reached)
}

/// For a step of the workflow: `allowed` says whether the caller may take it, the conclusion
/// must exist (else 404 for those who do not see it) and be in `from` (else 409).
pub fn for_step(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    delegation: &DelegationId,
    agency: &AgencyId,
    allowed: impl FnOnce(&Reached) -> bool,
    from: &[ConclusionStatus],
) -> Result<(Reached, ConclusionRow), ApiError> {
    let reached = reach(conn, caller, delegation, agency)?;
    let row = seen(caller, &reached)?;
    ApiError::forbidden_unless(allowed(&reached))?;
    delegation_access::check_open(&reached.delegation)?;
    check_status(&row, from)?;
    Ok((reached, row))
}

fn audit_id(row: &ConclusionRow) -> String {
    format!("{}/{}", row.delegation_id, row.agency_id)
}

/// Stores a new draft and its audit event.
pub(super) fn insert(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    row: &ConclusionRow,
    audit: serde_json::Value,
) -> Result<(), ApiError> {
    queries::insert(conn, row)?;
    audit::record(
        conn,
        &caller.actor(),
        "delegation_conclusion.create",
        "delegation_conclusion",
        &audit_id(row),
        audit,
    )
}

/// The one write path of a conclusion: only over the version read, with the next version,
/// `updated_at` and the audit event; answers the conclusion as stored.
pub(super) fn save(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    current: &ConclusionRow,
    changes: ConclusionChanges,
    event: &str,
    audit: serde_json::Value,
) -> Result<ConclusionRow, ApiError> {
    let key: Key = (current.delegation_id.clone(), current.agency_id.clone());
    let changes = ConclusionChanges {
        version: Some(current.version + 1),
        updated_at: Some(Utc::now().naive_utc()),
        ..changes
    };
    queries::update(conn, &key, current.version, &changes)?;
    audit::record(
        conn,
        &caller.actor(),
        event,
        "delegation_conclusion",
        &audit_id(current),
        audit,
    )?;
    queries::find(conn, &key.0, &key.1)?.ok_or(ApiError::NotFound)
}

/// Stores a recommendation the conclusion being issued carries.
pub(super) fn insert_recommendation(
    conn: &mut AnyConnection,
    row: &RecommendationRow,
) -> Result<(), ApiError> {
    queries::insert_recommendation(conn, row)
}
