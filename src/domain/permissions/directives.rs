//! Who may write which directives (văn bản chỉ đạo).

use super::Actor;
use crate::domain::directive::DirectiveKind;
use crate::domain::role::Role;

/// Whether the role writes directives at all; checked before any agency is looked up, so that
/// a role that may not write gets 403 whatever the body names.
pub fn writes_directives(actor: &impl Actor) -> bool {
    matches!(
        actor.role(),
        Role::Admin | Role::Supervisor | Role::AgencyManager
    )
}

/// Supervisors and admins write any directive; an agency manager writes only its own agency's
/// plans and letters (issuer agency inside its subtree); nobody else writes any.
pub fn may_write(
    actor: &impl Actor,
    kind: DirectiveKind,
    issuer_agency_path: Option<&str>,
) -> bool {
    match actor.role() {
        Role::Admin | Role::Supervisor => true,
        Role::AgencyManager => {
            kind.is_agency_issued() && issuer_agency_path.is_some_and(|p| actor.heads(p))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::permissions::testing::actor;

    #[test]
    fn managers_write_their_own_plans_and_letters_only() {
        let manager = actor(Role::AgencyManager, "/a/");
        assert!(may_write(&manager, DirectiveKind::Plan, Some("/a/b/")));
        assert!(may_write(
            &manager,
            DirectiveKind::OfficialLetter,
            Some("/a/")
        ));
        assert!(!may_write(&manager, DirectiveKind::Plan, Some("/z/")));
        assert!(!may_write(&manager, DirectiveKind::Plan, None));
        assert!(!may_write(&manager, DirectiveKind::Resolution, Some("/a/")));
        let staff = actor(Role::AgencyStaff, "/a/");
        assert!(!may_write(&staff, DirectiveKind::Plan, Some("/a/")));
        assert!(!writes_directives(&staff));
        assert!(!may_write(
            &actor(Role::Viewer, ""),
            DirectiveKind::Plan,
            None
        ));
        let supervisor = actor(Role::Supervisor, "");
        assert!(may_write(&supervisor, DirectiveKind::Decree, None));
    }
}
