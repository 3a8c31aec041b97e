//! Framework input turned into checked content, with a message per field path.

use std::collections::HashSet;

use super::dto::{CreateFramework, CriterionInput, GroupInput, UpdateFramework};
use crate::domain::framework::{
    check_thresholds, is_half_point, parse_item_code, total_points, Criterion, CriterionGroup,
    Rating, Thresholds,
};
use crate::domain::values::parse_text;
use crate::domain::values::{AgencyCode, AgencyKind, Name};
use crate::error::{ApiError, FieldErrors};

pub const NAME_MAX: usize = 300;
pub const TITLE_MAX: usize = 500;
pub const TEXT_MAX: usize = 5000;
pub const MAX_POINTS: f64 = 1000.0;
/// Enough for any real standard; keeps one framework document small.
pub const CRITERIA_MAX: usize = 300;

/// Checked framework content.
#[derive(Debug, Clone)]
pub struct Content {
    pub name: String,
    pub description: Option<String>,
    pub applies_to: Vec<AgencyKind>,
    pub groups: Vec<CriterionGroup>,
    pub thresholds: Thresholds,
    pub disqualified_rating: Rating,
}

/// Checked changes to a draft; `None` leaves a part as it is.
#[derive(Debug, Default)]
pub struct ContentPatch {
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub applies_to: Option<Vec<AgencyKind>>,
    pub groups: Option<Vec<CriterionGroup>>,
    pub thresholds: Option<Thresholds>,
    pub disqualified_rating: Option<Rating>,
}

fn parse_max_points(input: &CriterionInput) -> Result<u32, String> {
    match (input.disqualifying, input.max_points) {
        (true, None) => Ok(0),
        (true, Some(0.0)) => Ok(0),
        (true, Some(_)) => Err("a disqualifying condition has no points: leave it out or 0".into()),
        (false, Some(p)) if p.fract() == 0.0 && (1.0..=MAX_POINTS).contains(&p) => Ok(p as u32),
        (false, _) => Err(format!("must be a whole number from 1 to {MAX_POINTS}")),
    }
}

fn parse_criterion(
    errors: &mut FieldErrors,
    at: &str,
    input: &CriterionInput,
    seen: &mut HashSet<String>,
) -> Option<Criterion> {
    let code = errors.take(&format!("{at}.code"), parse_item_code(&input.code));
    if let Some(code) = &code {
        if !seen.insert(code.clone()) {
            errors.add(
                &format!("{at}.code"),
                format!("{code} is used by another criterion"),
            );
        }
    }
    let title = errors.take(&format!("{at}.title"), parse_name(&input.title, TITLE_MAX));
    let guidance = input
        .guidance
        .as_ref()
        .map(|g| errors.take(&format!("{at}.guidance"), parse_text(g, TEXT_MAX)));
    let max_points = errors.take(&format!("{at}.max_points"), parse_max_points(input));
    Some(Criterion {
        code: code?,
        title: title?,
        guidance: guidance.map_or(Some(None), |g| g.map(Some))?,
        max_points: max_points?,
        disqualifying: input.disqualifying,
    })
}

fn parse_name(raw: &str, max: usize) -> Result<String, String> {
    Name::parse(raw, max).map(Name::into_inner)
}

fn parse_groups(errors: &mut FieldErrors, input: &[GroupInput]) -> Option<Vec<CriterionGroup>> {
    if input.is_empty() || input.len() > 50 {
        errors.add("groups", "must have 1 to 50 groups");
        return None;
    }
    let count: usize = input.iter().map(|g| g.criteria.len()).sum();
    if count > CRITERIA_MAX {
        errors.add(
            "groups",
            format!("must have at most {CRITERIA_MAX} criteria in all"),
        );
        return None;
    }
    let (mut group_codes, mut criterion_codes) = (HashSet::new(), HashSet::new());
    let mut groups = Vec::with_capacity(input.len());
    for (i, group) in input.iter().enumerate() {
        let at = format!("groups[{i}]");
        let code = errors.take(&format!("{at}.code"), parse_item_code(&group.code));
        if let Some(code) = &code {
            if !group_codes.insert(code.clone()) {
                errors.add(
                    &format!("{at}.code"),
                    format!("{code} is used by another group"),
                );
            }
        }
        let title = errors.take(&format!("{at}.title"), parse_name(&group.title, TITLE_MAX));
        if group.criteria.is_empty() || group.criteria.len() > 100 {
            errors.add(&format!("{at}.criteria"), "must have 1 to 100 criteria");
        }
        let criteria: Vec<Option<Criterion>> = group
            .criteria
            .iter()
            .enumerate()
            .map(|(j, c)| {
                parse_criterion(
                    errors,
                    &format!("{at}.criteria[{j}]"),
                    c,
                    &mut criterion_codes,
                )
            })
            .collect();
        if let (Some(code), Some(title), Some(criteria)) = (
            code,
            title,
            criteria.into_iter().collect::<Option<Vec<_>>>(),
        ) {
            groups.push(CriterionGroup {
                code,
                title,
                criteria,
            });
        }
    }
    (groups.len() == input.len()).then_some(groups)
}

