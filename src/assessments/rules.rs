//! Who may register, score, submit, review and decide.

use crate::auth::AuthUser;
use crate::domain::role::Role;

/// The agency's manager registers it; supervisors register any agency, also late.
pub fn may_register(user: &AuthUser, agency_path: &str) -> bool {
    may_review(user) || (user.role == Role::AgencyManager && user.scope.contains(agency_path))
}

/// The agency's staff and managers score it.
pub fn may_self_score(user: &AuthUser, agency_path: &str) -> bool {
    user.role.is_agency_scoped() && user.scope.contains(agency_path)
}

/// The agency's manager (its head) submits.
pub fn may_submit(user: &AuthUser, agency_path: &str) -> bool {
    user.role == Role::AgencyManager && user.scope.contains(agency_path)
}

/// Supervisors (and admins) review, return, extend and decide.
pub fn may_review(user: &AuthUser) -> bool {
    matches!(user.role, Role::Admin | Role::Supervisor)
}
