//! Reporting periods (kỳ báo cáo) and the dates their data cover. Nghị định 09/2019/NĐ-CP,
//! art. 12, cuts the data of every period on the 14th: a month runs from the 15th of the
//! previous month to the 14th, a year from 15/12 of the previous year to 14/12. The cut-off
//! day is the province's setting (`TimeLimitCode::PeriodCutoff`), so the dates are always
//! computed with it.

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate};

/// Which part of a year a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodPart {
    /// A month, 1 to 12 (`2026-M11`).
    Month(u32),
    /// A quarter, 1 to 4 (`2026-Q3`).
    Quarter(u32),
    /// A half-year, sơ kết 6 tháng (`2026-H1`), 1 or 2.
    Half(u32),
    /// The first nine months (`2026-9M`), which some provinces report on.
    NineMonths,
    /// The whole year, tổng kết năm (`2026`).
    Year,
}

/// A reporting period: a part of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub year: i32,
    pub part: PeriodPart,
}

/// What a period's notation must look like, for a field error.
pub const PERIOD_SHAPE: &str = "must be a year (2026), a half (2026-H1), a quarter (2026-Q3), \
     nine months (2026-9M) or a month (2026-M11)";

/// The earliest and latest years a period may name.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

impl Period {
    /// Reads `2026`, `2026-H1`, `2026-Q3`, `2026-9M`, `2026-M11` (or `2026-M1`) and the
    /// older `2026-11`.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let (year, part) = raw
            .split_once('-')
            .map_or((raw, None), |(y, p)| (y, Some(p)));
        let year = (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
            .then(|| year.parse::<i32>().ok())
            .flatten()
            .filter(|y| YEARS.contains(y))
            .ok_or_else(|| PERIOD_SHAPE.to_owned())?;
        let part = match part {
            None => Some(PeriodPart::Year),
            Some("9M") => Some(PeriodPart::NineMonths),
            Some(p) => parse_part(p),
        }
        .ok_or_else(|| PERIOD_SHAPE.to_owned())?;
        Ok(Self { year, part })
    }

    /// The first and last month of the year the period covers.
    pub fn months(self) -> (u32, u32) {
        match self.part {
            PeriodPart::Month(m) => (m, m),
            PeriodPart::Quarter(q) => (3 * q - 2, 3 * q),
            PeriodPart::Half(h) => (6 * h - 5, 6 * h),
            PeriodPart::NineMonths => (1, 9),
            PeriodPart::Year => (1, 12),
        }
    }

    /// The first and last day of the data the period covers, both included, when the data
    /// are cut off on day `cutoff` of each month (a day past a month's end is its last day).
    pub fn dates(self, cutoff: u32) -> (NaiveDate, NaiveDate) {
        let (first, last) = self.months();
        let start = previous_month_end(self.year, first, cutoff) + Duration::days(1);
        (start, month_end(self.year, last, cutoff))
    }

    /// The same period one year earlier, for "compared with the same period last year".
    pub fn a_year_earlier(self) -> Self {
        Self {
            year: self.year - 1,
            ..self
        }
    }

    /// The period of kind `granularity` whose data include `date`.
    pub fn containing(date: NaiveDate, granularity: Granularity, cutoff: u32) -> Self {
        let (mut year, mut month) = (date.year(), date.month());
        if date > month_end(year, month, cutoff) {
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
        let part = match granularity {
            Granularity::Month => PeriodPart::Month(month),
            Granularity::Quarter => PeriodPart::Quarter(month.div_ceil(3)),
        };
        Self { year, part }
    }

    /// The next period of the same kind (a year's nine months are followed by the next year's).
    pub fn next(self) -> Self {
        let (year, part) = match self.part {
            PeriodPart::Month(12) => (self.year + 1, PeriodPart::Month(1)),
            PeriodPart::Month(m) => (self.year, PeriodPart::Month(m + 1)),
            PeriodPart::Quarter(4) => (self.year + 1, PeriodPart::Quarter(1)),
            PeriodPart::Quarter(q) => (self.year, PeriodPart::Quarter(q + 1)),
            PeriodPart::Half(2) => (self.year + 1, PeriodPart::Half(1)),
            PeriodPart::Half(h) => (self.year, PeriodPart::Half(h + 1)),
            part @ (PeriodPart::NineMonths | PeriodPart::Year) => (self.year + 1, part),
        };
        Self { year, part }
    }
}

/// The data a dashboard counts for a period: the period's dates and the day its figures are
/// taken on (its last day, or today while it runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub period: Period,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub as_of: NaiveDate,
}

