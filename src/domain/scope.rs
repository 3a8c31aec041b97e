//! Agency scope (phạm vi): what part of the agency tree a user may see. Applied in SQL, never after
//! loading.

use crate::domain::role::Role;

/// The part of the agency tree visible to a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The whole province (provincial roles).
    Province,
    /// An agency and its descendants, given by the agency's materialised path.
    Subtree(String),
}

impl Scope {
    /// Agency roles without an agency see nothing: the impossible path matches no row.
    pub fn for_user(role: Role, agency_path: Option<&str>) -> Self {
        if !role.is_agency_scoped() {
            return Scope::Province;
        }
        Scope::Subtree(agency_path.unwrap_or("/no-agency/").to_owned())
    }

    /// The path of the subtree's root, or `None` for the whole province.
    pub fn subtree(&self) -> Option<&str> {
        match self {
            Scope::Province => None,
            Scope::Subtree(path) => Some(path),
        }
    }

    pub fn contains(&self, path: &str) -> bool {
        match self {
            Scope::Province => true,
            Scope::Subtree(scope) => crate::domain::agency_tree::is_within(path, scope),
        }
    }
}
