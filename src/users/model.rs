//! Row structs of the `users` table, one form to read and insert, one to update.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::users;
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::role::Role;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: UserId,
    pub username: String,
    pub full_name: String,
    pub password_hash: String,
    pub role: Role,
    pub agency_id: Option<AgencyId>,
    pub active: bool,
    pub token_version: i32,
    pub password_changed_at: NaiveDateTime,
    pub search_key: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What a request needs of its caller's account: loaded at every authenticated request, so it
/// leaves out the hash, the names and the timestamps (parsing them cost as much as the rest).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct Account {
    pub id: UserId,
    pub username: String,
    pub role: Role,
    pub agency_id: Option<AgencyId>,
    pub active: bool,
    pub token_version: i32,
}

/// The columns an update may change; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct UserChanges {
    pub full_name: Option<String>,
    pub role: Option<Role>,
    pub agency_id: Option<Option<AgencyId>>,
    pub active: Option<bool>,
    pub password_hash: Option<String>,
    pub token_version: Option<i32>,
    pub password_changed_at: Option<NaiveDateTime>,
    pub search_key: Option<String>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}
