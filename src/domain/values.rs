//! Parsed domain values: once built, a value is known to be valid ("parse, don't validate").

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Minimum password length in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Upper bound that keeps hashing cheap to refuse.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// An agency code (mã cơ quan) such as `STTTT`: 2-32 upper-case letters, digits, `-`, `_`, `.`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyCode(String);

pub const AGENCY_CODE_PATTERN: &str = "^[A-Z0-9][A-Z0-9._-]{1,31}$";

impl AgencyCode {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let ok = (2..=32).contains(&raw.len())
            && raw
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "._-".contains(c))
            && raw.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit());
        if ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err("must be 2 to 32 upper-case letters, digits, '.', '_' or '-', starting with a letter or digit".into())
        }
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A login name: 3-64 lower-case letters, digits, `.`, `_`, `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

pub const USERNAME_PATTERN: &str = "^[a-z0-9][a-z0-9._-]{2,63}$";

impl Username {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let ok = (3..=64).contains(&raw.len())
            && raw
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
            && raw.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit());
        if ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err("must be 3 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit".into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A new password: at least 12 and at most 128 characters.
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let chars = raw.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            Err(format!(
                "must have at least {MIN_PASSWORD_CHARS} characters"
            ))
        } else if chars > MAX_PASSWORD_CHARS {
            Err(format!("must have at most {MAX_PASSWORD_CHARS} characters"))
        } else {
            Ok(Self(raw.to_owned()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<hidden>)")
    }
}

/// The JSON Schema pattern equivalent to [`Name::parse`]: no control characters, not blank.
pub const NAME_PATTERN: &str =
    r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$";

/// Free text with line breaks allowed: trimmed, 1 to `max` characters, no other control
/// characters.
pub fn parse_text(raw: &str, max: usize) -> Result<String, String> {
    let flattened: String = raw
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    Name::parse(&flattened, max)?;
    Ok(raw.trim().to_owned())
}

/// A human-readable name (tên): trimmed, 1 to `max` characters, not blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name(String);

impl Name {
    pub fn parse(raw: &str, max: usize) -> Result<Self, String> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            Err("must not be blank".into())
        } else if raw.chars().count() > max {
            Err(format!("must have at most {max} characters"))
        } else if raw.chars().any(char::is_control) {
            Err("must not contain control characters".into())
        } else {
            Ok(Self(trimmed.to_owned()))
        }
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// Free text from a filter or a credential, made safe to send to the database: PostgreSQL text
/// cannot hold NUL, and no stored value contains one, so it becomes U+FFFD and matches nothing.
pub fn without_nul(text: &str) -> String {
    text.replace('\0', "\u{FFFD}")
}

/// Calendar dates outside these years are typing mistakes.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

/// Checks that a calendar date (issue date, due date...) lies in a plausible year.
pub fn parse_calendar_date(date: chrono::NaiveDate) -> Result<chrono::NaiveDate, String> {
    use chrono::Datelike;
    if DATE_YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!(
            "must be between {} and {}",
            DATE_YEARS.start(),
            DATE_YEARS.end()
        ))
    }
}

/// The kind of an agency (loại cơ quan).
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
pub enum AgencyKind {
    /// Cơ quan cấp tỉnh (Tỉnh ủy, UBND tỉnh, Công an tỉnh...).
    ProvinceBody,
    /// Sở, ban, ngành.
    Department,
    /// Phòng thuộc Sở.
    Division,
    /// Đơn vị trực thuộc.
    AttachedUnit,
    /// Cấp huyện.
    District,
    /// Cấp xã.
    Commune,
    /// Khác.
    Other,
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 7] = [
        AgencyKind::ProvinceBody,
        AgencyKind::Department,
        AgencyKind::Division,
        AgencyKind::AttachedUnit,
        AgencyKind::District,
        AgencyKind::Commune,
        AgencyKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::ProvinceBody => "province_body",
            AgencyKind::Department => "department",
            AgencyKind::Division => "division",
            AgencyKind::AttachedUnit => "attached_unit",
            AgencyKind::District => "district",
            AgencyKind::Commune => "commune",
            AgencyKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Hours a replaced secret stays valid by default, and at most, so that the other system
/// switches to the new one without a gap.
pub const SECRET_OVERLAP_DEFAULT_HOURS: i32 = 24;
pub const SECRET_OVERLAP_MAX_HOURS: i32 = 168;

/// How long a replaced secret (an API client's, a webhook's) stays valid.
pub fn secret_overlap(hours: Option<i32>) -> Result<chrono::Duration, String> {
    let hours = hours.unwrap_or(SECRET_OVERLAP_DEFAULT_HOURS);
    if (0..=SECRET_OVERLAP_MAX_HOURS).contains(&hours) {
        Ok(chrono::Duration::hours(hours.into()))
    } else {
        Err(format!("must be from 0 to {SECRET_OVERLAP_MAX_HOURS}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_codes() {
        assert!(AgencyCode::parse("STTTT").is_ok());
        assert!(AgencyCode::parse("CA-TINH.01").is_ok());
        assert!(AgencyCode::parse("sttttt").is_err());
        assert!(AgencyCode::parse("S").is_err());
        assert!(AgencyCode::parse("-AB").is_err());
    }

    #[test]
    fn usernames() {
        assert!(Username::parse("nguyen.van_a-1").is_ok());
        assert!(Username::parse("Admin").is_err());
        assert!(Username::parse("ab").is_err());
    }

    #[test]
    fn passwords_have_length_bounds() {
        assert!(NewPassword::parse("elevenchars").is_err());
        assert!(NewPassword::parse("twelve chars").is_ok());
        assert!(NewPassword::parse("mật khẩu đủ dài").is_ok());
        assert!(NewPassword::parse(&"x".repeat(129)).is_err());
        assert!(!format!("{:?}", NewPassword::parse("twelve chars")).contains("twelve"));
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            Name::parse("  Sở TT&TT ", 12).map(Name::into_inner),
            Ok("Sở TT&TT".into())
        );
        assert!(Name::parse("   ", 10).is_err());
        assert!(Name::parse("abcdefghijk", 10).is_err());
    }

    #[test]
    fn kinds_round_trip() {
        for kind in AgencyKind::ALL {
            assert_eq!(AgencyKind::parse(kind.as_str()), Some(kind));
        }
    }
}
