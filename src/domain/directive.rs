//! Directives (văn bản chỉ đạo): their kinds, statuses and the shape of their numbers.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The kind of a directive (loại văn bản).
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
pub enum DirectiveKind {
    /// Nghị quyết
    Resolution,
    /// Nghị định
    Decree,
    /// Chỉ thị
    Directive,
    /// Thông tri
    Notice,
    /// Thông tư
    Circular,
    /// Quyết định
    Decision,
    /// Kế hoạch
    Plan,
    /// Công văn
    OfficialLetter,
    /// Luật
    Law,
    /// Pháp lệnh
    Ordinance,
    /// Kết luận
    Conclusion,
    /// Quy định
    Regulation,
}

text_enum!(DirectiveKind {
    Resolution = "resolution",
    Decree = "decree",
    Directive = "directive",
    Notice = "notice",
    Circular = "circular",
    Decision = "decision",
    Plan = "plan",
    OfficialLetter = "official_letter",
    Law = "law",
    Ordinance = "ordinance",
    Conclusion = "conclusion",
    Regulation = "regulation",
});

impl DirectiveKind {
    /// Kinds an agency may issue itself (its own plans and letters).
    pub fn is_agency_issued(self) -> bool {
        matches!(self, DirectiveKind::Plan | DirectiveKind::OfficialLetter)
    }
}

/// Whether a directive still binds (hiệu lực).
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
pub enum DirectiveStatus {
    /// Còn hiệu lực
    InForce,
    /// Bị thay thế
    Superseded,
    /// Hết hiệu lực
    Expired,
}

text_enum!(DirectiveStatus { InForce = "in_force", Superseded = "superseded", Expired = "expired" });

/// The JSON Schema pattern equivalent to [`parse_number`].
pub const NUMBER_PATTERN: &str = "^[0-9]{1,5}(/[0-9]{4})?[-/][A-ZĐ][A-Z0-9Đ]*([-/.][A-Z0-9Đ]+)*$";

/// Checks a document number (số, ký hiệu) against the usual shapes: "28-NQ/TW",
/// "152/2007/NĐ-CP", "84/KH-STTTT", "118/STTTT-VP", "510/QĐ-BCA-V05".
pub fn parse_number(raw: &str) -> Result<String, String> {
    const SHAPE: &str = "must look like 28-NQ/TW, 152/2007/NĐ-CP or 84/KH-STTTT: a number, an optional /year, then the symbol in capitals";
    let is_symbol_char = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == 'Đ';
    if raw.chars().count() > 60 {
        return Err("must have at most 60 characters".into());
    }
    let digits = raw.chars().take_while(char::is_ascii_digit).count();
    if !(1..=5).contains(&digits) {
        return Err(SHAPE.into());
    }
    let mut rest = &raw[digits..];
    if let Some(after) = rest.strip_prefix('/') {
        let year = after.chars().take_while(char::is_ascii_digit).count();
        if year == 4 && after[4..].starts_with(['-', '/']) {
            rest = &after[4..];
        }
    }
    let Some(symbol) = rest.strip_prefix(['-', '/']) else {
        return Err(SHAPE.into());
    };
    let starts_with_letter = symbol.starts_with(|c: char| c.is_ascii_uppercase() || c == 'Đ');
    let segments_ok = symbol
        .split(['-', '/', '.'])
        .all(|s| !s.is_empty() && s.chars().all(is_symbol_char));
    if starts_with_letter && segments_ok {
        Ok(raw.to_owned())
    } else {
        Err(SHAPE.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_usual_shapes() {
        for number in [
            "28-NQ/TW",
            "152/2007/NĐ-CP",
            "84/KH-STTTT",
            "118/STTTT-VP",
            "510/QĐ-BCA-V05",
            "124/2021/TT-BCA",
            "09-CT/TW",
            "04/NĐ-CP",
            "28/2013/QH13",
        ] {
            assert_eq!(parse_number(number), Ok(number.to_owned()), "{number}");
        }
    }

    #[test]
    fn refuses_malformed_numbers() {
        for number in [
            "",
            "NQ/TW",
            "28",
            "28-",
            "28-nq/TW",
            "28--NQ",
            "28-NQ/",
            "123456-NQ",
            "28 NQ/TW",
            "28-9NQ",
        ] {
            assert!(parse_number(number).is_err(), "{number}");
        }
    }

    #[test]
    fn kinds_round_trip_and_match_serde() {
        for kind in DirectiveKind::ALL {
            assert_eq!(DirectiveKind::parse(kind.as_str()), Some(*kind));
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::json!(kind.as_str())
            );
        }
        for status in DirectiveStatus::ALL {
            assert_eq!(
                serde_json::to_value(status).unwrap(),
                serde_json::json!(status.as_str())
            );
        }
        assert!(DirectiveKind::Plan.is_agency_issued());
        assert!(!DirectiveKind::Resolution.is_agency_issued());
    }
}
