//! Who may do what (DESIGN section 4, the roles table): pure rules over a caller's role and
//! scope, one file per resource. Only the resources' access modules call them, so a handler
//! gets a row together with the verdict and cannot forget to ask.

use crate::domain::role::Role;
use crate::domain::scope::Scope;

pub mod administration;
pub mod assessments;
pub mod campaigns;
pub mod delegations;
pub mod directives;
pub mod frameworks;
pub mod reports;
pub mod reviews;
pub mod tasks;
pub mod users;

/// What the rules need to know of a caller: who, in which role, seeing which part of the tree.
pub trait Actor {
    fn user_id(&self) -> &str;
    fn role(&self) -> Role;
    fn scope(&self) -> &Scope;

    /// Supervisors and admins: the provincial roles that review, decide and run campaigns.
    fn supervises(&self) -> bool {
        matches!(self.role(), Role::Admin | Role::Supervisor)
    }

    /// An agency role whose subtree holds the agency at `path`.
    fn works_in(&self, path: &str) -> bool {
        self.role().is_agency_scoped() && self.scope().contains(path)
    }

    /// The manager (head) of an agency whose subtree holds the agency at `path`.
    fn heads(&self, path: &str) -> bool {
        self.role() == Role::AgencyManager && self.scope().contains(path)
    }
}

/// The province's own work, done for no caller: seeding and the CLI. Acts with an admin's
/// rights over the whole province; grep for it, nothing a request names goes through here.
pub struct System;

static PROVINCE: Scope = Scope::Province;

impl Actor for System {
    fn user_id(&self) -> &str {
        ""
    }
    fn role(&self) -> Role {
        Role::Admin
    }
    fn scope(&self) -> &Scope {
        &PROVINCE
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A caller for the rules' unit tests: `scope` "" is the province.
    pub struct TestActor {
        pub id: &'static str,
        pub role: Role,
        pub scope: Scope,
    }

    pub fn actor(role: Role, scope: &str) -> TestActor {
        TestActor {
            id: "me",
            role,
            scope: if scope.is_empty() {
                Scope::Province
            } else {
                Scope::Subtree(scope.into())
            },
        }
    }

    impl Actor for TestActor {
        fn user_id(&self) -> &str {
            self.id
        }
        fn role(&self) -> Role {
            self.role
        }
        fn scope(&self) -> &Scope {
            &self.scope
        }
    }
}
