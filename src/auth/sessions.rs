//! Refresh-token sessions: each login starts a family; each refresh rotates the token; reuse
//! of a rotated token revokes the whole family.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use super::tokens::{hash_token, random_token};
use crate::db::schema::{refresh_tokens, users};
use crate::db::AnyConnection;
use crate::domain::ids::UserId;
use crate::error::ApiError;

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    pub id: String,
    pub user_id: UserId,
    pub family_id: String,
    pub token_hash: String,
    pub issued_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// Stores a new refresh token in `family_id` (a new family when `None`) and returns it.
pub fn issue(
    conn: &mut AnyConnection,
    user_id: &UserId,
    family_id: Option<String>,
    ttl: std::time::Duration,
) -> Result<String, ApiError> {
    let token = random_token();
    let now = Utc::now().naive_utc();
    let ttl = chrono::Duration::from_std(ttl).map_err(ApiError::internal)?;
    let row = RefreshTokenRow {
        id: uuid::Uuid::now_v7().to_string(),
        user_id: user_id.clone(),
        family_id: family_id.unwrap_or_else(|| uuid::Uuid::now_v7().to_string()),
        token_hash: hash_token(&token),
        issued_at: now,
        expires_at: now + ttl,
        used_at: None,
        revoked_at: None,
    };
    diesel::insert_into(refresh_tokens::table)
        .values(&row)
        .execute(conn)?;
    Ok(token)
}

/// What presenting a refresh token leads to.
pub enum Redemption {
    /// The token was live: it is now used, and the caller may issue the next one in `family_id`.
    Rotated { user_id: UserId, family_id: String },
    /// Unknown, expired or revoked.
    Invalid,
    /// A used token came back: someone holds a copy. The family has been revoked.
    Reused,
}

pub fn redeem(conn: &mut AnyConnection, token: &str) -> Result<Redemption, ApiError> {
    let now = Utc::now().naive_utc();
    let found: Option<RefreshTokenRow> = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(hash_token(token)))
        .select(RefreshTokenRow::as_select())
        .first(conn)
        .optional()?;
    let Some(row) = found else {
        return Ok(Redemption::Invalid);
    };
    if row.revoked_at.is_some() || row.expires_at <= now {
        return Ok(Redemption::Invalid);
    }
    if row.used_at.is_some() {
        revoke_family(conn, &row)?;
        return Ok(Redemption::Reused);
    }
    let marked = diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::id.eq(&row.id))
            .filter(refresh_tokens::used_at.is_null()),
    )
    .set(refresh_tokens::used_at.eq(Some(now)))
    .execute(conn)?;
    if marked == 0 {
        // A concurrent refresh used it first: treat as reuse.
        revoke_family(conn, &row)?;
        return Ok(Redemption::Reused);
    }
    Ok(Redemption::Rotated {
        user_id: row.user_id,
        family_id: row.family_id,
    })
}

/// Revokes the family of a reused token and stops the user's access tokens at once: one of
/// them may have been issued to whoever holds the copy, and an access token does not name its
/// family, so the user's token version is bumped (the user logs in again everywhere).
fn revoke_family(conn: &mut AnyConnection, reused: &RefreshTokenRow) -> Result<(), ApiError> {
    diesel::update(refresh_tokens::table.filter(refresh_tokens::family_id.eq(&reused.family_id)))
        .filter(refresh_tokens::revoked_at.is_null())
        .set(refresh_tokens::revoked_at.eq(Some(Utc::now().naive_utc())))
        .execute(conn)?;
    bump_token_version(conn, &reused.user_id)
}

fn bump_token_version(conn: &mut AnyConnection, user_id: &UserId) -> Result<(), ApiError> {
    diesel::update(users::table.filter(users::id.eq(user_id)))
        .set(users::token_version.eq(users::token_version + 1))
        .execute(conn)?;
    Ok(())
}

/// Ends every session of a user: revokes its refresh tokens and bumps its token version so
/// that access tokens already issued stop working too.
pub fn end_all(conn: &mut AnyConnection, user_id: &UserId) -> Result<(), ApiError> {
    diesel::update(refresh_tokens::table.filter(refresh_tokens::user_id.eq(user_id)))
        .filter(refresh_tokens::revoked_at.is_null())
        .set(refresh_tokens::revoked_at.eq(Some(Utc::now().naive_utc())))
        .execute(conn)?;
    bump_token_version(conn, user_id)
}
