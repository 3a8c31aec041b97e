//! A delegation's conclusion for one subject (dự thảo kết luận -> kết luận): its status, the
//! findings and recommendations a draft holds, the time limits around it (data with their
//! source, DESIGN section 10) and the state of a recommendation carried out as a task.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::task::{check_target, Target, TaskStatus};
use crate::domain::values::parse_text;

stored_enum!(
    /// Where a subject's conclusion stands.
    ConclusionStatus {
        /// Dự thảo: written by the delegation; the subject does not see it yet.
        Drafting = "drafting",
        /// Sent to the subject for comments (góp ý dự thảo).
        Sent = "sent",
        /// Kết luận issued: registered as a directive, recommendations carried as tasks.
        Concluded = "concluded",
    }
);

/// The document a conclusion is issued as, in the directive register.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConclusionDocument {
    /// Kết luận (an inspection's or a Party committee's conclusion).
    #[default]
    Conclusion,
    /// Thông báo kết luận / thông báo kết quả giám sát.
    Notice,
}

impl ConclusionDocument {
    pub fn directive_kind(self) -> crate::domain::directive::DirectiveKind {
        use crate::domain::directive::DirectiveKind;
        match self {
            Self::Conclusion => DirectiveKind::Conclusion,
            Self::Notice => DirectiveKind::Notice,
        }
    }
}

/// The most recommendations one conclusion carries.
pub const RECOMMENDATIONS_MAX: usize = 30;
/// The longest recommendation.
pub const RECOMMENDATION_MAX: usize = 2000;
/// The longest finding (strengths, shortcomings, causes) and comment.
pub const FINDING_MAX: usize = 20000;

/// A one-line title of at most `max` characters for a longer text (a recommendation's task, a
/// conclusion named after its delegation): its first line, cut with an ellipsis.
pub fn title_of(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() <= max {
        return line.to_owned();
    }
    let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// One recommendation of a draft (kiến nghị): what the subject must do and by when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftRecommendation {
    #[schema(
        min_length = 1,
        max_length = 2000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub content: String,
    /// When the follow-up task is due; on or after the conclusion's issue date.
    pub due_on: NaiveDate,
    /// The figure the follow-up task must reach, if any.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::http::optional_object"
    )]
    pub target: Option<Target>,
}

/// The findings of a draft (kết quả giám sát): what was done well, what fell short and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Findings {
    /// Ưu điểm.
    #[schema(
        max_length = 20000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub strengths: Option<String>,
    /// Hạn chế, khuyết điểm.
    #[schema(
        max_length = 20000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub shortcomings: Option<String>,
    /// Nguyên nhân.
    #[schema(
        max_length = 20000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub causes: Option<String>,
}

/// Mistakes as (field path, message).
pub type Mistakes = Vec<(String, String)>;

/// Checks a draft's findings and recommendations: texts clean and within their limits, at
/// most [`RECOMMENDATIONS_MAX`] recommendations, none twice.
pub fn check_draft(
    findings: Findings,
    recommendations: Vec<DraftRecommendation>,
) -> Result<(Findings, Vec<DraftRecommendation>), Mistakes> {
    let mut errors = Vec::new();
    let mut text = |field: &str, value: Option<String>| {
        value.and_then(|t| match parse_text(&t, FINDING_MAX) {
            Ok(t) => Some(t),
            Err(m) => {
                errors.push((field.to_owned(), m));
                None
            }
        })
    };
    let findings = Findings {
        strengths: text("strengths", findings.strengths),
        shortcomings: text("shortcomings", findings.shortcomings),
        causes: text("causes", findings.causes),
    };
    if recommendations.len() > RECOMMENDATIONS_MAX {
        errors.push((
            "recommendations".into(),
            format!("must have at most {RECOMMENDATIONS_MAX} items"),
        ));
    }
    let mut out: Vec<DraftRecommendation> = Vec::with_capacity(recommendations.len());
    let mut given: Vec<String> = Vec::with_capacity(recommendations.len());
    for (i, r) in recommendations.into_iter().enumerate() {
        let field = format!("recommendations[{i}].content");
        let target = r.target.map(check_target).transpose().map_err(|mistakes| {
            errors.extend(
                mistakes
                    .into_iter()
                    .map(|(f, m)| (format!("recommendations[{i}].target.{f}"), m)),
            )
        });
        match (parse_text(&r.content, RECOMMENDATION_MAX), target) {
            (Ok(content), _) if given.contains(&content) => {
                errors.push((field, "is given twice".into()))
            }
            (Ok(content), Ok(target)) => {
                given.push(content.clone());
                out.push(DraftRecommendation {
                    content,
                    due_on: r.due_on,
                    target,
                })
            }
            (Ok(content), Err(())) => given.push(content),
            (Err(m), _) => errors.push((field, m)),
        }
    }
    if errors.is_empty() {
        Ok((findings, out))
    } else {
        Err(errors)
    }
}

