//! Who administers the agency tree and reads the audit trail (nhật ký).

use super::Actor;
use crate::domain::role::Role;

/// Admins keep the agency tree (create, move, rename, deactivate agencies).
pub fn administers_tree(actor: &impl Actor) -> bool {
    actor.role() == Role::Admin
}

/// Only admins read the audit trail: it names every account's actions province-wide.
pub fn reads_audit(actor: &impl Actor) -> bool {
    actor.role() == Role::Admin
}

/// Only admins keep the working-day calendar: every time limit in working days is counted on it.
pub fn maintains_calendar(actor: &impl Actor) -> bool {
    actor.role() == Role::Admin
}

/// Only admins set the province's time limits: every due date of supervision counts on them.
pub fn sets_time_limits(actor: &impl Actor) -> bool {
    actor.role() == Role::Admin
}

/// Admins and supervisors prepare reorganisations (drafts and their previews).
pub fn prepares_reorganisations(actor: &impl Actor) -> bool {
    matches!(actor.role(), Role::Admin | Role::Supervisor)
}

/// Only admins apply one: it ends agencies and moves their open work and accounts.
pub fn applies_reorganisations(actor: &impl Actor) -> bool {
    actor.role() == Role::Admin
}

/// The province roles read reorganisations; agency users read only their agency's lineage.
pub fn reads_reorganisations(actor: &impl Actor) -> bool {
    matches!(
        actor.role(),
        Role::Admin | Role::Supervisor | Role::Inspector | Role::Viewer
    )
}
