//! Failed-login throttling, kept in the database so every instance sees the same counts.
//!
//! Counting by the submitted username (whether or not it exists) means a locked account looks
//! exactly like a locked unknown name.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::config::LoginThrottle;
use crate::db::schema::login_failures;
use crate::db::AnyConnection;
use crate::error::ApiError;

fn window(limits: &LoginThrottle) -> Result<chrono::Duration, ApiError> {
    chrono::Duration::from_std(limits.window).map_err(ApiError::internal)
}

/// Fails with 429 when the username or the client address has too many recent failures.
pub fn check(
    conn: &mut AnyConnection,
    limits: &LoginThrottle,
    username: &str,
    client_ip: &str,
) -> Result<(), ApiError> {
    let now = Utc::now().naive_utc();
    let since = now - window(limits)?;
    let by_account: Vec<NaiveDateTime> = login_failures::table
        .filter(login_failures::username.eq(username))
        .filter(login_failures::failed_at.gt(since))
        .select(login_failures::failed_at)
        .order(login_failures::failed_at.asc())
        .load(conn)?;
    let by_client: Vec<NaiveDateTime> = login_failures::table
        .filter(login_failures::client_ip.eq(client_ip))
        .filter(login_failures::failed_at.gt(since))
        .select(login_failures::failed_at)
        .order(login_failures::failed_at.asc())
        .limit(limits.max_per_client)
        .load(conn)?;
    for (failures, max) in [
        (by_account, limits.max_per_account),
        (by_client, limits.max_per_client),
    ] {
        if failures.len() as i64 >= max {
            let oldest = failures.first().copied().unwrap_or(now);
            let retry = (oldest - since).num_seconds().max(1) as u64;
            return Err(ApiError::TooManyRequests {
                retry_after_secs: retry,
            });
        }
    }
    Ok(())
}

/// Records a failure and forgets failures older than the window.
pub fn record_failure(
    conn: &mut AnyConnection,
    limits: &LoginThrottle,
    username: &str,
    client_ip: &str,
) -> Result<(), ApiError> {
    let now = Utc::now().naive_utc();
    diesel::delete(
        login_failures::table.filter(login_failures::failed_at.le(now - window(limits)?)),
    )
    .execute(conn)?;
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(uuid::Uuid::now_v7().to_string()),
            login_failures::username.eq(username),
            login_failures::client_ip.eq(client_ip),
            login_failures::failed_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// A successful login clears the account's failures.
pub fn clear(conn: &mut AnyConnection, username: &str) -> Result<(), ApiError> {
    diesel::delete(login_failures::table.filter(login_failures::username.eq(username)))
        .execute(conn)?;
    Ok(())
}
