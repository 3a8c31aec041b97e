//! What an API client (a provincial system's service account) may do: the scopes of its
//! OAuth 2.0 access tokens (RFC 6749 section 3.3). Each operation open to clients names the
//! scope it needs in its OpenAPI `security`; an operation that names none is closed to them.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A scope an API client may be granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
pub enum ClientScope {
    /// Read tasks and their history.
    #[serde(rename = "tasks:read")]
    TasksRead,
    /// Create and change tasks, and move them through their workflow.
    #[serde(rename = "tasks:write")]
    TasksWrite,
    /// Draft, change and send progress reports and their evidence.
    #[serde(rename = "reports:write")]
    ReportsWrite,
    /// Register and correct directives.
    #[serde(rename = "directives:write")]
    DirectivesWrite,
    /// Read self-assessments and their campaigns.
    #[serde(rename = "assessments:read")]
    AssessmentsRead,
    /// Read the agency tree.
    #[serde(rename = "agencies:read")]
    AgenciesRead,
    /// Read supervision plans, delegations, their notices, reports, sessions and conclusions,
    /// and the recommendations followed up.
    #[serde(rename = "delegations:read")]
    DelegationsRead,
    /// Read the change feed: the changes to the records the client may read with its other
    /// scopes.
    #[serde(rename = "changes:read")]
    ChangesRead,
    /// Subscribe webhooks to the changes the client may read, and follow their deliveries.
    #[serde(rename = "webhooks:manage")]
    WebhooksManage,
}

text_enum!(ClientScope {
    TasksRead = "tasks:read",
    TasksWrite = "tasks:write",
    ReportsWrite = "reports:write",
    DirectivesWrite = "directives:write",
    AssessmentsRead = "assessments:read",
    AgenciesRead = "agencies:read",
    DelegationsRead = "delegations:read",
    ChangesRead = "changes:read",
    WebhooksManage = "webhooks:manage",
});

impl ClientScope {
    /// What it opens, for the API description.
    pub fn description(self) -> &'static str {
        match self {
            Self::TasksRead => "Read tasks",
            Self::TasksWrite => "Create and change tasks and move them through their workflow",
            Self::ReportsWrite => "Draft, change and send progress reports and their evidence",
            Self::DirectivesWrite => "Register and correct directives",
            Self::AssessmentsRead => "Read self-assessments and their campaigns",
            Self::AgenciesRead => "Read the agency tree",
            Self::DelegationsRead => {
                "Read supervision plans, delegations and their records, and recommendations"
            }
            Self::ChangesRead => "Read the changes to the records the other scopes read",
            Self::WebhooksManage => "Manage webhooks for the changes the other scopes read",
        }
    }
}

/// A set of scopes, sorted and without repeats, as stored (space-separated, RFC 6749's form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeSet(Vec<ClientScope>);

impl ScopeSet {
    /// At least one scope, none twice.
    pub fn new(scopes: &[ClientScope]) -> Result<Self, String> {
        let mut sorted = scopes.to_vec();
        sorted.sort();
        sorted.dedup();
        if sorted.is_empty() {
            Err("must name at least one scope".into())
        } else if sorted.len() != scopes.len() {
            Err("must not name a scope twice".into())
        } else {
            Ok(Self(sorted))
        }
    }

    /// The stored or requested form: scope names separated by spaces; unknown names refused.
    pub fn parse(text: &str) -> Result<Self, String> {
        let scopes: Option<Vec<_>> = text.split_whitespace().map(ClientScope::parse).collect();
        Self::new(&scopes.ok_or_else(|| "names an unknown scope".to_owned())?)
    }

    /// A token request's `scope`: known names, a repeat taken once.
    pub fn parse_requested(text: &str) -> Result<Self, String> {
        let mut scopes: Vec<_> = text
            .split(' ')
            .map(ClientScope::parse)
            .collect::<Option<_>>()
            .ok_or_else(|| "names an unknown scope".to_owned())?;
        scopes.sort();
        scopes.dedup();
        Self::new(&scopes)
    }

    pub fn scopes(&self) -> &[ClientScope] {
        &self.0
    }

    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|s| s.as_str() == name)
    }

    /// The scopes of `requested` when they are all in this set.
    pub fn narrowed_to(&self, requested: &ScopeSet) -> Option<ScopeSet> {
        requested
            .0
            .iter()
            .all(|s| self.0.contains(s))
            .then(|| requested.clone())
    }

    pub fn to_text(&self) -> String {
        let names: Vec<_> = self.0.iter().map(|s| s.as_str()).collect();
        names.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_a_set_in_their_stored_form() {
        let set = ScopeSet::parse("tasks:read reports:write").unwrap();
        assert_eq!(set.to_text(), "tasks:read reports:write");
        assert!(set.contains("reports:write") && !set.contains("tasks:write"));
        assert!(ScopeSet::parse("tasks:read tasks:read").is_err());
        assert!(ScopeSet::parse("tasks:delete").is_err());
        assert!(ScopeSet::parse(" ").is_err());
        let asked = ScopeSet::parse_requested("tasks:read tasks:read").unwrap();
        assert_eq!(asked.to_text(), "tasks:read");
        assert!(ScopeSet::parse_requested("tasks:read  reports:write").is_err());
        let narrow = ScopeSet::parse("tasks:read").unwrap();
        assert_eq!(set.narrowed_to(&narrow), Some(narrow.clone()));
        let wider = ScopeSet::parse("assessments:read").unwrap();
        assert_eq!(narrow.narrowed_to(&wider), None);
    }
}
