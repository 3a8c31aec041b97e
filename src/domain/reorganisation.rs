//! Reorganisations (sắp xếp tổ chức bộ máy): their kinds and states, and the rules of a
//! decision's shape, checked before any agency is looked up. In 2025 provincial departments
//! were merged (Sở Thông tin và Truyền thông into Sở Khoa học và Công nghệ from 01/03/2025) and
//! the district level was dissolved: the open work of an agency that ends goes to a successor.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a reorganisation does.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum ReorganisationKind {
    /// Hợp nhất, sáp nhập: one or more agencies end and an existing agency takes over their
    /// open work and accounts.
    Merge,
    /// Giải thể: one agency ends; a successor takes over its open work and accounts.
    Dissolve,
}

text_enum!(ReorganisationKind { Merge = "merge", Dissolve = "dissolve" });

/// Where a reorganisation stands.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum ReorganisationStatus {
    /// Prepared, previewable, not yet applied.
    Draft,
    /// Applied by an admin ahead of its effective date: the scheduler applies it that day.
    Scheduled,
    /// Applied: its sources ended and their open work moved to the successor.
    Applied,
}

text_enum!(ReorganisationStatus { Draft = "draft", Scheduled = "scheduled", Applied = "applied" });

/// What becomes of the accounts of the agencies that end.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum AccountDisposition {
    /// They move to the successor (the people keep working there).
    #[default]
    Move,
    /// They are deactivated and their sessions end.
    Deactivate,
}

text_enum!(AccountDisposition { Move = "move", Deactivate = "deactivate" });

/// At most this many agencies end in one reorganisation.
pub const SOURCES_MAX: usize = 20;

/// The errors of a reorganisation's shape, field by field: how many sources its kind takes,
/// none twice, the successor not among them, the decision not after its effective date.
pub fn shape_errors(
    kind: ReorganisationKind,
    sources: &[String],
    successor: &str,
    decision_date: NaiveDate,
    effective_on: NaiveDate,
) -> Vec<(&'static str, String)> {
    let mut errors = Vec::new();
    match kind {
        ReorganisationKind::Merge if !(1..=SOURCES_MAX).contains(&sources.len()) => errors.push((
            "agency_ids",
            format!("must name 1 to {SOURCES_MAX} agencies"),
        )),
        ReorganisationKind::Dissolve if sources.len() != 1 => {
            errors.push(("agency_ids", "must name the one agency dissolved".into()))
        }
        _ => {}
    }
    let mut sorted = sources.to_vec();
    sorted.sort();
    sorted.dedup();
    if sorted.len() != sources.len() {
        errors.push(("agency_ids", "must not name an agency twice".into()));
    }
    if sources.iter().any(|s| s == successor) {
        errors.push((
            "successor_id",
            "must not be one of the agencies that end".into(),
        ));
    }
    if decision_date > effective_on {
        errors.push(("effective_on", "must not be before decision_date".into()));
    }
    errors
}

/// The agencies that ended, in one applied reorganisation or a chain of them, into an agency
/// for which `held` is true: those whose records its users inherited (scope across time).
/// `edges` are (successor, agency that ended) pairs; the walk stops on cycles.
pub fn predecessors(edges: &[(String, String)], held: impl Fn(&str) -> bool) -> Vec<&str> {
    let mut found: Vec<&str> = Vec::new();
    let mut frontier: Vec<&str> = edges
        .iter()
        .filter(|(successor, _)| held(successor))
        .map(|(_, ended)| ended.as_str())
        .collect();
    while let Some(agency) = frontier.pop() {
        if held(agency) || found.contains(&agency) {
            continue;
        }
        found.push(agency);
        let earlier = edges.iter().filter(|(successor, _)| successor == agency);
        frontier.extend(earlier.map(|(_, ended)| ended.as_str()));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, d).unwrap()
    }

    #[test]
    fn a_merge_into_another_agency_after_its_decision_is_well_formed() {
        let sources = ["a".to_owned(), "b".to_owned()];
        let errors = shape_errors(ReorganisationKind::Merge, &sources, "c", day(1), day(1));
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn shapes_that_cannot_be_applied_name_their_field() {
        let two = ["a".to_owned(), "a".to_owned()];
        let fields =
            |e: Vec<(&'static str, String)>| e.into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(
            fields(shape_errors(
                ReorganisationKind::Dissolve,
                &two,
                "a",
                day(2),
                day(1)
            )),
            ["agency_ids", "agency_ids", "successor_id", "effective_on"]
        );
        assert_eq!(
            fields(shape_errors(
                ReorganisationKind::Merge,
                &[],
                "c",
                day(1),
                day(1)
            )),
            ["agency_ids"]
        );
    }

    #[test]
    fn predecessors_follow_chains_of_reorganisations_and_stop_on_cycles() {
        let edge = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        // 2025: b and c merge into a; 2023: d had merged into c; e merged into x, unrelated.
        let edges = [
            edge("a", "b"),
            edge("a", "c"),
            edge("c", "d"),
            edge("x", "e"),
        ];
        let mut found = predecessors(&edges, |id| id == "a");
        found.sort();
        assert_eq!(found, ["b", "c", "d"]);
        assert!(predecessors(&edges, |id| id == "b").is_empty());
        let cycle = [edge("a", "b"), edge("b", "a")];
        assert_eq!(predecessors(&cycle, |id| id == "a"), ["b"]);
    }
}
