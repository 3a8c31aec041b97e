//! A delegation's grant (DESIGN section 4): what its side (overseers, members while it is
//! active, readers) may read of one subject: the tasks the subject's subtree leads under the
//! delegation's legal bases, their sent reports, the subject's assessments in the years under
//! review. Only this module makes a `Grant`, after `delegations::access` found the caller's
//! standing, so the tasks, reports and assessments modules can serve it without a scope.

use chrono::Datelike;

use super::access::{self, SubjectEntry, Visible};
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, DelegationId, DirectiveId};
use crate::domain::permissions::delegations::Standing;
use crate::error::ApiError;

/// Proof that the caller reads one subject for a delegation, with what the grant reaches.
#[derive(Debug)]
pub struct Grant {
    delegation: DelegationId,
    subject: AgencyId,
    subject_path: String,
    bases: Vec<DirectiveId>,
    years: (i32, i32),
}

impl Grant {
    /// The grant of `visible` over the subject of `entry`; 403 for the subject itself, which
    /// reads its own records through its scope, not through the delegation.
    pub fn of(
        conn: &mut AnyConnection,
        caller: &AuthUser,
        visible: &Visible,
        entry: &SubjectEntry,
    ) -> Result<Self, ApiError> {
        ApiError::forbidden_unless(visible.standing() != Standing::Subject)?;
        let row = visible.row();
        Ok(Self {
            delegation: row.id.clone(),
            subject: entry.row.agency_id.clone(),
            subject_path: entry.path.clone(),
            bases: access::details(conn, caller, visible)?.bases,
            years: (row.review_from.year(), row.review_to.year()),
        })
    }

    pub fn delegation(&self) -> &DelegationId {
        &self.delegation
    }

    pub fn subject(&self) -> &AgencyId {
        &self.subject
    }

    /// The subject's subtree: its tasks are those its agencies lead.
    pub fn subject_path(&self) -> &str {
        &self.subject_path
    }

    pub fn bases(&self) -> &[DirectiveId] {
        &self.bases
    }

    /// The first and last year under review.
    pub fn years(&self) -> (i32, i32) {
        self.years
    }
}
