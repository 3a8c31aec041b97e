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
    /// Điều chuyển chức năng: a function (the open tasks of one directive, or named tasks)
    /// goes from one agency to another; both go on, and the accounts stay.
    Transfer,
    /// Đổi tên: the agency goes on under a new name; its records keep the name they were
    /// made under, in its lineage.
    Rename,
    /// Chia tách: one agency ends; each share's successor takes the tasks named in it, the
    /// main successor the rest of the open work and the accounts.
    Split,
}

text_enum!(ReorganisationKind {
    Merge = "merge",
    Dissolve = "dissolve",
    Transfer = "transfer",
    Rename = "rename",
    Split = "split"
});

impl ReorganisationKind {
    /// The kinds whose agencies end, leaving a lineage; the others keep their agencies.
    pub const ENDING: [ReorganisationKind; 3] = [
        ReorganisationKind::Merge,
        ReorganisationKind::Dissolve,
        ReorganisationKind::Split,
    ];

    /// Whether open work moves to another agency (every kind but a rename).
    pub fn moves_work(self) -> bool {
        self != ReorganisationKind::Rename
    }

    /// Whether its agencies end (and leave a lineage), or only some of their work moves.
    pub fn ends_agencies(self) -> bool {
        Self::ENDING.contains(&self)
    }
}

/// At most this many tasks are named in one transfer.
pub const TRANSFER_TASKS_MAX: usize = 500;

/// What a transfer moves and a rename names, as the request gives them.
#[derive(Debug, Clone, Copy)]
pub struct Function<'a> {
    pub directive_id: Option<&'a str>,
    pub task_ids: Option<&'a [String]>,
    pub accounts_given: bool,
    /// Whether the request gives a new name (a rename must, nothing else may).
    pub new_name_given: bool,
    /// A split's shares: each successor with the tasks it takes.
    pub shares: Option<&'a [(String, Vec<String>)]>,
}

/// At most this many shares in a split.
pub const SHARES_MAX: usize = 10;

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
/// none twice, the successor not among them, the decision not after its effective date, and
/// a function named by exactly a transfer.
pub fn shape_errors(
    kind: ReorganisationKind,
    sources: &[String],
    successor: Option<&str>,
    (decision_date, effective_on): (NaiveDate, NaiveDate),
    function: Function<'_>,
) -> Vec<(&'static str, String)> {
    let mut errors = Vec::new();
    let one = |what: &str| ("agency_ids", format!("must name the one agency {what}"));
    match kind {
        ReorganisationKind::Merge if !(1..=SOURCES_MAX).contains(&sources.len()) => errors.push((
            "agency_ids",
            format!("must name 1 to {SOURCES_MAX} agencies"),
        )),
        ReorganisationKind::Dissolve if sources.len() != 1 => errors.push(one("dissolved")),
        ReorganisationKind::Transfer if sources.len() != 1 => {
            errors.push(one("the function leaves"))
        }
        ReorganisationKind::Rename if sources.len() != 1 => errors.push(one("renamed")),
        ReorganisationKind::Split if sources.len() != 1 => errors.push(one("split")),
        _ => {}
    }
    if has_duplicates(sources) {
        errors.push(("agency_ids", "must not name an agency twice".into()));
    }
    errors.extend(successor_errors(kind, sources, successor));
    if decision_date > effective_on {
        errors.push(("effective_on", "must not be before decision_date".into()));
    }
    errors.extend(function_errors(kind, function));
    errors.extend(share_errors(kind, function.shares, successor));
    errors
}

fn share_errors(
    kind: ReorganisationKind,
    shares: Option<&[(String, Vec<String>)]>,
    successor: Option<&str>,
) -> Option<(&'static str, String)> {
    let message = match (kind == ReorganisationKind::Split, shares) {
        (false, None) => return None,
        (false, Some(_)) => "only a split has shares".to_owned(),
        (true, None) => "a split names the share of each other successor".to_owned(),
        (true, Some(shares)) if !(1..=SHARES_MAX).contains(&shares.len()) => {
            format!("must name 1 to {SHARES_MAX} shares")
        }
        (true, Some(shares)) => {
            let successors: Vec<String> = shares.iter().map(|(s, _)| s.clone()).collect();
            let tasks: Vec<String> = shares.iter().flat_map(|(_, t)| t.clone()).collect();
            if has_duplicates(&successors)
                || successor.is_some_and(|s| successors.iter().any(|x| x == s))
            {
                "each share names another successor, once".to_owned()
            } else if shares.iter().any(|(_, t)| t.is_empty()) || tasks.len() > TRANSFER_TASKS_MAX {
                format!("each share names at least one task, {TRANSFER_TASKS_MAX} in all")
            } else if has_duplicates(&tasks) {
                "a task goes to one share only".to_owned()
            } else {
                return None;
            }
        }
    };
    Some(("shares", message))
}

fn successor_errors(
    kind: ReorganisationKind,
    sources: &[String],
    successor: Option<&str>,
) -> Option<(&'static str, String)> {
    let message = match (kind, successor) {
        (ReorganisationKind::Rename, None) => return None,
        (ReorganisationKind::Rename, Some(_)) => "a rename keeps its agency: give no successor",
        (_, None) => "is required",
        (_, Some(s)) if sources.iter().any(|source| source == s) => {
            "must not be one of the agencies that end"
        }
        _ => return None,
    };
    Some(("successor_id", message.into()))
}

