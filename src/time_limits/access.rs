//! The only door to the province's time limits: everyone counts with them, admins change them.

use chrono::Utc;
use serde_json::json;

use super::queries::{self, TimeLimitRow};
use crate::audit;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::domain::permissions::administration;
use crate::domain::time_limit::{TimeLimit, TimeLimits};
use crate::error::ApiError;
use crate::http::etag;

/// A time limit in force with its version (0 while it is the default).
#[derive(Debug, Clone)]
pub struct Stored {
    pub limit: TimeLimit,
    pub version: i32,
}

/// The time limits in force, each with its version.
pub fn all(conn: &mut AnyConnection) -> Result<Vec<Stored>, ApiError> {
    let rows = queries::all(conn)?;
    let limits = TimeLimits::new(rows.iter().map(to_limit).collect());
    Ok(limits
        .all()
        .iter()
        .map(|limit| Stored {
            limit: limit.clone(),
            version: rows
                .iter()
                .find(|r| r.code == limit.code)
                .map_or(0, |r| r.version),
        })
        .collect())
}

/// The time limits in force, to count due dates with.
pub fn current(conn: &mut AnyConnection) -> Result<TimeLimits, ApiError> {
    Ok(TimeLimits::new(
        queries::all(conn)?.iter().map(to_limit).collect(),
    ))
}

fn to_limit(row: &TimeLimitRow) -> TimeLimit {
    TimeLimit {
        code: row.code,
        count: row.count,
        source: row.source.clone(),
    }
}

/// Sets the count of `code` with the source of the province's rule, only over the version
/// `expected` when given; admins only.
pub fn set(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    limit: TimeLimit,
    expected: Option<i32>,
) -> Result<Stored, ApiError> {
    ApiError::forbidden_unless(administration::sets_time_limits(caller))?;
    let current = all(conn)?
        .into_iter()
        .find(|s| s.limit.code == limit.code)
        .ok_or(ApiError::NotFound)?;
    etag::check(expected, current.version)?;
    let row = TimeLimitRow {
        code: limit.code,
        count: limit.count,
        source: limit.source.clone(),
        version: current.version + 1,
        updated_by: caller.id.clone(),
        updated_at: Utc::now().naive_utc(),
    };
    queries::store(conn, &row, current.version)?;
    let audit = json!({
        "from": {"count": current.limit.count, "source": current.limit.source},
        "to": {"count": limit.count, "source": limit.source},
    });
    audit::record(
        conn,
        &caller.actor(),
        "time_limit.update",
        "time_limit",
        limit.code.as_str(),
        audit,
    )?;
    Ok(Stored {
        limit,
        version: row.version,
    })
}
