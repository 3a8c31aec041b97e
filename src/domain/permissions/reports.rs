//! Who may write, submit and review progress reports (báo cáo tiến độ).

use super::Actor;

/// What a caller does to a report of a task led by some agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportAction {
    /// Draft, edit or revise a report, and attach or remove its evidence.
    Draft,
    Submit,
    Review,
}

/// The lead agency's staff and managers draft; its manager submits; supervisors review.
pub fn may(actor: &impl Actor, action: ReportAction, lead_path: &str) -> bool {
    match action {
        ReportAction::Draft => actor.works_in(lead_path),
        ReportAction::Submit => actor.heads(lead_path),
        ReportAction::Review => actor.supervises(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::permissions::testing::actor;
    use crate::domain::role::Role;

    #[test]
    fn the_lead_agency_drafts_its_head_submits_supervisors_review() {
        let staff = actor(Role::AgencyStaff, "/a/");
        let manager = actor(Role::AgencyManager, "/a/");
        assert!(may(&staff, ReportAction::Draft, "/a/b/"));
        assert!(!may(&staff, ReportAction::Submit, "/a/"));
        assert!(may(&manager, ReportAction::Submit, "/a/b/"));
        assert!(!may(&manager, ReportAction::Draft, "/z/"));
        assert!(!may(&manager, ReportAction::Review, "/a/"));
        assert!(may(
            &actor(Role::Supervisor, ""),
            ReportAction::Review,
            "/a/"
        ));
        assert!(!may(
            &actor(Role::Supervisor, ""),
            ReportAction::Draft,
            "/a/"
        ));
        assert!(!may(
            &actor(Role::Inspector, ""),
            ReportAction::Review,
            "/a/"
        ));
    }
}
