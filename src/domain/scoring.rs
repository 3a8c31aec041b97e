//! Scoring an assessment against its pinned framework version: totals, the proposed rating and
//! the cap of a failed "không để xảy ra" condition.

use std::collections::BTreeMap;

use super::framework::{is_half_point, rating_for, Criterion, Rating, Scheme};

/// One criterion's mark: points for a point criterion, met or not for a disqualifying one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    Points(f64),
    Met(bool),
}

/// What a set of marks amounts to.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Sum of the points given; unscored criteria count as 0.
    pub total: f64,
    /// Criteria without a mark, in framework order.
    pub missing: Vec<String>,
    /// Disqualifying conditions marked as not met.
    pub failed: Vec<String>,
    /// The rating the rules give; `None` until every criterion is marked.
    pub rating: Option<Rating>,
    /// Whether the rules recognise the agency; `None` until every criterion is marked.
    pub recognised: Option<bool>,
}

impl Outcome {
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }

    pub fn disqualified(&self) -> bool {
        !self.failed.is_empty()
    }
}

/// Checks a mark against its criterion.
pub fn check_mark(criterion: &Criterion, mark: Mark) -> Result<Mark, (&'static str, String)> {
    match (criterion.disqualifying, mark) {
        (true, Mark::Met(_)) => Ok(mark),
        (true, Mark::Points(_)) => Err((
            "score",
            "is a disqualifying condition: send `met` (true or false), not a score".into(),
        )),
        (false, Mark::Met(_)) => Err((
            "met",
            "is a point criterion: send a `score`, not `met`".into(),
        )),
        (false, Mark::Points(p)) if !is_half_point(p) => {
            Err(("score", "must be a whole or half point".into()))
        }
        (false, Mark::Points(p)) if p < 0.0 || p > f64::from(criterion.max_points) => Err((
            "score",
            format!("must be between 0 and {}", criterion.max_points),
        )),
        (false, Mark::Points(_)) => Ok(mark),
    }
}

/// Totals and the rating for `marks` (keyed by criterion code; unknown codes are ignored).
/// A failed disqualifying condition caps the rating at the framework's level and means the
/// agency is not recognised, whatever the points.
pub fn evaluate(scheme: &Scheme, marks: &BTreeMap<String, Mark>) -> Outcome {
    let mut outcome = Outcome {
        total: 0.0,
        missing: Vec::new(),
        failed: Vec::new(),
        rating: None,
        recognised: None,
    };
    for criterion in scheme.criteria() {
        match marks.get(&criterion.code) {
            None => outcome.missing.push(criterion.code.clone()),
            Some(Mark::Points(p)) => outcome.total += p,
            Some(Mark::Met(false)) => outcome.failed.push(criterion.code.clone()),
            Some(Mark::Met(true)) => {}
        }
    }
    if outcome.complete() {
        let by_points = rating_for(outcome.total, &scheme.thresholds);
        let rating = if outcome.disqualified() {
            by_points.min(scheme.disqualified_rating)
        } else {
            by_points
        };
        outcome.rating = Some(rating);
        outcome.recognised = Some(!outcome.disqualified() && rating != Rating::Weak);
    }
    outcome
}

