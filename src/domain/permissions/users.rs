//! Who may create or manage which accounts (tài khoản), and the agency an account's role needs.

use super::Actor;
use crate::domain::role::Role;

/// Whether the caller may create, change or hand out an account of `role`: admins any,
/// agency managers only staff accounts, nobody else any.
pub fn may_manage(actor: &impl Actor, role: Role) -> bool {
    match actor.role() {
        Role::Admin => true,
        Role::AgencyManager => role == Role::AgencyStaff,
        _ => false,
    }
}

/// Whether the caller's role manages accounts at all (checked before the body is read).
pub fn manages_accounts(actor: &impl Actor) -> bool {
    matches!(actor.role(), Role::Admin | Role::AgencyManager)
}

/// Agency roles must belong to an agency; provincial roles may. The message for the
/// `agency_id` field when it does not.
pub fn agency_required(role: Role, has_agency: bool) -> Option<String> {
    (role.is_agency_scoped() && !has_agency)
        .then(|| format!("is required for the role {}", role.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::permissions::testing::actor;

    #[test]
    fn managers_handle_staff_only() {
        let manager = actor(Role::AgencyManager, "/a/");
        assert!(may_manage(&manager, Role::AgencyStaff));
        assert!(!may_manage(&manager, Role::AgencyManager));
        assert!(!may_manage(&manager, Role::Admin));
        assert!(!may_manage(&actor(Role::Supervisor, ""), Role::AgencyStaff));
        let admin = actor(Role::Admin, "");
        assert!(Role::ALL.iter().all(|r| may_manage(&admin, *r)));
    }

    #[test]
    fn agency_roles_need_an_agency() {
        assert!(agency_required(Role::AgencyStaff, false).is_some());
        assert!(agency_required(Role::AgencyStaff, true).is_none());
        assert!(agency_required(Role::Viewer, false).is_none());
    }
}
