//! The only door to delegations. A delegation is visible to a caller with a standing in it
//! (`domain::permissions::delegations::standing`): its overseers, its members while it is
//! active, the province's read roles and the leading body's staff, and the agencies it
//! supervises, which see only their own subject entry. Anyone else gets 404.

mod roster;
mod subject;

pub(super) use roster::*;
pub use subject::*;

use super::model::{DelegationChanges, DelegationRow, MemberRow, SubjectRow};
use super::queries::{self, DelegationFilter, Reach};
use crate::auth::AuthUser;
use crate::db::versioned::{self, versioned_row};
use crate::db::AnyConnection;
use crate::domain::ids::{DelegationId, DirectiveId};
use crate::domain::permissions::delegations::{self as rules, Standing};
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// A delegation the caller sees, with its standing in it.
#[derive(Debug)]
pub struct Visible {
    row: DelegationRow,
    leading_path: String,
    standing: Standing,
}

impl Visible {
    pub fn row(&self) -> &DelegationRow {
        &self.row
    }

    pub fn standing(&self) -> Standing {
        self.standing
    }

    pub fn leading_path(&self) -> &str {
        &self.leading_path
    }

    /// The same delegation as this request has just written it, seen with the standing it
    /// was loaded with.
    pub(super) fn with_row(self, row: DelegationRow) -> Self {
        Self { row, ..self }
    }
}

/// What a caller reads of a delegation: the subjects are only its own for a subject agency.
#[derive(Debug)]
pub struct Details {
    pub bases: Vec<DirectiveId>,
    pub members: Vec<(MemberRow, String)>,
    pub subjects: Vec<(SubjectRow, String)>,
}

/// The delegation if the caller has a standing in it, else 404.
pub fn load(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
) -> Result<Visible, ApiError> {
    let (row, leading_path) = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let member = queries::member_role(conn, id, &caller.id)?;
    let subject_visible = match caller.scope.subtree() {
        Some(root) if caller.role.is_agency_scoped() => {
            queries::has_subject_within(conn, id, root)?
        }
        _ => false,
    };
    let standing = rules::standing(caller, &leading_path, row.status, member, subject_visible)
        .ok_or(ApiError::NotFound)?;
    Ok(Visible {
        row,
        leading_path,
        standing,
    })
}

/// The delegation (else 404) if the caller runs it (else 403).
pub fn for_oversight(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
) -> Result<Visible, ApiError> {
    let visible = load(conn, caller, id)?;
    ApiError::forbidden_unless(visible.standing == Standing::Overseer)?;
    Ok(visible)
}

/// The delegation (else 404) if the caller moves it through its lifecycle (else 403).
pub fn for_lifecycle(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
) -> Result<Visible, ApiError> {
    let visible = load(conn, caller, id)?;
    ApiError::forbidden_unless(rules::runs(visible.standing))?;
    Ok(visible)
}

/// The bases, members and subjects of a delegation the caller sees.
pub fn details(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
) -> Result<Details, ApiError> {
    let id = &visible.row.id;
    let subjects = queries::subjects(conn, id)?
        .into_iter()
        .filter(|(_, _, path)| visible.standing != Standing::Subject || caller.scope.contains(path))
        .map(|(row, name, _)| (row, name))
        .collect();
    Ok(Details {
        bases: queries::bases(conn, id)?,
        members: queries::members(conn, id)?,
        subjects,
    })
}

/// A page of the delegations the caller sees. A subject filter outside the caller's subtree
/// only matches delegations the caller sees as a member or leading body.
pub(crate) fn list(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    filter: DelegationFilter,
    subject_in_scope: bool,
    page: &PageRequest,
) -> Result<Vec<DelegationRow>, ApiError> {
    let root = caller
        .scope
        .subtree()
        .filter(|_| caller.role.is_agency_scoped());
    let reach = root.map(|root| Reach {
        user: &caller.id,
        root,
        without_subjects: filter.subject_agency_id.is_some() && !subject_in_scope,
    });
    queries::list(conn, reach, filter, page)
}

versioned_row!(
    DelegationRow,
    DelegationId,
    DelegationChanges,
    "delegation",
    version,
    queries::update,
    reload_written
);

/// The delegation this request has just written.
fn reload_written(conn: &mut AnyConnection, id: &DelegationId) -> Result<DelegationRow, ApiError> {
    queries::find(conn, id)?
        .map(|(row, _)| row)
        .ok_or(ApiError::NotFound)
}

/// A new delegation with its bases, members and subjects, checked by `delegations::input`.
pub(super) struct NewDelegation {
    pub row: DelegationRow,
    pub bases: Vec<DirectiveId>,
    pub members: Vec<MemberRow>,
    pub subjects: Vec<SubjectRow>,
}

/// Stores a new delegation and its audit event.
pub(super) fn insert(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    new: &NewDelegation,
    audit: serde_json::Value,
) -> Result<(), ApiError> {
    queries::insert(conn, &new.row)?;
    for basis in &new.bases {
        queries::insert_basis(conn, &new.row.id, basis)?;
    }
    for member in &new.members {
        queries::put_member(conn, member)?;
    }
    for subject in &new.subjects {
        queries::put_subject(conn, subject)?;
    }
    crate::audit::record(
        conn,
        &caller.actor(),
        "delegation.create",
        "delegation",
        new.row.id.as_str(),
        audit,
    )
}

/// The one write path of a delegation: `also` (a member or subject change) runs in the same
/// transaction, and the delegation gets its next version and the audit event.
pub(super) fn save(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
    changes: DelegationChanges,
    event: &str,
    audit: serde_json::Value,
    also: impl FnOnce(&mut AnyConnection) -> Result<(), ApiError>,
) -> Result<DelegationRow, ApiError> {
    versioned::save(
        conn,
        &caller.actor(),
        &visible.row,
        changes,
        event,
        audit,
        also,
    )
}

/// 409 naming the state once the delegation is closed: nothing of it changes then.
pub fn check_open(visible: &Visible) -> Result<(), ApiError> {
    if visible.row.status.is_active() {
        Ok(())
    } else {
        Err(ApiError::Conflict(format!(
            "the delegation is {}; a closed delegation does not change",
            visible.row.status.as_str()
        )))
    }
}

/// 403 unless the caller writes the delegation's own work.
pub fn check_writes_work(visible: &Visible) -> Result<(), ApiError> {
    ApiError::forbidden_unless(rules::writes_work(visible.standing))
}

/// 403 unless the caller runs the delegation (issues its notices, moves its lifecycle).
pub fn check_runs(visible: &Visible) -> Result<(), ApiError> {
    ApiError::forbidden_unless(rules::runs(visible.standing))
}

/// Replaces the legal bases of a delegation the caller runs (checked by `delegations::input`).
pub(super) fn replace_bases(
    conn: &mut AnyConnection,
    visible: &Visible,
    bases: &[DirectiveId],
) -> Result<(), ApiError> {
    queries::replace_bases(conn, &visible.row.id, bases)
}

/// The delegations decided within a dashboard's window that supervise an agency within its
/// reach, by status (as it is now).
pub fn period_states(
    conn: &mut AnyConnection,
    reach: &crate::dashboard::reach::Reach,
    window: &crate::domain::period::Window,
) -> Result<Vec<(String, i64)>, ApiError> {
    reach.each_root(|root| queries::count_by_status(conn, root, window.from, window.as_of))
}
