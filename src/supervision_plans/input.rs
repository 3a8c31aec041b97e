//! What a plan's body names, checked inside the caller's reach: the body (one whose
//! delegations the caller forms), the directives (existing) and the subjects (agencies in the
//! caller's scope, not the body itself); an unknown id and one outside the reach get the same
//! message.

use crate::agencies::access as agency_access;
use crate::agencies::model::AgencyRow;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::directives::access as directive_access;
use crate::domain::permissions::delegations as rules;
use crate::domain::supervision_plan::{check_items, PlanItem};
use crate::error::{ApiError, FieldError};

/// The body a plan is made for (else 422), if the caller forms its delegations (else 403).
pub(super) fn body(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &str,
) -> Result<AgencyRow, ApiError> {
    ApiError::forbidden_unless(rules::forms_any(caller))?;
    let row = agency_access::named(
        conn,
        &caller.scope,
        id,
        "body_agency_id",
        "names no agency you may plan for",
    )?;
    ApiError::forbidden_unless(rules::forms(caller, &row.path))?;
    Ok(row)
}

/// The items checked by value, before anything is read.
pub(super) fn values(items: Vec<PlanItem>) -> Result<Vec<PlanItem>, ApiError> {
    check_items(items).map_err(|mistakes| {
        ApiError::Validation(
            mistakes
                .into_iter()
                .map(|(f, m)| FieldError::new(&f, m))
                .collect(),
        )
    })
}

/// What the checked items name: existing directives, agencies in the caller's scope other
/// than the body.
pub(super) fn references(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    body: &AgencyRow,
    items: Vec<PlanItem>,
) -> Result<Vec<PlanItem>, ApiError> {
    let mut errors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        for (j, id) in item.legal_bases.iter().enumerate() {
            if !directive_access::exists(conn, &id.to_string())? {
                let field = format!("items[{i}].legal_bases[{j}]");
                errors.push(FieldError::new(&field, "names no directive"));
            }
        }
        for (j, id) in item.subject_ids.iter().enumerate() {
            let field = format!("items[{i}].subject_ids[{j}]");
            let message = "names no agency you may supervise";
            match agency_access::named(conn, &caller.scope, &id.to_string(), &field, message) {
                Ok(agency) if agency.id == body.id => {
                    errors.push(FieldError::new(&field, "is the planning body itself"))
                }
                Ok(_) => {}
                Err(ApiError::Validation(found)) => errors.extend(found),
                Err(other) => return Err(other),
            }
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(ApiError::Validation(errors))
    }
}