fn parse_applies_to(errors: &mut FieldErrors, kinds: &[AgencyKind]) -> Option<Vec<AgencyKind>> {
    if kinds.is_empty() || kinds.len() > AgencyKind::ALL.len() {
        errors.add("applies_to", "must name 1 to 7 agency kinds");
        return None;
    }
    let mut unique = Vec::new();
    for kind in kinds {
        if !unique.contains(kind) {
            unique.push(*kind);
        }
    }
    Some(unique)
}

/// Thresholds are checked against the criteria they will be used with.
pub fn check_content(groups: &[CriterionGroup], thresholds: &Thresholds) -> Result<(), ApiError> {
    let total = total_points(groups);
    if total <= 0.0 {
        return Err(ApiError::field(
            "groups",
            "must have at least one criterion with points",
        ));
    }
    check_thresholds(thresholds, total).map_err(|m| ApiError::field("thresholds", m))
}

impl CreateFramework {
    pub fn parse(self) -> Result<(String, Content), ApiError> {
        let mut errors = FieldErrors::default();
        let code = errors.take(
            "code",
            AgencyCode::parse(&self.code).map(AgencyCode::into_inner),
        );
        let patch = UpdateFramework {
            name: Some(self.name),
            description: Some(self.description),
            applies_to: Some(self.applies_to),
            groups: Some(self.groups),
            thresholds: Some(self.thresholds),
            disqualified_rating: self.disqualified_rating,
        }
        .parse_into(&mut errors);
        errors.finish()?;
        let content = match (code.clone(), patch) {
            (
                Some(_),
                ContentPatch {
                    name: Some(name),
                    description: Some(description),
                    applies_to: Some(applies_to),
                    groups: Some(groups),
                    thresholds: Some(thresholds),
                    disqualified_rating,
                },
            ) => Content {
                name,
                description,
                applies_to,
                groups,
                thresholds,
                disqualified_rating: disqualified_rating.unwrap_or(Rating::Weak),
            },
            _ => return Err(ApiError::internal("framework parse lost a field")),
        };
        check_content(&content.groups, &content.thresholds)?;
        Ok((code.unwrap_or_default(), content))
    }
}

impl UpdateFramework {
    pub fn parse(self) -> Result<ContentPatch, ApiError> {
        let mut errors = FieldErrors::default();
        let patch = self.parse_into(&mut errors);
        errors.finish()?;
        Ok(patch)
    }

    fn parse_into(self, errors: &mut FieldErrors) -> ContentPatch {
        let description = match self.description {
            Some(Some(d)) => errors
                .take("description", parse_text(&d, TEXT_MAX))
                .map(Some),
            other => other,
        };
        ContentPatch {
            name: self
                .name
                .and_then(|n| errors.take("name", parse_name(&n, NAME_MAX))),
            description,
            applies_to: self.applies_to.and_then(|k| parse_applies_to(errors, &k)),
            groups: self.groups.and_then(|g| parse_groups(errors, &g)),
            thresholds: self.thresholds.and_then(|t| {
                let each = [t.excellent, t.good, t.average];
                let ok = each
                    .iter()
                    .all(|p| is_half_point(*p) && (0.5..=100_000.0).contains(p));
                if ok {
                    Some(t)
                } else {
                    errors.add(
                        "thresholds",
                        "must be whole or half points from 0.5 to 100000",
                    );
                    None
                }
            }),
            disqualified_rating: self.disqualified_rating,
        }
    }
}
