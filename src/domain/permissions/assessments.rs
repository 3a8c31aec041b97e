//! Who may register, score, submit, review and decide yearly self-assessments (tự đánh giá).

use super::Actor;
use crate::domain::assessment::AssessmentAction;
use crate::domain::role::Role;

/// The agency's manager registers it; supervisors register any agency, also late.
pub fn may_register(actor: &impl Actor, agency_path: &str) -> bool {
    actor.supervises() || actor.heads(agency_path)
}

/// Whether the role registers agencies at all (checked before the agency is looked up).
pub fn registers(actor: &impl Actor) -> bool {
    actor.supervises() || actor.role() == Role::AgencyManager
}

/// Whether a late registration is still accepted from the caller: only from supervisors.
pub fn registers_late(actor: &impl Actor) -> bool {
    actor.supervises()
}

/// The agency's staff and managers score it, its manager (its head) submits; supervisors
/// review-score, return, extend and decide.
pub fn may(actor: &impl Actor, action: AssessmentAction, agency_path: &str) -> bool {
    match action {
        AssessmentAction::SelfScore => actor.works_in(agency_path),
        AssessmentAction::Submit => actor.heads(agency_path),
        AssessmentAction::ReviewScore
        | AssessmentAction::Return
        | AssessmentAction::Decide
        | AssessmentAction::Extend => actor.supervises(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::permissions::testing::actor;

    #[test]
    fn the_agency_scores_and_submits_supervisors_judge() {
        let staff = actor(Role::AgencyStaff, "/a/");
        let manager = actor(Role::AgencyManager, "/a/");
        let supervisor = actor(Role::Supervisor, "");
        assert!(may(&staff, AssessmentAction::SelfScore, "/a/"));
        assert!(!may(&staff, AssessmentAction::Submit, "/a/"));
        assert!(may(&manager, AssessmentAction::Submit, "/a/"));
        assert!(!may(&manager, AssessmentAction::SelfScore, "/z/"));
        assert!(!may(&manager, AssessmentAction::Decide, "/a/"));
        assert!(may(&supervisor, AssessmentAction::Decide, "/a/"));
        assert!(!may(&supervisor, AssessmentAction::SelfScore, "/a/"));
        assert!(!may(
            &actor(Role::Viewer, ""),
            AssessmentAction::Return,
            "/a/"
        ));
    }

    #[test]
    fn managers_register_their_own_agency_supervisors_any() {
        let manager = actor(Role::AgencyManager, "/a/");
        assert!(may_register(&manager, "/a/b/"));
        assert!(!may_register(&manager, "/z/"));
        assert!(may_register(&actor(Role::Supervisor, ""), "/z/"));
        assert!(!registers(&actor(Role::AgencyStaff, "/a/")));
        assert!(!registers_late(&manager));
    }
}
