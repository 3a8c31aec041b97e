//! Periodic reviews (sơ kết, tổng kết): which period each kind covers.

use crate::domain::period::{Period, PeriodPart};

stored_enum!(
    /// What a review is.
    ReviewKind {
        /// Sơ kết 6 tháng: a half-year (`2026-H1`).
        HalfYear = "half_year",
        /// Tổng kết năm: a year (`2026`).
        Year = "year",
        /// Chuyên đề: a review of one subject over any period.
        Thematic = "thematic",
    }
);

/// The longest narrative section of a review, in characters.
pub const SECTION_MAX: usize = 50_000;

/// Checks that `period` is one `kind` reviews.
pub fn check_period(kind: ReviewKind, period: Period) -> Result<(), String> {
    match (kind, period.part) {
        (ReviewKind::HalfYear, PeriodPart::Half(1)) | (ReviewKind::Year, PeriodPart::Year) => {
            Ok(())
        }
        (ReviewKind::HalfYear, _) => {
            Err("a half-year review covers the first half (2026-H1)".into())
        }
        (ReviewKind::Year, _) => Err("a year-end review covers a year (2026)".into()),
        (ReviewKind::Thematic, _) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_covers_its_period() {
        let p = |raw| Period::parse(raw).unwrap();
        assert!(check_period(ReviewKind::HalfYear, p("2026-H1")).is_ok());
        assert!(check_period(ReviewKind::HalfYear, p("2026-H2")).is_err());
        assert!(check_period(ReviewKind::HalfYear, p("2026")).is_err());
        assert!(check_period(ReviewKind::Year, p("2026")).is_ok());
        assert!(check_period(ReviewKind::Year, p("2026-9M")).is_err());
        assert!(check_period(ReviewKind::Thematic, p("2026-M03")).is_ok());
    }
}