fn function_errors(kind: ReorganisationKind, f: Function<'_>) -> Vec<(&'static str, String)> {
    let mut errors = Vec::new();
    let rename = kind == ReorganisationKind::Rename;
    if rename != f.new_name_given {
        let message = match rename {
            true => "a rename gives the new name",
            false => "only a rename gives a new name",
        };
        errors.push(("new_name", message.into()));
    }
    if !kind.ends_agencies() && f.accounts_given {
        errors.push(("accounts", "no agency ends: its accounts stay".into()));
    }
    if kind != ReorganisationKind::Transfer {
        if f.directive_id.is_some() {
            errors.push(("directive_id", "only a transfer names a function".into()));
        }
        if f.task_ids.is_some() {
            errors.push(("task_ids", "only a transfer names a function".into()));
        }
        return errors;
    }
    match (f.directive_id, f.task_ids) {
        (Some(_), Some(_)) | (None, None) => errors.push((
            "task_ids",
            "a transfer names either directive_id or task_ids".into(),
        )),
        (None, Some(tasks)) if !(1..=TRANSFER_TASKS_MAX).contains(&tasks.len()) => errors.push((
            "task_ids",
            format!("must name 1 to {TRANSFER_TASKS_MAX} tasks"),
        )),
        (None, Some(tasks)) if has_duplicates(tasks) => {
            errors.push(("task_ids", "must not name a task twice".into()))
        }
        _ => {}
    }
    errors
}

fn has_duplicates(items: &[String]) -> bool {
    let mut sorted = items.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.len() != items.len()
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

    const NONE: Function<'static> = Function {
        directive_id: None,
        task_ids: None,
        accounts_given: false,
        new_name_given: false,
        shares: None,
    };

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, d).unwrap()
    }

    #[test]
    fn a_merge_into_another_agency_after_its_decision_is_well_formed() {
        let sources = ["a".to_owned(), "b".to_owned()];
        let errors = shape_errors(
            ReorganisationKind::Merge,
            &sources,
            Some("c"),
            (day(1), day(1)),
            NONE,
        );
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
                Some("a"),
                (day(2), day(1)),
                NONE
            )),
            ["agency_ids", "agency_ids", "successor_id", "effective_on"]
        );
        assert_eq!(
            fields(shape_errors(
                ReorganisationKind::Merge,
                &[],
                Some("c"),
                (day(1), day(1)),
                NONE
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

    #[test]
    fn a_transfer_names_one_agency_and_one_function() {
        let one = ["a".to_owned()];
        let tasks = ["t".to_owned(), "t".to_owned()];
        let check = |f: Function<'_>| {
            let errors = shape_errors(
                ReorganisationKind::Transfer,
                &one,
                Some("b"),
                (day(1), day(1)),
                f,
            );
            errors.into_iter().map(|(f, _)| f).collect::<Vec<_>>()
        };
        let directive = Function {
            directive_id: Some("d"),
            ..NONE
        };
        assert!(check(directive).is_empty());
        assert_eq!(check(NONE), ["task_ids"]);
        let both = Function {
            task_ids: Some(&tasks[..1]),
            accounts_given: true,
            ..directive
        };
        assert_eq!(check(both), ["accounts", "task_ids"]);
        let twice = Function {
            task_ids: Some(&tasks),
            ..NONE
        };
        assert_eq!(check(twice), ["task_ids"]);
        let merge = shape_errors(
            ReorganisationKind::Merge,
            &one,
            Some("b"),
            (day(1), day(1)),
            directive,
        );
        assert_eq!(merge[0].0, "directive_id");
    }

    #[test]
    fn a_rename_names_one_agency_and_its_new_name_and_no_successor() {
        let one = ["a".to_owned()];
        let fields = |successor, f| {
            let dates = (day(1), day(1));
            let errors = shape_errors(ReorganisationKind::Rename, &one, successor, dates, f);
            errors.into_iter().map(|(f, _)| f).collect::<Vec<_>>()
        };
        let named = Function {
            new_name_given: true,
            ..NONE
        };
        assert!(fields(None, named).is_empty());
        assert_eq!(fields(Some("b"), NONE), ["successor_id", "new_name"]);
        let merge = shape_errors(
            ReorganisationKind::Merge,
            &one,
            None,
            (day(1), day(1)),
            named,
        );
        let merge: Vec<_> = merge.into_iter().map(|(f, _)| f).collect();
        assert_eq!(merge, ["successor_id", "new_name"]);
    }

    #[test]
    fn a_split_gives_each_other_successor_its_own_tasks() {
        let one = ["a".to_owned()];
        let share = |to: &str, tasks: &[&str]| {
            (
                to.to_owned(),
                tasks.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>(),
            )
        };
        let fields = |shares: &[(String, Vec<String>)]| {
            let f = Function {
                shares: Some(shares),
                ..NONE
            };
            let dates = (day(1), day(1));
            let errors = shape_errors(ReorganisationKind::Split, &one, Some("b"), dates, f);
            errors.into_iter().map(|(f, _)| f).collect::<Vec<_>>()
        };
        assert!(fields(&[share("c", &["t1"])]).is_empty());
        assert_eq!(fields(&[share("b", &["t1"])]), ["shares"]);
        assert_eq!(
            fields(&[share("c", &["t1"]), share("d", &["t1"])]),
            ["shares"]
        );
        assert_eq!(fields(&[share("c", &[])]), ["shares"]);
        assert_eq!(fields(&[]), ["shares"]);
    }
}
