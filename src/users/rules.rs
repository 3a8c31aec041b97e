//! Who may create or manage which accounts, and the agency an account's role needs.

use crate::domain::role::Role;
use crate::error::ApiError;

/// The answer for an account's agency that is unknown or outside the caller's subtree (the
/// same for both).
pub const NO_AGENCY: &str = "no agency with this id in your scope";

/// Whether a caller with role `caller` may create, change or hand out an account of `role`:
/// admins any, agency managers only staff accounts, nobody else any.
pub fn may_manage(caller: Role, role: Role) -> bool {
    match caller {
        Role::Admin => true,
        Role::AgencyManager => role == Role::AgencyStaff,
        _ => false,
    }
}

/// Agency roles must belong to an agency; provincial roles may.
pub fn check_agency_for_role(role: Role, agency_id: Option<&str>) -> Result<(), ApiError> {
    if role.is_agency_scoped() && agency_id.is_none() {
        return Err(ApiError::field(
            "agency_id",
            format!("is required for the role {}", role.as_str()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managers_handle_staff_only() {
        assert!(may_manage(Role::AgencyManager, Role::AgencyStaff));
        assert!(!may_manage(Role::AgencyManager, Role::AgencyManager));
        assert!(!may_manage(Role::AgencyManager, Role::Admin));
        assert!(!may_manage(Role::Supervisor, Role::AgencyStaff));
        assert!(Role::ALL.iter().all(|r| may_manage(Role::Admin, *r)));
    }

    #[test]
    fn agency_roles_need_an_agency() {
        assert!(check_agency_for_role(Role::AgencyStaff, None).is_err());
        assert!(check_agency_for_role(Role::AgencyStaff, Some("a")).is_ok());
        assert!(check_agency_for_role(Role::Viewer, None).is_ok());
    }
}
