//! The only door to subjects' reports: a report is reached through its delegation and subject
//! entry (`delegations::access`), so whoever does not see the delegation or that subject gets
//! 404; the delegation's side sees a report once it was sent, the subject always.

use chrono::Utc;

use super::model::{SubjectReportChanges, SubjectReportRow};
use super::queries::{self, Key};
use crate::audit;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::delegations::access::{self as delegation_access, SubjectEntry, Visible};
use crate::domain::ids::{AgencyId, DelegationId};
use crate::domain::permissions::delegations as rules;
use crate::domain::subject_report::{editable, SubjectReportStatus};
use crate::error::ApiError;

/// A subject's report with the delegation and subject entry it was reached through.
pub struct Reached {
    pub delegation: Visible,
    pub entry: SubjectEntry,
    pub report: Option<SubjectReportRow>,
}

fn reach(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    delegation: &DelegationId,
    agency: &AgencyId,
) -> Result<Reached, ApiError> {
    let visible = delegation_access::load(conn, caller, delegation)?;
    let entry = delegation_access::subject_entry(conn, caller, &visible, agency)?;
    let report = queries::find(conn, delegation, agency)?;
    Ok(Reached {
        delegation: visible,
        entry,
        report,
    })
}

/// The report if the caller sees it (else 404).
pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    delegation: &DelegationId,
    agency: &AgencyId,
) -> Result<SubjectReportRow, ApiError> {
    let reached = reach(conn, caller, delegation, agency)?;
    seen(caller, &reached)
}

/// The reached report if the caller sees it (else 404).
fn seen(caller: &AuthUser, reached: &Reached) -> Result<SubjectReportRow, ApiError> {
    let report = reached.report.clone().ok_or(ApiError::NotFound)?;
    let sent = report.status != SubjectReportStatus::Draft;
    if !rules::sees_subject_report(
        caller,
        reached.delegation.standing(),
        &reached.entry.path,
        sent,
    ) {
        return Err(ApiError::NotFound);
    }
    Ok(report)
}

/// For drafting: the subject's own users (else 404 when they do not see the report's subject,
/// 403 otherwise), once the notice was issued, while the report is a draft or returned.
pub fn for_drafting(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    delegation: &DelegationId,
    agency: &AgencyId,
) -> Result<Reached, ApiError> {
    let reached = reach(conn, caller, delegation, agency)?;
    ApiError::forbidden_unless(rules::drafts_subject_report(caller, &reached.entry.path))?;
    delegation_access::check_open(&reached.delegation)?;
    if reached.entry.row.notice_issued_at.is_none() {
        return Err(ApiError::Conflict(
            "no notice was issued to this subject yet".into(),
        ));
    }
    if let Some(report) = reached.report.as_ref().filter(|r| !editable(r.status)) {
        return Err(ApiError::Conflict(format!(
            "the report is {}; it changes only when the delegation returns it",
            report.status.as_str()
        )));
    }
    Ok(reached)
}

/// For a step of the workflow: `allowed` says whether the caller's standing may take it, the
/// report must exist (else 404 for those who do not see it) and be in `from` (else 409).
pub fn for_step(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    delegation: &DelegationId,
    agency: &AgencyId,
    allowed: impl FnOnce(&Reached) -> bool,
    from: &[SubjectReportStatus],
) -> Result<(Reached, SubjectReportRow), ApiError> {
    let reached = reach(conn, caller, delegation, agency)?;
    let row = seen(caller, &reached)?;
    ApiError::forbidden_unless(allowed(&reached))?;
    delegation_access::check_open(&reached.delegation)?;
    if !from.contains(&row.status) {
        return Err(ApiError::Conflict(format!(
            "the report is {}; this step is not open to it",
            row.status.as_str()
        )));
    }
    Ok((reached, row))
}

fn audit_id(row: &SubjectReportRow) -> String {
    format!("{}/{}", row.delegation_id, row.agency_id)
}

/// Stores a new draft and its audit event.
pub(super) fn insert(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    row: &SubjectReportRow,
    audit: serde_json::Value,
) -> Result<(), ApiError> {
    queries::insert(conn, row)?;
    audit::record(
        conn,
        &caller.actor(),
        "delegation_report.create",
        "delegation_report",
        &audit_id(row),
        audit,
    )
}

/// The one write path of a subject's report: only over the version read, with the next
/// version, `updated_at` and the audit event; answers the report as stored.
pub(super) fn save(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    current: &SubjectReportRow,
    changes: SubjectReportChanges,
    event: &str,
    audit: serde_json::Value,
) -> Result<SubjectReportRow, ApiError> {
    let key: Key = (current.delegation_id.clone(), current.agency_id.clone());
    let changes = SubjectReportChanges {
        version: Some(current.version + 1),
        updated_at: Some(Utc::now().naive_utc()),
        ..changes
    };
    queries::update(conn, &key, current.version, &changes)?;
    audit::record(
        conn,
        &caller.actor(),
        event,
        "delegation_report",
        &audit_id(current),
        audit,
    )?;
    queries::find(conn, &key.0, &key.1)?.ok_or(ApiError::NotFound)
}

/// The subject's report to the delegation once it was sent, for the delegation's side.
pub fn granted_sent(
    conn: &mut AnyConnection,
    grant: &crate::delegations::grant::Grant,
) -> Result<Option<SubjectReportRow>, ApiError> {
    let report = queries::find(conn, grant.delegation(), grant.subject())?;
    Ok(report.filter(|r| r.status != SubjectReportStatus::Draft))
}
