//! Who may manage assessment campaigns (đợt đánh giá).

use super::Actor;

/// Supervisors (and admins) run campaigns; every logged-in user reads them.
pub fn may_manage(actor: &impl Actor) -> bool {
    actor.supervises()
}
