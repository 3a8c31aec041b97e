//! The public holidays a year's calendar starts from until an admin maintains it (Bộ luật Lao
//! động 2019, art. 112): the solar holidays, Tết and the Hùng Kings' day from a table of lunar
//! dates, and a day off in lieu (nghỉ bù) for a holiday that falls on a weekend. Each year the
//! Prime Minister's announcement may move days (a longer Tết, a swapped Saturday); admins
//! enter those through the calendar API, which then replaces these defaults for that year.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::calendar::{is_weekend, CalendarDay, DayKind};

/// A day of the solar year as (month, day).
type MonthDay = (u32, u32);

/// The first day of Tết (mùng 1 tháng Giêng) and the Hùng Kings' day (10/3 âm lịch) by solar
/// year, as (month, day), from the Vietnamese lunar calendar (UTC+7). A year outside the table
/// has only its solar holidays until an admin enters the lunar ones.
const LUNAR_HOLIDAYS: &[(i32, MonthDay, MonthDay)] = &[
    (2018, (2, 16), (4, 25)),
    (2019, (2, 5), (4, 14)),
    (2020, (1, 25), (4, 2)),
    (2021, (2, 12), (4, 21)),
    (2022, (2, 1), (4, 10)),
    (2023, (1, 22), (4, 29)),
    (2024, (2, 10), (4, 18)),
    (2025, (1, 29), (4, 7)),
    (2026, (2, 17), (4, 26)),
    (2027, (2, 6), (4, 16)),
    (2028, (1, 26), (4, 4)),
    (2029, (2, 13), (4, 23)),
    (2030, (2, 3), (4, 12)),
];

/// Whether the lunar holidays of `year` are in the built-in table.
pub fn knows_lunar_holidays(year: i32) -> bool {
    LUNAR_HOLIDAYS.iter().any(|(y, _, _)| *y == year)
}

fn date(year: i32, (month, day): MonthDay) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The holidays themselves, weekends included, before days in lieu.
fn holidays(year: i32) -> Vec<(NaiveDate, String)> {
    let mut days = Vec::new();
    let mut add = |date: Option<NaiveDate>, name: &str| {
        if let Some(date) = date {
            days.push((date, name.to_owned()));
        }
    };
    add(date(year, (1, 1)), "Tết Dương lịch");
    if let Some((_, tet, hung_kings)) = LUNAR_HOLIDAYS.iter().find(|(y, _, _)| *y == year) {
        // Five days of Tết: the last day of the lunar year and the first four of the new one.
        if let Some(first) = date(year, *tet) {
            add(
                Some(first - Duration::days(1)),
                "Tết Nguyên đán (ngày cuối năm Âm lịch)",
            );
            for n in 0..4 {
                add(
                    Some(first + Duration::days(n)),
                    &format!("Tết Nguyên đán (mùng {})", n + 1),
                );
            }
        }
        add(date(year, *hung_kings), "Giỗ Tổ Hùng Vương (10/3 Âm lịch)");
    }
    add(date(year, (4, 30)), "Ngày Chiến thắng (30/4)");
    add(date(year, (5, 1)), "Ngày Quốc tế Lao động (1/5)");
    add(date(year, (9, 2)), "Quốc khánh (2/9)");
    // The second National Day holiday is the day before or after 2/9: after, unless that
    // would be a Saturday, so that the break joins a weekend.
    if let Some(national_day) = date(year, (9, 2)) {
        let second = if national_day.weekday() == Weekday::Fri {
            national_day - Duration::days(1)
        } else {
            national_day + Duration::days(1)
        };
        add(Some(second), "Quốc khánh (ngày liền kề)");
    }
    days.sort();
    days
}

/// The default calendar of `year`: its weekday holidays and, for each holiday on a Saturday or
/// Sunday, a day off in lieu on the next weekday that is not already off.
pub fn default_days(year: i32) -> Vec<CalendarDay> {
    let holidays = holidays(year);
    let is_off = |date: NaiveDate, listed: &[CalendarDay]| {
        is_weekend(date)
            || holidays.iter().any(|(d, _)| *d == date)
            || listed.iter().any(|day| day.date == date)
    };
    let mut days: Vec<CalendarDay> = Vec::new();
    for (date, name) in &holidays {
        if !is_weekend(*date) {
            days.push(off(*date, name.clone()));
            continue;
        }
        let mut in_lieu = *date + Duration::days(1);
        while is_off(in_lieu, &days) {
            in_lieu += Duration::days(1);
        }
        days.push(off(in_lieu, format!("Nghỉ bù {name}")));
    }
    days.retain(|day| day.date.year() == year);
    days.sort_by_key(|day| day.date);
    days
}

fn off(date: NaiveDate, name: String) -> CalendarDay {
    CalendarDay {
        date,
        kind: DayKind::DayOff,
        name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dates(year: i32) -> Vec<NaiveDate> {
        default_days(year).into_iter().map(|day| day.date).collect()
    }

    #[test]
    fn tet_2026_is_five_weekdays_and_the_hung_kings_day_on_a_sunday_is_made_up_on_monday() {
        let days = dates(2026);
        for day in 16..=20 {
            assert!(days.contains(&d(2026, 2, day)), "Tết day {day}");
        }
        assert!(!days.contains(&d(2026, 4, 26)), "Sunday is already off");
        assert!(days.contains(&d(2026, 4, 27)), "day in lieu");
        assert!(days.contains(&d(2026, 4, 30)) && days.contains(&d(2026, 5, 1)));
        // 2/9/2026 is a Wednesday: 2/9 and 3/9.
        assert!(days.contains(&d(2026, 9, 2)) && days.contains(&d(2026, 9, 3)));
        assert!(default_days(2026)
            .iter()
            .all(|day| day.kind == DayKind::DayOff));
    }

    #[test]
    fn days_in_lieu_do_not_land_on_other_holidays() {
        // 2022: Hùng Kings' day on Sunday 10/4 is made up on Monday 11/4.
        assert!(dates(2022).contains(&d(2022, 4, 11)));
        // 2023: 30/4 and 1/5 fall on Sunday and Monday: 30/4 is made up on Tuesday 2/5.
        let days = dates(2023);
        assert!(days.contains(&d(2023, 5, 1)) && days.contains(&d(2023, 5, 2)));
        // 2/9/2022 is a Friday: the second day is Thursday 1/9.
        assert!(dates(2022).contains(&d(2022, 9, 1)));
    }

    #[test]
    fn a_year_outside_the_lunar_table_has_its_solar_holidays() {
        assert!(!knows_lunar_holidays(2040));
        let days = dates(2040);
        assert!(days.contains(&d(2040, 1, 2)), "1/1/2040 is a Sunday");
        assert!(days.contains(&d(2040, 4, 30)));
        assert!(days.iter().all(|day| day.month() != 2));
    }
}
