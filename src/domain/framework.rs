//! Scoring frameworks (bộ tiêu chí): criteria, ratings and the thresholds between them.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A rating (xếp loại), ordered from lowest to highest.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum Rating {
    /// Yếu.
    Weak,
    /// Trung bình.
    Average,
    /// Khá.
    Good,
    /// Xuất sắc.
    Excellent,
}

text_enum!(Rating { Weak = "weak", Average = "average", Good = "good", Excellent = "excellent" });

/// Where a framework version stands.
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
pub enum FrameworkStatus {
    /// Being edited by admins; campaigns cannot use it yet.
    Draft,
    /// Immutable; campaigns pin it.
    Published,
}

text_enum!(FrameworkStatus { Draft = "draft", Published = "published" });

/// Points needed for each rating; below `average` is weak.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Points needed for "excellent" (xuất sắc).
    #[schema(minimum = 0.5, maximum = 100000, multiple_of = 0.5)]
    pub excellent: f64,
    /// Points needed for "good" (khá).
    #[schema(minimum = 0.5, maximum = 100000, multiple_of = 0.5)]
    pub good: f64,
    /// Points needed for "average" (trung bình).
    #[schema(minimum = 0.5, maximum = 100000, multiple_of = 0.5)]
    pub average: f64,
}

/// One criterion (tiêu chí).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Criterion {
    /// Unique within the framework, e.g. `1.2` or `KX1`.
    pub code: String,
    pub title: String,
    /// How to score it and what evidence to attach (hướng dẫn).
    pub guidance: Option<String>,
    /// Points available; 0 for a disqualifying condition.
    pub max_points: u32,
    /// A "không để xảy ra" condition: scored as met or not; a failed one caps the result.
    pub disqualifying: bool,
}

/// A group of criteria (nhóm tiêu chí).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CriterionGroup {
    pub code: String,
    pub title: String,
    pub criteria: Vec<Criterion>,
}

/// What scoring needs from a framework version.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheme {
    pub groups: Vec<CriterionGroup>,
    pub thresholds: Thresholds,
    /// The highest rating an agency that failed a disqualifying condition can get.
    pub disqualified_rating: Rating,
}

impl Scheme {
    pub fn criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.groups.iter().flat_map(|g| g.criteria.iter())
    }

    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria().find(|c| c.code == code)
    }
}

/// The points available in all groups.
pub fn total_points(groups: &[CriterionGroup]) -> f64 {
    groups
        .iter()
        .flat_map(|g| g.criteria.iter())
        .map(|c| f64::from(c.max_points))
        .sum()
}

/// The JSON Schema pattern equivalent to [`parse_item_code`].
pub const ITEM_CODE_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$";

/// A group or criterion code: 1-16 letters, digits, `.`, `_`, `-`, starting with a letter or digit.
pub fn parse_item_code(raw: &str) -> Result<String, String> {
    let ok = (1..=16).contains(&raw.len())
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        && raw.starts_with(|c: char| c.is_ascii_alphanumeric());
    if ok {
        Ok(raw.to_owned())
    } else {
        Err(
            "must be 1 to 16 letters, digits, '.', '_' or '-', starting with a letter or digit"
                .into(),
        )
    }
}

/// Whether `points` is a whole or half point: such values add up exactly.
pub fn is_half_point(points: f64) -> bool {
    points.is_finite() && (points * 2.0).fract() == 0.0
}

/// Thresholds must rise from average to excellent, be reachable, and be whole or half points.
pub fn check_thresholds(t: &Thresholds, total: f64) -> Result<(), String> {
    if ![t.excellent, t.good, t.average]
        .into_iter()
        .all(is_half_point)
    {
        return Err("thresholds must be whole or half points".into());
    }
    if !(0.0 < t.average && t.average < t.good && t.good < t.excellent) {
        return Err("thresholds must rise: 0 < average < good < excellent".into());
    }
    if t.excellent > total {
        return Err(format!(
            "excellent needs {} points but the criteria give only {total}",
            t.excellent
        ));
    }
    Ok(())
}

/// The rating reached by `points`; a threshold is reached when met exactly.
pub fn rating_for(points: f64, t: &Thresholds) -> Rating {
    if points >= t.excellent {
        Rating::Excellent
    } else if points >= t.good {
        Rating::Good
    } else if points >= t.average {
        Rating::Average
    } else {
        Rating::Weak
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Thresholds = Thresholds {
        excellent: 90.0,
        good: 75.0,
        average: 50.0,
    };

    #[test]
    fn thresholds_are_reached_when_met_exactly() {
        assert_eq!(rating_for(90.0, &T), Rating::Excellent);
        assert_eq!(rating_for(89.5, &T), Rating::Good);
        assert_eq!(rating_for(75.0, &T), Rating::Good);
        assert_eq!(rating_for(74.5, &T), Rating::Average);
        assert_eq!(rating_for(50.0, &T), Rating::Average);
        assert_eq!(rating_for(49.5, &T), Rating::Weak);
        assert_eq!(rating_for(0.0, &T), Rating::Weak);
    }

    #[test]
    fn thresholds_must_rise_and_fit_the_total() {
        assert!(check_thresholds(&T, 100.0).is_ok());
        assert!(check_thresholds(&T, 90.0).is_ok());
        assert!(check_thresholds(&T, 89.5).is_err());
        let flat = Thresholds { good: 90.0, ..T };
        assert!(check_thresholds(&flat, 100.0).is_err());
        let zero = Thresholds { average: 0.0, ..T };
        assert!(check_thresholds(&zero, 100.0).is_err());
        let odd = Thresholds {
            average: 50.25,
            ..T
        };
        assert!(check_thresholds(&odd, 100.0).is_err());
    }

    #[test]
    fn ratings_are_ordered() {
        assert!(Rating::Weak < Rating::Average && Rating::Good < Rating::Excellent);
    }

    #[test]
    fn item_codes() {
        assert!(parse_item_code("1.2").is_ok());
        assert!(parse_item_code("KX1").is_ok());
        assert!(parse_item_code(".1").is_err());
        assert!(parse_item_code("").is_err());
        assert!(parse_item_code("a b").is_err());
    }
}
