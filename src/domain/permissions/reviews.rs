//! Who reads and writes periodic reviews.

use super::Actor;

/// A review of the province (no agency) is read by the province's roles; a review of an
/// agency by them and by the users of a subtree that holds the agency.
pub fn sees(actor: &impl Actor, agency_path: Option<&str>) -> bool {
    !actor.role().is_agency_scoped() || agency_path.is_some_and(|path| actor.works_in(path))
}

/// Supervisors and admins write any review; an agency manager those of its subtree.
pub fn writes(actor: &impl Actor, agency_path: Option<&str>) -> bool {
    actor.supervises() || agency_path.is_some_and(|path| actor.heads(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::permissions::testing::actor;
    use crate::domain::role::Role;

    #[test]
    fn a_manager_writes_its_subtrees_reviews_and_staff_only_read_them() {
        let manager = actor(Role::AgencyManager, "/a/");
        assert!(writes(&manager, Some("/a/b/")) && sees(&manager, Some("/a/b/")));
        assert!(!writes(&manager, Some("/c/")) && !sees(&manager, Some("/c/")));
        assert!(!writes(&manager, None) && !sees(&manager, None));
        let staff = actor(Role::AgencyStaff, "/a/");
        assert!(sees(&staff, Some("/a/")) && !writes(&staff, Some("/a/")));
        let supervisor = actor(Role::Supervisor, "");
        assert!(writes(&supervisor, None) && sees(&supervisor, Some("/c/")));
        let viewer = actor(Role::Viewer, "");
        assert!(sees(&viewer, None) && !writes(&viewer, None));
    }
}