impl Window {
    pub fn new(period: Period, cutoff: u32, today: NaiveDate) -> Self {
        let (from, to) = period.dates(cutoff);
        Self {
            period,
            from,
            to,
            as_of: to.min(today),
        }
    }

    /// The same window one year earlier, taken on the same day of that year.
    pub fn a_year_earlier(self, cutoff: u32) -> Self {
        let earlier = Self::new(self.period.a_year_earlier(), cutoff, self.to);
        let as_of = self
            .as_of
            .checked_sub_months(chrono::Months::new(12))
            .unwrap_or(earlier.as_of);
        Self { as_of, ..earlier }
    }

    /// The instant (UTC, as stored) at which the day after `as_of` begins in Vietnam: what
    /// was recorded before it counts.
    pub fn recorded_before(self) -> chrono::NaiveDateTime {
        let next_day = (self.as_of + Duration::days(1)).and_time(chrono::NaiveTime::MIN);
        next_day - Duration::hours(crate::domain::task::VIETNAM_OFFSET_HOURS)
    }

    /// The instant (UTC) at which the window's first day begins in Vietnam.
    pub fn recorded_from(self) -> chrono::NaiveDateTime {
        self.from.and_time(chrono::NaiveTime::MIN)
            - Duration::hours(crate::domain::task::VIETNAM_OFFSET_HOURS)
    }
}

/// The step of a time series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Month,
    Quarter,
}

fn parse_part(part: &str) -> Option<PeriodPart> {
    let number = |digits: &str, max: u32| {
        (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<u32>().ok())
            .flatten()
            .filter(|n| (1..=max).contains(n))
    };
    if let Some(h) = part.strip_prefix('H') {
        return (h.len() == 1)
            .then(|| number(h, 2))
            .flatten()
            .map(PeriodPart::Half);
    }
    if let Some(q) = part.strip_prefix('Q') {
        return (q.len() == 1)
            .then(|| number(q, 4))
            .flatten()
            .map(PeriodPart::Quarter);
    }
    if let Some(m) = part.strip_prefix('M') {
        return number(m, 12).map(PeriodPart::Month);
    }
    (part.len() == 2)
        .then(|| number(part, 12))
        .flatten()
        .map(PeriodPart::Month)
}

/// The cut-off day of `month`: day `cutoff`, or the month's last day when it is shorter.
fn month_end(year: i32, month: u32, cutoff: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
    let last = first + chrono::Months::new(1) - Duration::days(1);
    first + Duration::days(i64::from(cutoff.clamp(1, last.day()) - 1))
}

fn previous_month_end(year: i32, month: u32, cutoff: u32) -> NaiveDate {
    if month == 1 {
        month_end(year - 1, 12, cutoff)
    } else {
        month_end(year, month - 1, cutoff)
    }
}

impl fmt::Display for Period {
    /// The canonical notation: `2026`, `2026-H1`, `2026-Q3`, `2026-9M`, `2026-M05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.part {
            PeriodPart::Year => write!(f, "{}", self.year),
            PeriodPart::Half(h) => write!(f, "{}-H{h}", self.year),
            PeriodPart::Quarter(q) => write!(f, "{}-Q{q}", self.year),
            PeriodPart::NineMonths => write!(f, "{}-9M", self.year),
            PeriodPart::Month(m) => write!(f, "{}-M{m:02}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dates(raw: &str) -> (NaiveDate, NaiveDate) {
        Period::parse(raw).unwrap().dates(14)
    }

    #[test]
    fn the_decree_cuts_every_period_on_the_14th() {
        assert_eq!(dates("2026-M11"), (day(2026, 10, 15), day(2026, 11, 14)));
        assert_eq!(dates("2026-M01"), (day(2025, 12, 15), day(2026, 1, 14)));
        assert_eq!(dates("2026-Q1"), (day(2025, 12, 15), day(2026, 3, 14)));
        assert_eq!(dates("2026-Q3"), (day(2026, 6, 15), day(2026, 9, 14)));
        assert_eq!(dates("2026-H1"), (day(2025, 12, 15), day(2026, 6, 14)));
        assert_eq!(dates("2026-H2"), (day(2026, 6, 15), day(2026, 12, 14)));
        assert_eq!(dates("2026-9M"), (day(2025, 12, 15), day(2026, 9, 14)));
        assert_eq!(dates("2026"), (day(2025, 12, 15), day(2026, 12, 14)));
    }

