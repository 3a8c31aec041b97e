//! Who may assign, change and move tasks. Visibility (scope) is applied in SQL by `queries`.

use crate::auth::{AuthUser, Scope};
use crate::domain::role::Role;
use crate::domain::task::TaskAction;

/// Whether the caller may assign a task led by an agency at `lead_path`: supervisors and
/// admins anywhere, agency managers inside their own subtree.
pub fn may_assign(role: Role, scope: &Scope, lead_path: &str) -> bool {
    match role {
        Role::Admin | Role::Supervisor => true,
        Role::AgencyManager => scope.contains(lead_path),
        _ => false,
    }
}

/// Whether the caller oversees the task: a supervisor or admin, or the manager who assigned
/// it while the lead agency is still inside its subtree.
pub fn oversees(user: &AuthUser, assigned_by: Option<&str>, lead_path: &str) -> bool {
    match user.role {
        Role::Admin | Role::Supervisor => true,
        Role::AgencyManager => {
            assigned_by == Some(user.id.as_str()) && user.scope.contains(lead_path)
        }
        _ => false,
    }
}

/// Whether the caller may write in a task's discussion thread. Viewers write nothing, and
/// inspectors write only inside the supervision work they are members of (DESIGN section 4),
/// so neither comments on tasks.
pub fn may_comment(role: Role) -> bool {
    matches!(
        role,
        Role::Admin | Role::Supervisor | Role::AgencyManager | Role::AgencyStaff
    )
}

/// Whether the caller may take `action` on a task led by the agency at `lead_path`.
pub fn may_act(
    user: &AuthUser,
    action: TaskAction,
    assigned_by: Option<&str>,
    lead_path: &str,
) -> bool {
    let in_lead_agency = user.role.is_agency_scoped() && user.scope.contains(lead_path);
    match action {
        TaskAction::Start => in_lead_agency,
        TaskAction::Submit => in_lead_agency && user.role == Role::AgencyManager,
        TaskAction::Complete | TaskAction::Return | TaskAction::Cancel => {
            oversees(user, assigned_by, lead_path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, scope: &str) -> AuthUser {
        AuthUser {
            id: "me".into(),
            username: "me".into(),
            role,
            agency_id: None,
            scope: if scope.is_empty() {
                Scope::Province
            } else {
                Scope::Subtree(scope.into())
            },
            request_id: None,
        }
    }

    #[test]
    fn the_lead_agency_starts_and_its_manager_submits() {
        let staff = user(Role::AgencyStaff, "/a/");
        let manager = user(Role::AgencyManager, "/a/");
        assert!(may_act(&staff, TaskAction::Start, None, "/a/b/"));
        assert!(!may_act(&staff, TaskAction::Submit, None, "/a/b/"));
        assert!(may_act(&manager, TaskAction::Submit, None, "/a/"));
        assert!(!may_act(&manager, TaskAction::Start, None, "/z/"));
        assert!(!may_act(
            &user(Role::Supervisor, ""),
            TaskAction::Start,
            None,
            "/a/"
        ));
    }

    #[test]
    fn supervisors_or_the_assigning_manager_complete() {
        let manager = user(Role::AgencyManager, "/a/");
        assert!(may_act(
            &user(Role::Supervisor, ""),
            TaskAction::Complete,
            None,
            "/a/"
        ));
        assert!(may_act(&manager, TaskAction::Complete, Some("me"), "/a/b/"));
        assert!(!may_act(
            &manager,
            TaskAction::Complete,
            Some("someone-else"),
            "/a/b/"
        ));
        assert!(!may_act(&manager, TaskAction::Return, Some("me"), "/z/"));
        assert!(!may_act(
            &user(Role::Viewer, ""),
            TaskAction::Cancel,
            None,
            "/a/"
        ));
    }

    #[test]
    fn viewers_and_inspectors_do_not_comment() {
        let writers: Vec<Role> = Role::ALL.into_iter().filter(|r| may_comment(*r)).collect();
        assert_eq!(
            writers,
            [
                Role::Admin,
                Role::Supervisor,
                Role::AgencyManager,
                Role::AgencyStaff
            ]
        );
    }

    #[test]
    fn managers_assign_inside_their_subtree() {
        let scope = Scope::Subtree("/a/".into());
        assert!(may_assign(Role::AgencyManager, &scope, "/a/b/"));
        assert!(!may_assign(Role::AgencyManager, &scope, "/z/"));
        assert!(!may_assign(Role::AgencyStaff, &scope, "/a/"));
        assert!(may_assign(Role::Supervisor, &Scope::Province, "/z/"));
    }
}