/// Why a decision goes against what the rules give, if it does; such a decision needs an
/// explicit override reason. Recognising a disqualified agency, or rating above the rules, does.
pub fn contradiction(rules: &Outcome, recognised: bool, rating: Rating) -> Option<String> {
    if recognised && rules.disqualified() {
        return Some(format!(
            "the agency failed the disqualifying condition(s) {}",
            rules.failed.join(", ")
        ));
    }
    match rules.rating {
        Some(allowed) if rating > allowed => Some(format!(
            "the scores give at most {}, not {}",
            allowed.as_str(),
            rating.as_str()
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::framework::{CriterionGroup, Thresholds};
    use super::*;

    fn criterion(code: &str, max_points: u32, disqualifying: bool) -> Criterion {
        Criterion {
            code: code.into(),
            title: code.into(),
            guidance: None,
            max_points,
            disqualifying,
        }
    }

    /// 60 + 40 points and one condition; excellent 90, good 75, average 50.
    fn scheme() -> Scheme {
        Scheme {
            groups: vec![CriterionGroup {
                code: "1".into(),
                title: "Nhóm 1".into(),
                criteria: vec![
                    criterion("A", 60, false),
                    criterion("B", 40, false),
                    criterion("KX1", 0, true),
                ],
            }],
            thresholds: Thresholds {
                excellent: 90.0,
                good: 75.0,
                average: 50.0,
            },
            disqualified_rating: Rating::Weak,
        }
    }

    fn marks(a: f64, b: f64, met: bool) -> BTreeMap<String, Mark> {
        BTreeMap::from([
            ("A".to_owned(), Mark::Points(a)),
            ("B".to_owned(), Mark::Points(b)),
            ("KX1".to_owned(), Mark::Met(met)),
        ])
    }

    #[test]
    fn full_marks_are_excellent_and_recognised() {
        let outcome = evaluate(&scheme(), &marks(60.0, 40.0, true));
        assert_eq!(outcome.total, 100.0);
        assert_eq!(outcome.rating, Some(Rating::Excellent));
        assert_eq!(outcome.recognised, Some(true));
    }

    #[test]
    fn ratings_change_exactly_at_the_thresholds() {
        let rate = |a, b| evaluate(&scheme(), &marks(a, b, true)).rating;
        assert_eq!(rate(50.0, 40.0), Some(Rating::Excellent));
        assert_eq!(rate(49.5, 40.0), Some(Rating::Good));
        assert_eq!(rate(35.0, 40.0), Some(Rating::Good));
        assert_eq!(rate(34.5, 40.0), Some(Rating::Average));
        assert_eq!(rate(10.0, 40.0), Some(Rating::Average));
        assert_eq!(rate(9.5, 40.0), Some(Rating::Weak));
    }

    #[test]
    fn weak_is_not_recognised() {
        let outcome = evaluate(&scheme(), &marks(9.5, 40.0, true));
        assert_eq!(outcome.recognised, Some(false));
    }

    #[test]
    fn a_failed_condition_caps_full_points() {
        let outcome = evaluate(&scheme(), &marks(60.0, 40.0, false));
        assert_eq!(outcome.total, 100.0);
        assert_eq!(outcome.failed, vec!["KX1".to_owned()]);
        assert_eq!(outcome.rating, Some(Rating::Weak));
        assert_eq!(outcome.recognised, Some(false));
    }

    #[test]
    fn the_cap_is_the_frameworks_and_never_raises() {
        let capped_at_average = Scheme {
            disqualified_rating: Rating::Average,
            ..scheme()
        };
        let high = evaluate(&capped_at_average, &marks(60.0, 40.0, false));
        assert_eq!(high.rating, Some(Rating::Average));
        assert_eq!(high.recognised, Some(false));
        let low = evaluate(&capped_at_average, &marks(0.0, 0.0, false));
        assert_eq!(low.rating, Some(Rating::Weak));
    }

    #[test]
    fn missing_scores_count_zero_and_leave_no_rating() {
        let partial = BTreeMap::from([("A".to_owned(), Mark::Points(60.0))]);
        let outcome = evaluate(&scheme(), &partial);
        assert_eq!(outcome.total, 60.0);
        assert_eq!(outcome.missing, vec!["B".to_owned(), "KX1".to_owned()]);
        assert_eq!(outcome.rating, None);
        assert_eq!(outcome.recognised, None);
        let nothing = evaluate(&scheme(), &BTreeMap::new());
        assert_eq!((nothing.total, nothing.missing.len()), (0.0, 3));
    }

    #[test]
    fn a_failed_condition_shows_before_scoring_is_complete() {
        let partial = BTreeMap::from([("KX1".to_owned(), Mark::Met(false))]);
        let outcome = evaluate(&scheme(), &partial);
        assert!(outcome.disqualified());
        assert_eq!(outcome.rating, None);
    }

    #[test]
    fn marks_are_checked_against_their_criterion() {
        let a = criterion("A", 60, false);
        let kx = criterion("KX1", 0, true);
        assert!(check_mark(&a, Mark::Points(60.0)).is_ok());
        assert!(check_mark(&a, Mark::Points(0.0)).is_ok());
        assert_eq!(
            check_mark(&a, Mark::Points(60.5)).map_err(|e| e.0),
            Err("score")
        );
        assert!(check_mark(&a, Mark::Points(-0.5)).is_err());
        assert!(check_mark(&a, Mark::Points(1.25)).is_err());
        assert!(check_mark(&a, Mark::Points(f64::NAN)).is_err());
        assert_eq!(check_mark(&a, Mark::Met(true)).map_err(|e| e.0), Err("met"));
        assert!(check_mark(&kx, Mark::Met(false)).is_ok());
        assert_eq!(
            check_mark(&kx, Mark::Points(1.0)).map_err(|e| e.0),
            Err("score")
        );
    }

    #[test]
    fn decisions_against_the_rules_are_named() {
        let failed = evaluate(&scheme(), &marks(60.0, 40.0, false));
        assert!(contradiction(&failed, true, Rating::Excellent).is_some());
        assert!(contradiction(&failed, false, Rating::Weak).is_none());
        assert!(contradiction(&failed, false, Rating::Good).is_some());
        let good = evaluate(&scheme(), &marks(40.0, 40.0, true));
        assert!(contradiction(&good, true, Rating::Good).is_none());
        assert!(contradiction(&good, true, Rating::Average).is_none());
        assert!(contradiction(&good, true, Rating::Excellent).is_some());
    }
}