    #[test]
    fn a_cutoff_past_the_month_end_is_its_last_day() {
        let feb = |y| Period::parse(&format!("{y}-M02")).unwrap();
        assert_eq!(feb(2024).dates(31), (day(2024, 2, 1), day(2024, 2, 29)));
        assert_eq!(feb(2026).dates(31), (day(2026, 2, 1), day(2026, 2, 28)));
        assert_eq!(
            Period::parse("2024-M03").unwrap().dates(30),
            (day(2024, 3, 1), day(2024, 3, 30))
        );
        assert_eq!(feb(2024).dates(29), (day(2024, 1, 30), day(2024, 2, 29)));
        assert_eq!(feb(2025).dates(29), (day(2025, 1, 30), day(2025, 2, 28)));
        assert_eq!(
            Period::parse("2025").unwrap().dates(31),
            (day(2025, 1, 1), day(2025, 12, 31))
        );
    }

    #[test]
    fn a_date_belongs_to_the_period_whose_cutoff_follows_it() {
        let month = |d| Period::containing(d, Granularity::Month, 14).to_string();
        assert_eq!(month(day(2026, 11, 14)), "2026-M11");
        assert_eq!(month(day(2026, 11, 15)), "2026-M12");
        assert_eq!(month(day(2026, 12, 15)), "2027-M01");
        assert_eq!(month(day(2026, 12, 31)), "2027-M01");
        let quarter = |d| Period::containing(d, Granularity::Quarter, 14).to_string();
        assert_eq!(quarter(day(2026, 3, 14)), "2026-Q1");
        assert_eq!(quarter(day(2026, 3, 15)), "2026-Q2");
        assert_eq!(quarter(day(2025, 12, 15)), "2026-Q1");
        for raw in ["2024-M02", "2026-M12", "2026-M01"] {
            let period = Period::parse(raw).unwrap();
            let (start, end) = period.dates(14);
            assert_eq!(Period::containing(start, Granularity::Month, 14), period);
            assert_eq!(Period::containing(end, Granularity::Month, 14), period);
        }
    }

    #[test]
    fn a_window_is_taken_on_its_last_day_or_today() {
        let h1 = Period::parse("2026-H1").unwrap();
        let running = Window::new(h1, 14, day(2026, 3, 1));
        assert_eq!(running.as_of, day(2026, 3, 1));
        let past = Window::new(h1, 14, day(2026, 12, 7));
        assert_eq!(past.as_of, day(2026, 6, 14));
        let earlier = running.a_year_earlier(14);
        assert_eq!(
            (earlier.from, earlier.to),
            (day(2024, 12, 15), day(2025, 6, 14))
        );
        assert_eq!(earlier.as_of, day(2025, 3, 1));
        let leap = Window::new(Period::parse("2024-M03").unwrap(), 14, day(2024, 2, 29));
        assert_eq!(leap.a_year_earlier(14).as_of, day(2023, 2, 28));
        assert_eq!(
            past.recorded_before(),
            day(2026, 6, 14).and_hms_opt(17, 0, 0).unwrap()
        );
        assert_eq!(
            past.recorded_from(),
            day(2025, 12, 14).and_hms_opt(17, 0, 0).unwrap()
        );
    }

    #[test]
    fn notation() {
        for (raw, canonical) in [
            ("2026", "2026"),
            ("2026-H1", "2026-H1"),
            ("2026-Q3", "2026-Q3"),
            ("2026-9M", "2026-9M"),
            ("2026-M11", "2026-M11"),
            ("2026-M1", "2026-M01"),
            ("2026-05", "2026-M05"),
        ] {
            assert_eq!(Period::parse(raw).unwrap().to_string(), canonical, "{raw}");
        }
        for bad in [
            "26",
            "2026-H3",
            "2026-Q5",
            "2026-M13",
            "2026-M0",
            "2026-13",
            "2026-00",
            "2026-5",
            "2026/05",
            "2026-",
            "2026-8M",
            "1999",
            "2026-M001",
            "2026-Q01",
            "२०२६",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Period::parse("2026-M12").unwrap().next().to_string(),
            "2027-M01"
        );
        assert_eq!(
            Period::parse("2026-Q4").unwrap().next().to_string(),
            "2027-Q1"
        );
        assert_eq!(
            Period::parse("2026-H1")
                .unwrap()
                .a_year_earlier()
                .to_string(),
            "2025-H1"
        );
    }
}
