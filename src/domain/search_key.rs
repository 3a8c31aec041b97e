//! Vietnamese-aware search keys: case and diacritics are folded so "so thong tin" finds
//! "Sở Thông tin và Truyền thông" and "d" matches "đ".

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds text to lower case without diacritics, with runs of white space made one space.
pub fn fold(text: &str) -> String {
    let folded: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            // Control characters (NUL above all, which PostgreSQL text cannot hold) never
            // match anything stored, so they separate words like white space.
            c if c.is_control() => ' ',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The stored key of a record: its searchable fields folded and joined.
pub fn search_key<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let joined: Vec<String> = parts
        .into_iter()
        .map(fold)
        .filter(|p| !p.is_empty())
        .collect();
    joined.join(" | ")
}

/// A `LIKE` pattern that finds `query` anywhere in a key, with `\` as the escape character.
pub fn like_pattern(query: &str) -> String {
    let mut pattern = String::from("%");
    for c in fold(query).chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_diacritics_and_case() {
        assert_eq!(
            fold("Sở Thông tin và Truyền thông"),
            "so thong tin va truyen thong"
        );
        assert_eq!(
            fold("An toàn về an ninh, trật tự"),
            "an toan ve an ninh, trat tu"
        );
        assert_eq!(fold("ĐÀI Truyền thanh"), "dai truyen thanh");
        assert_eq!(fold("  Bộ   Chỉ huy\tquân sự "), "bo chi huy quan su");
        assert_eq!(fold("a\0b"), "a b");
    }

    #[test]
    fn key_finds_folded_query() {
        let key = search_key(["STTTT", "Sở Thông tin và Truyền thông"]);
        assert!(key.contains(&fold("so THÔNG tin")));
        assert!(key.contains(&fold("sttttt")[..5]));
    }

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
        assert_eq!(like_pattern("Đài"), "%dai%");
    }
}
