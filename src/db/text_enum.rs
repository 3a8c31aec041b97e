//! Domain enums and entity ids stored as TEXT on both backends, so that a row's status and ids
//! are typed when it is loaded: a stored value an enum does not know is a load error, never a
//! string re-parsed by each reader. The types derive `AsExpression` and `FromSqlRow` with
//! `sql_type = Text`.

/// Implements `ToSql`/`FromSql` for `Text` on SQLite, PostgreSQL and the multi-backend, for a
/// type with `as_str` and [`StoredText`].
macro_rules! stored_as_text {
    ($($name:path),+ $(,)?) => {$(
        impl ToSql<Text, Sqlite> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                out.set_value(self.as_str());
                Ok(IsNull::No)
            }
        }

        impl ToSql<Text, Pg> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <str as ToSql<Text, Pg>>::to_sql(self.as_str(), out)
            }
        }

        impl ToSql<Text, MultiBackend> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                out.set_value((Text, self));
                Ok(IsNull::No)
            }
        }

        impl FromSql<Text, Sqlite> for $name {
            fn from_sql(bytes: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                parse(<String as FromSql<Text, Sqlite>>::from_sql(bytes)?)
            }
        }

        impl FromSql<Text, Pg> for $name {
            fn from_sql(bytes: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                parse(<String as FromSql<Text, Pg>>::from_sql(bytes)?)
            }
        }

        impl FromSql<Text, MultiBackend> for $name {
            fn from_sql(bytes: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                bytes.from_sql::<Self, Text>()
            }
        }

    )+};
}

/// Implements [`StoredText`] for enums with `parse`, then [`stored_as_text`].
macro_rules! stored_enums {
    ($($name:path),+ $(,)?) => {$(
        impl StoredText for $name {
            fn from_text(text: String) -> Result<Self, String> {
                Self::parse(&text).ok_or(text)
            }
        }
        stored_as_text!($name);
    )+};
}

/// Implements [`StoredText`] for id newtypes (any stored text is an id), then
/// [`stored_as_text`].
macro_rules! stored_ids {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {$(
        impl StoredText for crate::domain::ids::$name {
            fn from_text(text: String) -> Result<Self, String> {
                Ok(Self::from_stored(text))
            }
        }
        stored_as_text!(crate::domain::ids::$name);
    )+};
}

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;

use super::MultiBackend;
use crate::domain::assessment::{AssessmentStatus, CampaignStatus};
use crate::domain::calendar::DayKind;
use crate::domain::conclusion::{ConclusionStatus, RecommendationState};
use crate::domain::delegation::{DelegationKind, DelegationLevel, DelegationStatus, MemberRole};
use crate::domain::directive::{DirectiveKind, DirectiveStatus};
use crate::domain::framework::{FrameworkStatus, Rating};
use crate::domain::reorganisation::{AccountDisposition, ReorganisationKind, ReorganisationStatus};
use crate::domain::report::ReportStatus;
use crate::domain::review::ReviewKind;
use crate::domain::role::Role;
use crate::domain::subject_report::SubjectReportStatus;
use crate::domain::supervision_plan::PlanStatus;
use crate::domain::task::{Priority, Recurrence, TaskStatus};
use crate::domain::time_limit::{LimitUnit, TimeLimitCode};
use crate::domain::values::AgencyKind;
use crate::domain::webhook::DeliveryStatus;

/// A value read back from its text.
trait StoredText: Sized {
    /// The value, or the text back when it names none.
    fn from_text(text: String) -> Result<Self, String>;
}

fn parse<T: StoredText>(text: String) -> deserialize::Result<T> {
    T::from_text(text).map_err(|text| {
        format!(
            "stored value {text:?} is not a {}",
            std::any::type_name::<T>()
        )
        .into()
    })
}

stored_enums!(
    TaskStatus,
    Priority,
    Recurrence,
    ReportStatus,
    DirectiveKind,
    DirectiveStatus,
    Role,
    AgencyKind,
    CampaignStatus,
    AssessmentStatus,
    FrameworkStatus,
    Rating,
    DayKind,
    DelegationKind,
    DelegationLevel,
    DelegationStatus,
    MemberRole,
    SubjectReportStatus,
    ConclusionStatus,
    RecommendationState,
    TimeLimitCode,
    PlanStatus,
    LimitUnit,
    DeliveryStatus,
    ReviewKind,
    ReorganisationKind,
    ReorganisationStatus,
    AccountDisposition,
);

crate::domain::ids::entity_ids!(stored_ids);

#[cfg(test)]
mod tests {
    use diesel::dsl::sql;
    use diesel::prelude::*;

    use super::*;
    use crate::db::AnyConnection;

    fn read(conn: &mut AnyConnection, text: &str) -> QueryResult<TaskStatus> {
        diesel::select(sql::<Text>("").bind::<Text, _>(text)).get_result(conn)
    }

    #[test]
    fn a_status_is_typed_when_loaded_and_an_unknown_one_refused() {
        let sqlite = diesel::SqliteConnection::establish(":memory:").expect("in-memory SQLite");
        let mut conn = AnyConnection::Sqlite(sqlite);
        assert_eq!(
            read(&mut conn, "in_progress").ok(),
            Some(TaskStatus::InProgress)
        );
        assert!(read(&mut conn, "finished").is_err());
        let stored: String = diesel::select(TaskStatus::Submitted.into_sql::<Text>())
            .get_result(&mut conn)
            .expect("written as text");
        assert_eq!(stored, "submitted");
    }
}
