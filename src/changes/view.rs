//! A change as the caller may see it: the record's current representation, read through its
//! resource's access module with the caller, or its tombstone.

use chrono::Utc;

use super::dto::ChangeDto;
use super::outbox::ChangeRow;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::domain::change::ChangeType;
use crate::domain::ids::{AgencyId, AssessmentId, DirectiveId, ReportId, TaskId};
use crate::domain::task::vietnam_date;
use crate::error::ApiError;

/// The change for `caller`, or `None` when the caller no longer sees its record (it moved
/// out of the caller's subtree since).
pub(super) fn for_caller(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    row: ChangeRow,
) -> Result<Option<ChangeDto>, ApiError> {
    let kind = ChangeType::parse(&row.entity_type)
        .ok_or_else(|| ApiError::internal(format!("unknown change kind {}", row.entity_type)))?;
    let entity = if row.action.ends_with(".delete") {
        // Its reach was checked in SQL: the record itself is gone.
        None
    } else {
        match current(conn, caller, kind, &row.entity_id) {
            Ok(entity) => Some(entity),
            Err(ApiError::NotFound) => return Ok(None),
            Err(other) => return Err(other),
        }
    };
    Ok(Some(ChangeDto::new(row, kind, entity)?))
}

fn current(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    kind: ChangeType,
    id: &str,
) -> Result<serde_json::Value, ApiError> {
    let id = id.to_owned();
    let json =
        |value: Result<serde_json::Value, serde_json::Error>| value.map_err(ApiError::internal);
    match kind {
        ChangeType::Task => {
            let task = crate::tasks::access::load(conn, caller, &TaskId::from_stored(id))?;
            let (row, coordinators) = task.into_parts();
            let dto =
                crate::tasks::dto::TaskDto::from_row(row, coordinators, vietnam_date(Utc::now()))?;
            json(serde_json::to_value(dto))
        }
        ChangeType::Report => {
            let (row, _, _) =
                crate::reports::access::load(conn, caller, &ReportId::from_stored(id))?;
            json(serde_json::to_value(
                crate::reports::dto::ReportDto::from_row(row)?,
            ))
        }
        ChangeType::Directive => {
            let (row, bases) = crate::directives::access::load_with_bases(
                conn,
                caller,
                &DirectiveId::from_stored(id),
            )?;
            json(serde_json::to_value(
                crate::directives::dto::DirectiveDto::from_row(row, bases)?,
            ))
        }
        ChangeType::Agency => {
            let row =
                crate::agencies::access::load(conn, caller, &AgencyId::from_stored(id))?.into_row();
            json(serde_json::to_value(
                crate::agencies::dto::AgencyDto::from_row(row)?,
            ))
        }
        ChangeType::Assessment => {
            let loaded = crate::assessments::access::load_visible(
                conn,
                caller,
                &AssessmentId::from_stored(id),
            )?;
            json(serde_json::to_value(crate::assessments::access::to_dto(
                loaded,
            )?))
        }
    }
}
