//! Who may assign, change, discuss and move tasks (nhiệm vụ). Visibility (scope) is applied in
//! SQL by the task queries; these rules judge a task the caller already sees.

use super::Actor;
use crate::domain::role::Role;
use crate::domain::task::TaskAction;

/// Whether the caller's role assigns tasks at all (checked before the body is read).
pub fn assigns(actor: &impl Actor) -> bool {
    matches!(
        actor.role(),
        Role::Admin | Role::Supervisor | Role::AgencyManager
    )
}

/// Whether the caller may assign a task led by an agency at `lead_path`: supervisors and
/// admins anywhere, agency managers inside their own subtree.
pub fn may_assign(actor: &impl Actor, lead_path: &str) -> bool {
    actor.supervises() || actor.heads(lead_path)
}

/// Whether the caller oversees the task: a supervisor or admin, or the manager who assigned
/// it while the lead agency is still inside its subtree.
pub fn oversees(actor: &impl Actor, assigned_by: Option<&str>, lead_path: &str) -> bool {
    actor.supervises() || (assigned_by == Some(actor.user_id()) && actor.heads(lead_path))
}

/// Whether the caller may write in a task's discussion thread. Viewers write nothing, and
/// inspectors write only inside the supervision work they are members of (DESIGN section 4),
/// so neither comments on tasks.
pub fn may_comment(actor: &impl Actor) -> bool {
    matches!(
        actor.role(),
        Role::Admin | Role::Supervisor | Role::AgencyManager | Role::AgencyStaff
    )
}

/// Whether the caller may take `action` on a task led by the agency at `lead_path`.
pub fn may_act(
    actor: &impl Actor,
    action: TaskAction,
    assigned_by: Option<&str>,
    lead_path: &str,
) -> bool {
    match action {
        TaskAction::Start => actor.works_in(lead_path),
        TaskAction::Submit => actor.heads(lead_path),
        TaskAction::Complete | TaskAction::Return | TaskAction::Cancel => {
            oversees(actor, assigned_by, lead_path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::permissions::testing::actor;

    #[test]
    fn the_lead_agency_starts_and_its_manager_submits() {
        let staff = actor(Role::AgencyStaff, "/a/");
        let manager = actor(Role::AgencyManager, "/a/");
        assert!(may_act(&staff, TaskAction::Start, None, "/a/b/"));
        assert!(!may_act(&staff, TaskAction::Submit, None, "/a/b/"));
        assert!(may_act(&manager, TaskAction::Submit, None, "/a/"));
        assert!(!may_act(&manager, TaskAction::Start, None, "/z/"));
        let supervisor = actor(Role::Supervisor, "");
        assert!(!may_act(&supervisor, TaskAction::Start, None, "/a/"));
    }

    #[test]
    fn supervisors_or_the_assigning_manager_complete() {
        let manager = actor(Role::AgencyManager, "/a/");
        let supervisor = actor(Role::Supervisor, "");
        assert!(may_act(&supervisor, TaskAction::Complete, None, "/a/"));
        assert!(may_act(&manager, TaskAction::Complete, Some("me"), "/a/b/"));
        let other = Some("someone-else");
        assert!(!may_act(&manager, TaskAction::Complete, other, "/a/b/"));
        assert!(!may_act(&manager, TaskAction::Return, Some("me"), "/z/"));
        let viewer = actor(Role::Viewer, "");
        assert!(!may_act(&viewer, TaskAction::Cancel, None, "/a/"));
    }

    #[test]
    fn viewers_and_inspectors_do_not_comment() {
        let writers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| may_comment(&actor(*r, "/a/")))
            .collect();
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
        let manager = actor(Role::AgencyManager, "/a/");
        assert!(may_assign(&manager, "/a/b/"));
        assert!(!may_assign(&manager, "/z/"));
        assert!(!may_assign(&actor(Role::AgencyStaff, "/a/"), "/a/"));
        assert!(may_assign(&actor(Role::Supervisor, ""), "/z/"));
    }
}
