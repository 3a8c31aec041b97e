//! Who may manage campaigns.

use crate::auth::AuthUser;
use crate::domain::role::Role;

/// Supervisors (and admins) run campaigns; every logged-in user reads them.
pub fn may_manage(user: &AuthUser) -> bool {
    matches!(user.role, Role::Admin | Role::Supervisor)
}
