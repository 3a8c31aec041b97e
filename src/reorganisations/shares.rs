//! The parts of a request that name tasks: a transfer's `task_ids` and a split's shares, each
//! task one the caller sees and the agency that ends (or gives the function up) holds.

use super::dto::CreateReorganisation;
use super::model::Share;
use crate::agencies::access as agency_access;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, TaskId};
use crate::error::ApiError;
use crate::tasks::access as task_access;

/// A split's shares as the shape rules read them: (successor, tasks) as text.
pub(super) fn shape(body: &CreateReorganisation) -> Option<Vec<(String, Vec<String>)>> {
    body.shares.as_ref().map(|shares| {
        shares
            .iter()
            .map(|s| {
                let tasks = s.task_ids.iter().map(|t| t.to_string()).collect();
                (s.successor_id.to_string(), tasks)
            })
            .collect()
    })
}

/// 422 on `field` unless each task is one the caller sees that one of `holders` leads or
/// coordinates (a task the caller does not see reads like a missing one).
pub(super) fn check_held(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    tasks: &[uuid::Uuid],
    holders: &[AgencyId],
    field: &str,
) -> Result<(), ApiError> {
    for id in tasks {
        let held = match task_access::load(conn, caller, &TaskId::from(*id)) {
            Ok(task) => task_access::held_by(&task, holders),
            Err(ApiError::NotFound) => false,
            Err(other) => return Err(other),
        };
        if !held {
            return Err(ApiError::field(
                field,
                format!("{id} is no task of the agency that gives it up"),
            ));
        }
    }
    Ok(())
}

/// A split's shares, checked (each successor an agency the caller sees, each task held by
/// the agency split), as stored.
pub(super) fn check_shares(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    body: &CreateReorganisation,
    sources: &[AgencyId],
) -> Result<Option<String>, ApiError> {
    let Some(shares) = &body.shares else {
        return Ok(None);
    };
    let mut stored = Vec::new();
    for share in shares {
        let id = share.successor_id.to_string();
        let successor =
            agency_access::named(conn, &caller.scope, &id, "shares", "no agency with this id")?;
        check_held(conn, caller, &share.task_ids, sources, "shares")?;
        stored.push(Share {
            successor_id: successor.id,
            task_ids: share.task_ids.iter().map(|t| TaskId::from(*t)).collect(),
        });
    }
    Ok(Some(
        serde_json::to_string(&stored).map_err(ApiError::internal)?,
    ))
}
