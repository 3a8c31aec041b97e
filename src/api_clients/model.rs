//! Row structs of the `api_clients` table.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::api_clients;
use crate::domain::ids::{AgencyId, ApiClientId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_clients)]
pub struct ApiClientRow {
    pub id: ApiClientId,
    /// The account it acts through (its writes and audit events name it).
    pub user_id: UserId,
    pub name: String,
    /// The agency whose subtree it reaches; none for the whole province.
    pub agency_id: Option<AgencyId>,
    /// Its scopes, space-separated (`domain::client_scope::ScopeSet`).
    pub scopes: String,
    pub expires_at: Option<NaiveDateTime>,
    pub active: bool,
    pub secret_hash: String,
    pub previous_secret_hash: Option<String>,
    pub previous_secret_valid_until: Option<NaiveDateTime>,
    pub last_used_at: Option<NaiveDateTime>,
    pub created_by: UserId,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl ApiClientRow {
    /// Whether it may get and use tokens at `now`.
    pub fn usable_at(&self, now: NaiveDateTime) -> bool {
        self.active && self.expires_at.is_none_or(|at| now < at)
    }

    /// Whether `hash` is the hash of one of its valid secrets at `now`.
    pub fn accepts_secret(&self, hash: &str, now: NaiveDateTime) -> bool {
        let previous = self.previous_secret_hash.as_deref().filter(|_| {
            self.previous_secret_valid_until
                .is_some_and(|until| now < until)
        });
        constant_time_eq(&self.secret_hash, hash)
            || previous.is_some_and(|p| constant_time_eq(p, hash))
    }
}

/// Compares two hashes without stopping at the first difference.
fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// The columns a change may set; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = api_clients)]
pub struct ApiClientChanges {
    pub name: Option<String>,
    pub scopes: Option<String>,
    pub expires_at: Option<Option<NaiveDateTime>>,
    pub active: Option<bool>,
    pub secret_hash: Option<String>,
    pub previous_secret_hash: Option<Option<String>>,
    pub previous_secret_valid_until: Option<Option<NaiveDateTime>>,
    pub last_used_at: Option<Option<NaiveDateTime>>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}