/// A conclusion issued on `issued_on` needs at least one recommendation, each due on or after
/// that day; mistakes as (field path, message).
pub fn check_issue(issued_on: NaiveDate, recommendations: &[DraftRecommendation]) -> Mistakes {
    if recommendations.is_empty() {
        return vec![(
            "recommendations".into(),
            "the draft has no recommendation to carry out".into(),
        )];
    }
    recommendations
        .iter()
        .enumerate()
        .filter(|(_, r)| r.due_on < issued_on)
        .map(|(i, _)| {
            (
                format!("recommendations[{i}].due_on"),
                format!("must not come before the conclusion's issue date, {issued_on}"),
            )
        })
        .collect()
}

stored_enum!(
    /// Where a recommendation stands, from its follow-up task (Vietnam's calendar).
    RecommendationState {
        /// Not started, due date not passed.
        Open = "open",
        /// Being carried out (started, reported or returned), due date not passed.
        InProgress = "in_progress",
        /// Completed by its due date.
        DoneOnTime = "done_on_time",
        /// Completed after its due date.
        DoneLate = "done_late",
        /// Not completed and its due date has passed.
        Overdue = "overdue",
        /// Its task was cancelled (with a reason, in the task's history).
        Cancelled = "cancelled",
    }
);

/// The state of a recommendation whose task is in `status`, due on `due_on`, completed on
/// `completed_on`, seen on `today`.
pub fn recommendation_state(
    status: TaskStatus,
    due_on: NaiveDate,
    completed_on: Option<NaiveDate>,
    today: NaiveDate,
) -> RecommendationState {
    use RecommendationState as R;
    match (status, completed_on) {
        (TaskStatus::Cancelled, _) => R::Cancelled,
        (TaskStatus::Completed, Some(done)) if done <= due_on => R::DoneOnTime,
        (TaskStatus::Completed, _) => R::DoneLate,
        _ if today > due_on => R::Overdue,
        (TaskStatus::Open, _) => R::Open,
        _ => R::InProgress,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rec(content: &str, due_on: NaiveDate) -> DraftRecommendation {
        DraftRecommendation {
            content: content.into(),
            due_on,
            target: None,
        }
    }

    #[test]
    fn a_draft_has_clean_texts_and_no_recommendation_twice() {
        let findings = Findings {
            strengths: Some("  Đã quán triệt  ".into()),
            ..Default::default()
        };
        let (f, recs) =
            check_draft(findings, vec![rec("Hoàn thiện báo cáo", d(2018, 9, 30))]).expect("valid");
        assert_eq!(f.strengths.as_deref(), Some("Đã quán triệt"));
        assert_eq!(recs.len(), 1);
        let twice = vec![rec("A", d(2018, 9, 30)), rec("A ", d(2018, 10, 30))];
        let errors = check_draft(Findings::default(), twice).unwrap_err();
        assert_eq!(errors[0].0, "recommendations[1].content");
        let blank = check_draft(Findings::default(), vec![rec(" ", d(2018, 9, 30))]);
        assert_eq!(blank.unwrap_err()[0].0, "recommendations[0].content");
        let mut counted = rec("Tập huấn", d(2018, 9, 30));
        counted.target = Some(Target {
            value: -1.0,
            unit: "buổi".into(),
        });
        let errors = check_draft(Findings::default(), vec![counted]).unwrap_err();
        assert_eq!(errors[0].0, "recommendations[0].target.value");
    }

    #[test]
    fn recommendations_fall_due_after_the_conclusion() {
        let issued = d(2018, 8, 15);
        let recs = [rec("A", d(2018, 8, 15)), rec("B", d(2018, 8, 14))];
        let errors = check_issue(issued, &recs);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, "recommendations[1].due_on");
        assert_eq!(check_issue(issued, &[])[0].0, "recommendations");
        assert_eq!(
            title_of("\n Hoàn thiện báo cáo\nchi tiết", 500),
            "Hoàn thiện báo cáo"
        );
        assert_eq!(title_of("abcdef", 4), "abc…");
    }

    #[test]
    fn a_recommendation_state_follows_its_task_and_the_calendar() {
        use RecommendationState as R;
        use TaskStatus as S;
        let due = d(2018, 12, 31);
        let before = d(2018, 12, 1);
        let after = d(2019, 1, 1);
        assert_eq!(recommendation_state(S::Open, due, None, before), R::Open);
        assert_eq!(recommendation_state(S::Open, due, None, due), R::Open);
        assert_eq!(recommendation_state(S::Open, due, None, after), R::Overdue);
        let submitted = recommendation_state(S::Submitted, due, None, before);
        assert_eq!(submitted, R::InProgress);
        let done = recommendation_state(S::Completed, due, Some(due), after);
        assert_eq!(done, R::DoneOnTime);
        let late = recommendation_state(S::Completed, due, Some(after), after);
        assert_eq!(late, R::DoneLate);
        let cancelled = recommendation_state(S::Cancelled, due, None, after);
        assert_eq!(cancelled, R::Cancelled);
    }
}
