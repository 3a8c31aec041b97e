//! Who may write, submit and review reports.

use crate::auth::AuthUser;
use crate::domain::role::Role;

/// The lead agency's staff and managers draft, edit and revise its reports.
pub fn may_draft(user: &AuthUser, lead_path: &str) -> bool {
    user.role.is_agency_scoped() && user.scope.contains(lead_path)
}

/// The lead agency's manager submits.
pub fn may_submit(user: &AuthUser, lead_path: &str) -> bool {
    user.role == Role::AgencyManager && user.scope.contains(lead_path)
}

/// Supervisors (and admins) review.
pub fn may_review(user: &AuthUser) -> bool {
    matches!(user.role, Role::Admin | Role::Supervisor)
}
