//! The only door to supervision plans: a plan is seen by the province's roles and the users of
//! its body's subtree (`domain::permissions::delegations::sees_plan`), written by those who
//! form the body's delegations; anyone else gets 404.

use super::model::{PlanChanges, PlanRow};
use super::queries::{self, PlanFilter};
use crate::auth::AuthUser;
use crate::db::versioned::{self, versioned_row};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, PlanId};
use crate::domain::permissions::delegations as rules;
use crate::domain::supervision_plan::PlanStatus;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// A plan the caller sees.
#[derive(Debug)]
pub struct Visible {
    row: PlanRow,
    body_path: String,
}

impl Visible {
    pub fn row(&self) -> &PlanRow {
        &self.row
    }

    pub fn into_row(self) -> PlanRow {
        self.row
    }
}

/// The plan if the caller sees it, else 404.
pub fn load(conn: &mut AnyConnection, caller: &AuthUser, id: &PlanId) -> Result<Visible, ApiError> {
    let (row, body_path) = queries::find(conn, id)?.ok_or(ApiError::NotFound)?;
    if !rules::sees_plan(caller, &body_path) {
        return Err(ApiError::NotFound);
    }
    Ok(Visible { row, body_path })
}

/// The plan (else 404) if the caller forms its body's delegations (else 403), while it is a
/// draft (else 409 naming its state).
pub fn for_writing(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &PlanId,
) -> Result<Visible, ApiError> {
    let visible = load(conn, caller, id)?;
    ApiError::forbidden_unless(rules::forms(caller, &visible.body_path))?;
    if visible.row.status != PlanStatus::Draft {
        return Err(ApiError::Conflict(format!(
            "the plan is {}; an approved plan does not change",
            visible.row.status.as_str()
        )));
    }
    Ok(visible)
}

/// The plan a new delegation led by `lead` carries out: one the caller sees (else the same 422
/// as an unknown id), approved, of that body.
pub(crate) fn for_delegation(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &PlanId,
    lead: &AgencyId,
) -> Result<PlanId, ApiError> {
    let visible = match load(conn, caller, id) {
        Err(ApiError::NotFound) => {
            return Err(ApiError::field(
                "plan_id",
                "names no plan you may carry out",
            ))
        }
        other => other?,
    };
    if visible.row.status != PlanStatus::Approved {
        return Err(ApiError::field("plan_id", "the plan is not approved yet"));
    }
    if &visible.row.body_agency_id != lead {
        return Err(ApiError::field("plan_id", "is the plan of another body"));
    }
    Ok(visible.row.id)
}

/// A page of the plans the caller sees.
pub(crate) fn list(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    filter: PlanFilter,
    page: &PageRequest,
) -> Result<Vec<PlanRow>, ApiError> {
    let root = caller
        .scope
        .subtree()
        .filter(|_| caller.role.is_agency_scoped());
    queries::list(conn, root, filter, page)
}

/// 409 when the body has a plan for the year already.
pub(super) fn check_new(
    conn: &mut AnyConnection,
    body: &AgencyId,
    year: i32,
) -> Result<(), ApiError> {
    if queries::exists_for(conn, body, year)? {
        return Err(ApiError::Conflict(format!(
            "the body already has a plan for {year}"
        )));
    }
    Ok(())
}

/// Stores a new plan and its audit event.
pub(super) fn insert(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    row: &PlanRow,
    audit: serde_json::Value,
) -> Result<(), ApiError> {
    queries::insert(conn, row)?;
    crate::audit::record(
        conn,
        &caller.actor(),
        "supervision_plan.create",
        "supervision_plan",
        row.id.as_str(),
        audit,
    )
}

versioned_row!(
    PlanRow,
    PlanId,
    PlanChanges,
    "supervision_plan",
    version,
    queries::update,
    reload_written
);

/// The plan this request has just written.
fn reload_written(conn: &mut AnyConnection, id: &PlanId) -> Result<PlanRow, ApiError> {
    queries::find(conn, id)?
        .map(|(row, _)| row)
        .ok_or(ApiError::NotFound)
}

/// The one write path of a plan: over the version read, with the next version, `updated_at`
/// and the audit event.
pub(super) fn save(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
    changes: PlanChanges,
    event: &str,
    audit: serde_json::Value,
) -> Result<PlanRow, ApiError> {
    versioned::save(
        conn,
        &caller.actor(),
        &visible.row,
        changes,
        event,
        audit,
        |_| Ok(()),
    )
}
