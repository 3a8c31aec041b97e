//! SQL of stored first answers (`idempotency_keys`); only the idempotency middleware calls it.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::idempotency_keys;
use crate::db::AnyConnection;
use crate::error::ApiError;

/// How long a first answer is kept and replayed.
pub(super) const RETENTION: Duration = Duration::hours(24);
/// A first request still unanswered after this long died with its process; its key is free.
pub(super) const ABANDONED_AFTER: Duration = Duration::minutes(5);

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = idempotency_keys)]
pub(super) struct StoredAnswer {
    pub caller_id: String,
    pub idempotency_key: String,
    pub request_hash: String,
    pub status: Option<i32>,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub etag: Option<String>,
    pub body: Option<String>,
    pub created_at: NaiveDateTime,
}

/// What a request with a key finds.
pub(super) enum Claim {
    /// The key is this request's: run it and keep its answer.
    First,
    /// An earlier request holds the key.
    Taken(StoredAnswer),
}

fn find(
    conn: &mut AnyConnection,
    caller: &str,
    key: &str,
) -> Result<Option<StoredAnswer>, ApiError> {
    Ok(idempotency_keys::table
        .filter(idempotency_keys::caller_id.eq(caller))
        .filter(idempotency_keys::idempotency_key.eq(key))
        .select(StoredAnswer::as_select())
        .first(conn)
        .optional()?)
}

fn delete(conn: &mut AnyConnection, caller: &str, key: &str) -> Result<(), ApiError> {
    diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::caller_id.eq(caller))
            .filter(idempotency_keys::idempotency_key.eq(key)),
    )
    .execute(conn)?;
    Ok(())
}

/// Takes the key for a new request unless a live earlier one holds it (in one transaction of
/// the caller's, so two requests racing for a key see one winner).
pub(super) fn claim(
    conn: &mut AnyConnection,
    caller: &str,
    key: &str,
    request_hash: &str,
    now: NaiveDateTime,
) -> Result<Claim, ApiError> {
    if let Some(earlier) = find(conn, caller, key)? {
        let expired = earlier.created_at + RETENTION <= now;
        let abandoned = earlier.status.is_none() && earlier.created_at + ABANDONED_AFTER <= now;
        if !(expired || abandoned) {
            return Ok(Claim::Taken(earlier));
        }
        delete(conn, caller, key)?;
    }
    let row = StoredAnswer {
        caller_id: caller.to_owned(),
        idempotency_key: key.to_owned(),
        request_hash: request_hash.to_owned(),
        status: None,
        content_type: None,
        location: None,
        etag: None,
        body: None,
        created_at: now,
    };
    diesel::insert_into(idempotency_keys::table)
        .values(&row)
        .execute(conn)?;
    Ok(Claim::First)
}

/// Keeps the first request's answer.
pub(super) fn keep(conn: &mut AnyConnection, answer: &StoredAnswer) -> Result<(), ApiError> {
    diesel::update(
        idempotency_keys::table
            .filter(idempotency_keys::caller_id.eq(&answer.caller_id))
            .filter(idempotency_keys::idempotency_key.eq(&answer.idempotency_key)),
    )
    .set((
        idempotency_keys::status.eq(answer.status),
        idempotency_keys::content_type.eq(&answer.content_type),
        idempotency_keys::location.eq(&answer.location),
        idempotency_keys::etag.eq(&answer.etag),
        idempotency_keys::body.eq(&answer.body),
    ))
    .execute(conn)?;
    Ok(())
}

/// Frees the key of a request that failed on the server, so that its retry runs again.
pub(super) fn release(conn: &mut AnyConnection, caller: &str, key: &str) -> Result<(), ApiError> {
    delete(conn, caller, key)
}

/// Drops answers past their retention (run by the middleware now and then).
pub(super) fn sweep(conn: &mut AnyConnection, now: NaiveDateTime) -> Result<usize, ApiError> {
    Ok(diesel::delete(
        idempotency_keys::table.filter(idempotency_keys::created_at.le(now - RETENTION)),
    )
    .execute(conn)?)
}
