//! What the change feed (nguồn thay đổi) carries: the kinds of record whose changes other
//! systems follow, and the scope an API client needs to follow each.

use super::client_scope::ClientScope;

stored_enum! {
    /// A kind of record in the change feed.
    ChangeType {
        Task = "task",
        Report = "report",
        Directive = "directive",
        Agency = "agency",
        Assessment = "assessment",
    }
}

impl ChangeType {
    /// The kind of an audited entity, when the feed carries it.
    pub fn of_entity(entity_type: &str) -> Option<Self> {
        Self::parse(entity_type)
    }

    /// The scope that opens the record's own `GET` to an API client: the feed shows a client
    /// only what it could read there.
    pub fn read_scope(self) -> ClientScope {
        match self {
            Self::Task | Self::Directive => ClientScope::TasksRead,
            Self::Report => ClientScope::ReportsWrite,
            Self::Agency => ClientScope::AgenciesRead,
            Self::Assessment => ClientScope::AssessmentsRead,
        }
    }

    /// The record's path in the API, where a client reads it again.
    pub fn path(self) -> &'static str {
        match self {
            Self::Task => "/api/v1/tasks/{id}",
            Self::Report => "/api/v1/reports/{id}",
            Self::Directive => "/api/v1/directives/{id}",
            Self::Agency => "/api/v1/agencies/{id}",
            Self::Assessment => "/api/v1/assessments/{id}",
        }
    }
}

/// The kinds named in a `types` filter (comma-separated); every kind when absent. Given but
/// empty names none, which is refused like an unknown kind.
pub fn parse_types(text: Option<&str>) -> Result<Vec<ChangeType>, String> {
    let Some(text) = text else {
        return Ok(ChangeType::ALL.to_vec());
    };
    let mut kinds = Vec::new();
    for name in text.split(',') {
        let kind = ChangeType::parse(name).ok_or_else(|| {
            let known: Vec<&str> = ChangeType::ALL.iter().map(|k| k.as_str()).collect();
            format!("names an unknown kind; known kinds: {}", known.join(", "))
        })?;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    Ok(kinds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_default_to_every_kind_and_refuse_unknown_ones() {
        assert_eq!(parse_types(None).unwrap(), ChangeType::ALL.to_vec());
        assert!(parse_types(Some("")).is_err());
        assert!(parse_types(Some(" ")).is_err());
        assert_eq!(
            parse_types(Some("report,task,report")).unwrap(),
            vec![ChangeType::Report, ChangeType::Task]
        );
        assert!(parse_types(Some("task,user")).is_err());
        assert!(parse_types(Some("task,")).is_err());
        assert!(parse_types(Some("task, report")).is_err());
    }

    #[test]
    fn only_the_feed_kinds_are_carried() {
        assert_eq!(ChangeType::of_entity("task"), Some(ChangeType::Task));
        assert_eq!(ChangeType::of_entity("user"), None);
        assert_eq!(ChangeType::of_entity("api_client"), None);
    }
}
