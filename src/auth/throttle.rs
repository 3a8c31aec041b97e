//! Failed-password throttling for logins and password changes, kept in the database so every
//! instance sees the same counts.
//!
//! Two limits, designed so that guessing is slow and nobody can lock another person out:
//! - an address with `max_per_client` failures inside the window is refused until the oldest
//!   falls out of it;
//! - an account backs off: after `free_per_account` failures inside the window, each further
//!   attempt from an address that itself failed recently must wait twice as long as the last
//!   (1 s, 2 s, 4 s, ... up to `max_backoff`) after the account's latest failure. An address
//!   with no recent failures is not held back by the account's count, so the owner logging in
//!   from their own machine still gets in while someone elsewhere hammers the name; each of
//!   its wrong guesses counts like any other.
//!
//! Counting by the submitted username (whether or not it exists) means a throttled account
//! looks exactly like a throttled unknown name.

use std::time::Duration;

use actix_web::HttpRequest;
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::config::LoginThrottle;
use crate::db::schema::login_failures;
use crate::db::AnyConnection;
use crate::error::ApiError;

fn window(limits: &LoginThrottle) -> Result<chrono::Duration, ApiError> {
    chrono::Duration::from_std(limits.window).map_err(ApiError::internal)
}

/// The address a request came from, as the throttle counts it.
pub fn client_address(req: &HttpRequest) -> String {
    req.peer_addr()
        .map_or_else(|| "unknown".to_owned(), |a| a.ip().to_string())
}

/// How long an account with `failures` recent failures waits after its latest one.
pub fn backoff(failures: i64, limits: &LoginThrottle) -> Duration {
    if failures < limits.free_per_account {
        return Duration::ZERO;
    }
    let doublings = (failures - limits.free_per_account).min(30) as u32;
    Duration::from_secs(1u64 << doublings).min(limits.max_backoff)
}

fn too_many(retry_after_secs: i64) -> ApiError {
    ApiError::TooManyRequests {
        retry_after_secs: retry_after_secs.max(1) as u64,
    }
}

/// Fails with 429 when the client address has too many recent failures, or when the account
/// is backing off and this address failed recently too.
pub fn check(
    conn: &mut AnyConnection,
    limits: &LoginThrottle,
    username: &str,
    client_ip: &str,
) -> Result<(), ApiError> {
    let now = Utc::now().naive_utc();
    let since = now - window(limits)?;
    let by_client: Vec<NaiveDateTime> = login_failures::table
        .filter(login_failures::client_ip.eq(client_ip))
        .filter(login_failures::failed_at.gt(since))
        .select(login_failures::failed_at)
        .order(login_failures::failed_at.asc())
        .limit(limits.max_per_client)
        .load(conn)?;
    if by_client.len() as i64 >= limits.max_per_client {
        let oldest = by_client.first().copied().unwrap_or(now);
        return Err(too_many((oldest - since).num_seconds()));
    }
    if by_client.is_empty() {
        return Ok(());
    }
    let by_account: Vec<NaiveDateTime> = login_failures::table
        .filter(login_failures::username.eq(username))
        .filter(login_failures::failed_at.gt(since))
        .select(login_failures::failed_at)
        .load(conn)?;
    let Some(latest) = by_account.iter().max().copied() else {
        return Ok(());
    };
    let wait = chrono::Duration::from_std(backoff(by_account.len() as i64, limits))
        .map_err(ApiError::internal)?;
    let until = latest + wait;
    if now < until {
        // Round up: a client that waits exactly Retry-After seconds must get through.
        let millis = (until - now).num_milliseconds();
        return Err(too_many((millis + 999) / 1000));
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

/// A correct password clears the account's failures.
pub fn clear(conn: &mut AnyConnection, username: &str) -> Result<(), ApiError> {
    diesel::delete(login_failures::table.filter(login_failures::username.eq(username)))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_starts_after_the_free_failures_and_doubles_up_to_the_cap() {
        let limits = LoginThrottle::default();
        assert_eq!(
            backoff(limits.free_per_account - 1, &limits),
            Duration::ZERO
        );
        assert_eq!(
            backoff(limits.free_per_account, &limits),
            Duration::from_secs(1)
        );
        assert_eq!(
            backoff(limits.free_per_account + 3, &limits),
            Duration::from_secs(8)
        );
        assert_eq!(backoff(1_000, &limits), limits.max_backoff);
    }
}
