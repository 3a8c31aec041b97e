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

/// An enum of the domain stored as text: the derives every such enum needs, its serde names,
/// and [`text_enum`]'s `as_str`, `parse` and `ALL`, from one list of variants.
macro_rules! stored_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
            diesel::AsExpression, diesel::FromSqlRow,
        )]
        #[serde(rename_all = "snake_case")]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }
        text_enum!($name { $($variant = $text),+ });
    };
}

pub mod agency_tree;
pub mod assessment;
pub mod calendar;
pub mod change;
pub mod client_scope;
pub mod conclusion;
pub mod delegation;
pub mod directive;
pub mod file_type;
pub mod framework;
pub mod holidays;
pub mod ids;
pub mod outline;
pub mod period;
pub mod permissions;
pub mod reminder;
pub mod reorganisation;
pub mod report;
pub mod review;
pub mod role;
pub mod scope;
pub mod scoring;
pub mod search_key;
pub mod subject_report;
pub mod supervision_plan;
pub mod task;
pub mod time_limit;
pub mod values;
pub mod webhook;
