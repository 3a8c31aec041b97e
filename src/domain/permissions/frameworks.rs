//! Who may read and write assessment frameworks (bộ tiêu chí).

use super::Actor;
use crate::domain::role::Role;

/// Frameworks are data that admins keep (DESIGN section 4).
pub fn may_write(actor: &impl Actor) -> bool {
    actor.role() == Role::Admin
}

/// Drafts are work in progress: admins edit them, supervisors prepare campaigns from them.
pub fn sees_drafts(actor: &impl Actor) -> bool {
    actor.supervises()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::permissions::testing::actor;

    #[test]
    fn admins_write_supervisors_see_drafts() {
        assert!(may_write(&actor(Role::Admin, "")));
        assert!(!may_write(&actor(Role::Supervisor, "")));
        assert!(sees_drafts(&actor(Role::Supervisor, "")));
        assert!(!sees_drafts(&actor(Role::AgencyManager, "/a/")));
    }
}
