//! Who may write which directives.

use crate::auth::Scope;
use crate::domain::directive::DirectiveKind;
use crate::domain::role::Role;

/// Whether the role writes directives at all; checked before any agency is looked up, so that
/// a role that may not write gets 403 whatever the body names.
pub fn writes_directives(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Supervisor | Role::AgencyManager)
}

/// Supervisors and admins write any directive; an agency manager writes only its own agency's
/// plans and letters (issuer agency inside its subtree); nobody else writes any.
pub fn may_write(
    role: Role,
    scope: &Scope,
    kind: DirectiveKind,
    issuer_agency_path: Option<&str>,
) -> bool {
    match role {
        Role::Admin | Role::Supervisor => true,
        Role::AgencyManager => {
            kind.is_agency_issued() && issuer_agency_path.is_some_and(|p| scope.contains(p))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managers_write_their_own_plans_and_letters_only() {
        let scope = Scope::Subtree("/a/".into());
        assert!(may_write(
            Role::AgencyManager,
            &scope,
            DirectiveKind::Plan,
            Some("/a/b/")
        ));
        assert!(may_write(
            Role::AgencyManager,
            &scope,
            DirectiveKind::OfficialLetter,
            Some("/a/")
        ));
        assert!(!may_write(
            Role::AgencyManager,
            &scope,
            DirectiveKind::Plan,
            Some("/z/")
        ));
        assert!(!may_write(
            Role::AgencyManager,
            &scope,
            DirectiveKind::Plan,
            None
        ));
        assert!(!may_write(
            Role::AgencyManager,
            &scope,
            DirectiveKind::Resolution,
            Some("/a/")
        ));
        assert!(!may_write(
            Role::AgencyStaff,
            &scope,
            DirectiveKind::Plan,
            Some("/a/")
        ));
        assert!(!may_write(
            Role::Viewer,
            &Scope::Province,
            DirectiveKind::Plan,
            None
        ));
        assert!(may_write(
            Role::Supervisor,
            &Scope::Province,
            DirectiveKind::Decree,
            None
        ));
    }
}
