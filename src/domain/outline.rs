//! The outline a delegation sends for the subject's report (đề cương gợi ý báo cáo): numbered
//! sections, each with guidance and the figures to report (e.g. "số cán bộ được quán triệt",
//! with its unit). Checked whole, with a field path per mistake.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::values::{parse_text, Name};

pub const SECTIONS_MAX: usize = 50;
pub const FIGURES_MAX: usize = 20;
const NUMBER_MAX: usize = 10;
const TITLE_MAX: usize = 300;
const GUIDANCE_MAX: usize = 3000;
const LABEL_MAX: usize = 300;
const UNIT_MAX: usize = 30;

/// A figure the subject reports in a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Unique in the outline: letters, digits, `.`, `_`, `-` (e.g. `2.1-quan-triet`).
    #[schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    pub code: String,
    #[schema(
        min_length = 1,
        max_length = 300,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub label: String,
    #[schema(max_length = 30, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub unit: Option<String>,
}

/// A numbered section of the outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// "1", "2.3", "II"...; unique in the outline.
    #[schema(
        min_length = 1,
        max_length = 10,
        pattern = r"^[^\s\x00-\x1f\x7f-\x9f]+$"
    )]
    pub number: String,
    #[schema(
        min_length = 1,
        max_length = 300,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: String,
    /// What the subject should write here.
    #[schema(
        max_length = 3000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub guidance: Option<String>,
    /// Up to 20 figures.
    #[schema(max_items = 20)]
    #[serde(default)]
    pub figures: Vec<Figure>,
}

/// The whole outline, 1 to 50 sections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Outline {
    #[schema(min_items = 1, max_items = 50)]
    pub sections: Vec<Section>,
}

fn figure_code(code: &str) -> Result<(), String> {
    let ok = (1..=40).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_alphanumeric())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(
            "must be 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit"
                .into(),
        )
    }
}

impl Outline {
    /// The outline trimmed, or every mistake as (field path, message).
    pub fn parse(self, at: &str) -> Result<Outline, Vec<(String, String)>> {
        let mut errors = Vec::new();
        if self.sections.is_empty() || self.sections.len() > SECTIONS_MAX {
            errors.push((
                format!("{at}.sections"),
                format!("must have 1 to {SECTIONS_MAX} sections"),
            ));
            return Err(errors);
        }
        let mut numbers: Vec<String> = Vec::new();
        let mut codes: Vec<String> = Vec::new();
        let mut sections = Vec::with_capacity(self.sections.len());
        for (i, section) in self.sections.into_iter().enumerate() {
            let path = format!("{at}.sections[{i}]");
            let mut note = |field: &str, result: Result<String, String>| match result {
                Ok(value) => value,
                Err(message) => {
                    errors.push((format!("{path}.{field}"), message));
                    String::new()
                }
            };
            let number = note(
                "number",
                Name::parse(&section.number, NUMBER_MAX).map(Name::into_inner),
            );
            if !number.is_empty() && numbers.contains(&number) {
                note("number", Err("is used by another section".into()));
            }
            numbers.push(number.clone());
            let title = note(
                "title",
                Name::parse(&section.title, TITLE_MAX).map(Name::into_inner),
            );
            let guidance = section
                .guidance
                .map(|g| note("guidance", parse_text(&g, GUIDANCE_MAX)));
            if section.figures.len() > FIGURES_MAX {
                note(
                    "figures",
                    Err(format!("must have at most {FIGURES_MAX} figures")),
                );
            }
            let mut figures = Vec::with_capacity(section.figures.len());
            for (j, figure) in section.figures.into_iter().enumerate() {
                let field = |name: &str| format!("figures[{j}].{name}");
                if let Err(message) = figure_code(&figure.code) {
                    note(&field("code"), Err(message));
                } else if codes.contains(&figure.code) {
                    note(&field("code"), Err("is used by another figure".into()));
                }
                codes.push(figure.code.clone());
                let label = note(
                    &field("label"),
                    Name::parse(&figure.label, LABEL_MAX).map(Name::into_inner),
                );
                let unit = figure.unit.map(|u| {
                    note(
                        &field("unit"),
                        Name::parse(&u, UNIT_MAX).map(Name::into_inner),
                    )
                });
                figures.push(Figure {
                    code: figure.code,
                    label,
                    unit,
                });
            }
            sections.push(Section {
                number,
                title,
                guidance,
                figures,
            });
        }
        if errors.is_empty() {
            Ok(Outline { sections })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(number: &str, codes: &[&str]) -> Section {
        Section {
            number: number.into(),
            title: "Công tác quán triệt".into(),
            guidance: Some("Nêu số hội nghị, số cán bộ tham gia".into()),
            figures: codes
                .iter()
                .map(|c| Figure {
                    code: (*c).into(),
                    label: "Số cán bộ được quán triệt".into(),
                    unit: Some("người".into()),
                })
                .collect(),
        }
    }

    #[test]
    fn an_outline_names_each_mistake_by_its_path() {
        let ok = Outline {
            sections: vec![section("1", &["1.1"]), section("2", &["2.1", "2.2"])],
        };
        assert!(ok.parse("outline").is_ok());
        let twice = Outline {
            sections: vec![section("1", &["a"]), section("1", &["a"])],
        };
        let errors = twice.parse("outline").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "outline.sections[1].number",
                "outline.sections[1].figures[0].code"
            ]
        );
        let empty = Outline { sections: vec![] };
        assert_eq!(empty.parse("outline").unwrap_err()[0].0, "outline.sections");
        let bad_code = Outline {
            sections: vec![section("1", &["số"])],
        };
        assert_eq!(
            bad_code.parse("outline").unwrap_err()[0].0,
            "outline.sections[0].figures[0].code"
        );
    }
}
