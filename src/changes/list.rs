//! `GET /api/v1/changes`: the change feed, read from a cursor.

use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::dto::{ChangeDto, ChangePage};
use super::{outbox, view};
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::change::{parse_types, ChangeType};
use crate::error::{ApiError, Problem};
use crate::http::pagination::PageRequest;
use crate::state::AppState;

/// Where to read the change feed from.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ChangeQuery {
    /// The `next_cursor` of the previous page (a change's `id`); from the oldest change kept
    /// when absent.
    pub after: Option<Uuid>,
    /// Only these kinds, comma-separated: `task`, `report`, `directive`, `agency`,
    /// `assessment`. Every kind the caller may read when absent.
    #[param(
        max_length = 200,
        pattern = "^(task|report|directive|agency|assessment)(,(task|report|directive|agency|assessment))*$"
    )]
    pub types: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

/// Read the change feed
///
/// The changes to the records the caller may see, in the order they were committed, each
/// with the record as it is now (or a tombstone for a deletion). Keep `next_cursor` and read
/// on from it: a change committed later is never numbered before it, so nothing is skipped
/// and nothing repeated. Changes are kept for the configured retention (`CHANGE_RETENTION`,
/// 30 days by default); a cursor older than that answers 410, and the client resynchronises
/// from the lists, then reads the feed from their time on. An API client needs
/// `changes:read`, and sees only the kinds its other scopes read (tasks and directives with
/// `tasks:read`, reports with `reports:write`, agencies with `agencies:read`, assessments
/// with `assessments:read`).
#[utoipa::path(
    get,
    path = "/api/v1/changes",
    tag = "changes",
    params(ChangeQuery),
    security(("bearer" = []), ("client_credentials" = ["changes:read"])),
    responses(
        (status = 200, description = "The next changes", body = ChangePage),
        (status = 403, description = "An API client named a kind its scopes do not read", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The cursor is older than the feed's retention: resynchronise from the lists", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid kinds, limit or cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_changes(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<ChangeQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let kinds = readable_kinds(&auth, query.types.as_deref())?;
    let limit = PageRequest::parse(query.limit, None)?.limit;
    let page = state
        .pool
        .run_as(auth, move |conn, caller| {
            outbox::number_committed(conn)?;
            let after = match query.after {
                Some(cursor) => Some((cursor, position(conn, caller, cursor)?)),
                None => None,
            };
            read(conn, caller, after, &kinds, limit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// The kinds asked for that the token reads: a client naming a kind outside its scopes is
/// refused, one naming none gets the kinds it reads.
fn readable_kinds(auth: &Authenticated, types: Option<&str>) -> Result<Vec<ChangeType>, ApiError> {
    if types.is_some_and(|t| t.chars().count() > 200) {
        return Err(ApiError::field("types", "must have at most 200 characters"));
    }
    let kinds = parse_types(types).map_err(|message| ApiError::field("types", message))?;
    if types.is_some() {
        if let Some(kind) = kinds.iter().find(|k| !auth.holds(k.read_scope())) {
            return Err(ApiError::InsufficientScope(format!(
                "changes to {} need the scope {}",
                kind.as_str(),
                kind.read_scope().as_str()
            )));
        }
    }
    Ok(kinds
        .into_iter()
        .filter(|k| auth.holds(k.read_scope()))
        .collect())
}

/// The number of the change a cursor names, if it reaches the caller. A cursor naming a
/// change pruned past retention is 410; an unknown one, or another subtree's, is 422 alike.
fn position(conn: &mut AnyConnection, caller: &AuthUser, cursor: Uuid) -> Result<i64, ApiError> {
    if let Some(seq) = outbox::seq_in_scope(conn, &caller.scope, &cursor.to_string())? {
        return Ok(seq);
    }
    let pruned = outbox::pruned_until(conn)?;
    if pruned.is_some_and(|until| made_by(cursor).is_some_and(|made| made <= until)) {
        return Err(ApiError::Gone(
            "the cursor is older than the change feed keeps; read the lists again, then the feed from now on".into(),
        ));
    }
    Err(ApiError::field("after", "names no change in your feed"))
}

/// When a change id (a UUIDv7) was made, to the millisecond.
fn made_by(cursor: Uuid) -> Option<NaiveDateTime> {
    let (secs, nanos) = cursor.get_timestamp()?.to_unix();
    let made = chrono::DateTime::from_timestamp(secs as i64, nanos - nanos % 1_000_000)?;
    Some(made.naive_utc())
}

/// The page after `after`: up to `limit` changes reaching the caller, less those whose
/// record it no longer sees.
fn read(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    after: Option<(Uuid, i64)>,
    kinds: &[ChangeType],
    limit: i64,
) -> Result<ChangePage, ApiError> {
    if kinds.is_empty() {
        return Ok(ChangePage {
            items: Vec::new(),
            next_cursor: after.map(|(cursor, _)| cursor.to_string()),
            has_more: false,
        });
    }
    let from = after.map_or(0, |(_, seq)| seq);
    let mut rows = outbox::after(conn, &caller.scope, from, kinds, limit + 1)?;
    let has_more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = match rows.last() {
        Some(last) => Some(last.id.clone()),
        None => after.map(|(cursor, _)| cursor.to_string()),
    };
    let mut items: Vec<ChangeDto> = Vec::with_capacity(rows.len());
    for row in rows {
        items.extend(view::for_caller(conn, caller, row)?);
    }
    Ok(ChangePage {
        items,
        next_cursor,
        has_more,
    })
}
