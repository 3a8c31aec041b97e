//! Domain enums and entity ids stored as TEXT on both backends, so that a row's status is typed when it is
//! loaded: a stored value the enum does not know is a load error, never a string re-parsed by
//! each reader. The enum derives `AsExpression` and `FromSqlRow` with `sql_type = Text`.

/// Implements `ToSql`/`FromSql` for `Text` on SQLite, PostgreSQL and the multi-backend.
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
                parse(&<String as FromSql<Text, Sqlite>>::from_sql(bytes)?)
            }
        }

        impl FromSql<Text, Pg> for $name {
            fn from_sql(bytes: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                parse(&<String as FromSql<Text, Pg>>::from_sql(bytes)?)
            }
        }

        impl FromSql<Text, MultiBackend> for $name {
            fn from_sql(bytes: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                bytes.from_sql::<Self, Text>()
            }
        }

        impl StoredText for $name {
            fn parse_stored(text: &str) -> Option<Self> {
                Self::parse(text)
            }
        }
    )+};
}

/// Implements `ToSql`/`FromSql` for `Text` for an id newtype of `domain::ids`.
macro_rules! stored_as_id {
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
                <String as FromSql<Text, Sqlite>>::from_sql(bytes).map(Self::from_stored)
            }
        }

        impl FromSql<Text, Pg> for $name {
            fn from_sql(bytes: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                <String as FromSql<Text, Pg>>::from_sql(bytes).map(Self::from_stored)
            }
        }

        impl FromSql<Text, MultiBackend> for $name {
            fn from_sql(bytes: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                bytes.from_sql::<Self, Text>()
            }
        }
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
use crate::domain::directive::{DirectiveKind, DirectiveStatus};
use crate::domain::framework::{FrameworkStatus, Rating};
use crate::domain::ids::{DirectiveId, ReportId, TaskId};
use crate::domain::report::ReportStatus;
use crate::domain::role::Role;
use crate::domain::task::{Priority, Recurrence, TaskStatus};
use crate::domain::values::AgencyKind;

/// An enum read back from its text.
trait StoredText: Sized {
    fn parse_stored(text: &str) -> Option<Self>;
}

fn parse<T: StoredText>(text: &str) -> deserialize::Result<T> {
    T::parse_stored(text).ok_or_else(|| {
        format!(
            "stored value {text:?} is not a {}",
            std::any::type_name::<T>()
        )
        .into()
    })
}

stored_as_text!(
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
);

stored_as_id!(TaskId, ReportId, DirectiveId);

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
