//! Pure domain rules: no HTTP, no database. Tested with plain unit tests.

/// `as_str`, `parse` and `ALL` for an enum whose serde names are given here too.
macro_rules! text_enum {
    ($name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }
    };
}

pub mod agency_tree;
pub mod assessment;
pub mod calendar;
pub mod directive;
pub mod file_type;
pub mod framework;
pub mod holidays;
pub mod ids;
pub mod permissions;
pub mod report;
pub mod role;
pub mod scope;
pub mod scoring;
pub mod search_key;
pub mod task;
pub mod values;
