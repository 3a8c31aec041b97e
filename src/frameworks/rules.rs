//! Who may read and write frameworks.

use crate::auth::AuthUser;
use crate::domain::role::Role;

/// Frameworks are data that admins keep (DESIGN section 4).
pub fn may_write(user: &AuthUser) -> bool {
    user.role == Role::Admin
}

/// Drafts are work in progress: admins edit them, supervisors prepare campaigns from them.
pub fn sees_drafts(user: &AuthUser) -> bool {
    matches!(user.role, Role::Admin | Role::Supervisor)
}
