//! The subject's report to a delegation (báo cáo phục vụ giám sát): its answers to the
//! outline, its workflow and its late flag.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::outline::Outline;
use crate::domain::values::parse_text;

stored_enum!(
    /// Where the subject's report stands.
    SubjectReportStatus {
        /// Being written by the subject; the delegation does not see it yet.
        Draft = "draft",
        /// Sent to the delegation.
        Submitted = "submitted",
        /// The delegation asked for a supplementary report by a new date.
        Returned = "returned",
    }
);

/// The subject edits its report while it is a draft or returned to it.
pub fn editable(status: SubjectReportStatus) -> bool {
    matches!(
        status,
        SubjectReportStatus::Draft | SubjectReportStatus::Returned
    )
}

/// A figure's value in an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FigureValue {
    /// A figure code of the answered section of the outline.
    pub code: String,
    /// Zero or more.
    #[schema(minimum = 0)]
    pub value: f64,
}

/// The answer to one section of the outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The section's number in the outline.
    pub section: String,
    #[schema(
        max_length = 20000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub text: Option<String>,
    #[schema(max_items = 20)]
    #[serde(default)]
    pub figures: Vec<FigureValue>,
}

const TEXT_MAX: usize = 20000;

/// Checks answers against the outline: each section of it answered at most once, each figure
/// one of that section's; mistakes as (field path, message).
pub fn check_answers(
    outline: &Outline,
    answers: Vec<Answer>,
) -> Result<Vec<Answer>, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let mut out: Vec<Answer> = Vec::with_capacity(answers.len());
    for (i, answer) in answers.into_iter().enumerate() {
        let at = format!("answers[{i}]");
        let Some(section) = outline.sections.iter().find(|s| s.number == answer.section) else {
            errors.push((
                format!("{at}.section"),
                "names no section of the outline".into(),
            ));
            continue;
        };
        if out.iter().any(|a| a.section == answer.section) {
            errors.push((format!("{at}.section"), "is answered twice".into()));
        }
        let text = answer.text.and_then(|t| match parse_text(&t, TEXT_MAX) {
            Ok(text) => Some(text),
            Err(message) => {
                errors.push((format!("{at}.text"), message));
                None
            }
        });
        for (j, figure) in answer.figures.iter().enumerate() {
            let field = format!("{at}.figures[{j}]");
            if !section.figures.iter().any(|f| f.code == figure.code) {
                errors.push((
                    format!("{field}.code"),
                    "names no figure of this section".into(),
                ));
            } else if answer.figures[..j].iter().any(|f| f.code == figure.code) {
                errors.push((format!("{field}.code"), "is given twice".into()));
            }
            if !figure.value.is_finite() || figure.value < 0.0 {
                errors.push((
                    format!("{field}.value"),
                    "must be a number of zero or more".into(),
                ));
            }
        }
        out.push(Answer {
            section: answer.section,
            text,
            figures: answer.figures,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outline::{Figure, Section};

    fn outline() -> Outline {
        Outline {
            sections: vec![Section {
                number: "1".into(),
                title: "Quán triệt".into(),
                guidance: None,
                figures: vec![Figure {
                    code: "1.1".into(),
                    label: "Số cán bộ".into(),
                    unit: None,
                }],
            }],
        }
    }

    fn answer(section: &str, code: &str, value: f64) -> Answer {
        Answer {
            section: section.into(),
            text: Some("Đã quán triệt".into()),
            figures: vec![FigureValue {
                code: code.into(),
                value,
            }],
        }
    }

    #[test]
    fn answers_follow_the_outline() {
        assert!(check_answers(&outline(), vec![answer("1", "1.1", 26.0)]).is_ok());
        let errors = check_answers(&outline(), vec![answer("2", "1.1", 1.0)]).unwrap_err();
        assert_eq!(errors[0].0, "answers[0].section");
        let errors = check_answers(&outline(), vec![answer("1", "9.9", -1.0)]).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            ["answers[0].figures[0].code", "answers[0].figures[0].value"]
        );
        let twice = check_answers(
            &outline(),
            vec![answer("1", "1.1", 1.0), answer("1", "1.1", 2.0)],
        );
        assert_eq!(twice.unwrap_err()[0].0, "answers[1].section");
    }

    #[test]
    fn editable_states() {
        assert!(editable(SubjectReportStatus::Returned));
        assert!(!editable(SubjectReportStatus::Submitted));
    }
}
