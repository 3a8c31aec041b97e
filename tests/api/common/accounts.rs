//! Accounts that tests need but do not test: inserted straight into the database with one
//! shared password hash and given tokens minted with the app's keys, so fixtures cost no
//! argon2 work and no login round trip. Tests of accounts and logins go through the API.

use std::sync::OnceLock;

use chrono::Utc;
use defense_compliance::auth::password::hash_blocking;
use defense_compliance::db::schema::users;
use defense_compliance::domain::search_key::search_key;
use diesel::prelude::*;

use super::{TestApp, PASSWORD};

/// The argon2 hash of [`PASSWORD`], computed once per test process.
fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_blocking(PASSWORD).expect("hash the fixture password"))
}

impl TestApp {
    /// Inserts an active account with [`PASSWORD`] (the rows `POST /users` writes, without its
    /// audit event) and returns its id and an access token.
    pub fn insert_user(
        &self,
        username: &str,
        role: &str,
        agency_id: Option<&str>,
    ) -> (String, String) {
        let now = Utc::now().naive_utc();
        let id = uuid::Uuid::now_v7().to_string();
        let full_name = format!("Người dùng {username}");
        let mut conn = self.pool.get().expect("connection");
        diesel::insert_into(users::table)
            .values((
                users::id.eq(&id),
                users::username.eq(username),
                users::search_key.eq(search_key([username, full_name.as_str()])),
                users::full_name.eq(&full_name),
                users::password_hash.eq(password_hash()),
                users::role.eq(role),
                users::agency_id.eq(agency_id),
                users::active.eq(true),
                users::token_version.eq(0),
                users::password_changed_at.eq(now),
                users::version.eq(1),
                users::created_at.eq(now),
                users::updated_at.eq(now),
            ))
            .execute(&mut *conn)
            .expect("insert fixture account");
        let token = self.jwt.issue(&id, 0).expect("mint token");
        (id, token)
    }

    /// An access token for an existing account, as a login would give it.
    pub fn token_for(&self, username: &str) -> String {
        let mut conn = self.pool.get().expect("connection");
        let (id, version): (String, i32) = users::table
            .filter(users::username.eq(username))
            .select((users::id, users::token_version))
            .first(&mut *conn)
            .expect("fixture account");
        self.jwt.issue(&id, version).expect("mint token")
    }
}

/// A province-wide admin caller for calling access functions directly (no account behind it).
pub fn province_admin() -> defense_compliance::auth::AuthUser {
    defense_compliance::auth::AuthUser {
        id: defense_compliance::domain::ids::UserId::from_stored("system".into()),
        username: "system".into(),
        role: defense_compliance::domain::role::Role::Admin,
        agency_id: None,
        scope: defense_compliance::auth::Scope::Province,
        request_id: None,
    }
}
