//! Row structs of reorganisations.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::reorganisations;
use crate::domain::ids::{AgencyId, DirectiveId, ReorganisationId, TaskId, UserId};
use crate::domain::reorganisation::{AccountDisposition, ReorganisationKind, ReorganisationStatus};
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reorganisations)]
pub struct ReorganisationRow {
    pub id: ReorganisationId,
    pub kind: ReorganisationKind,
    /// The decision's number (số, ký hiệu), checked like a directive's.
    pub decision_number: String,
    pub decision_date: NaiveDate,
    /// The first day the successor holds the work; the sources' last day is the day before.
    pub effective_on: NaiveDate,
    pub successor_id: AgencyId,
    pub status: ReorganisationStatus,
    pub created_by: UserId,
    /// The admin who applied it before its effective date; the scheduler applies it as them.
    pub scheduled_by: Option<UserId>,
    pub applied_at: Option<NaiveDateTime>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// What becomes of the accounts of the agencies that end.
    pub accounts: AccountDisposition,
    /// A transfer's function: the open tasks of this directive...
    pub directive_id: Option<DirectiveId>,
    /// ...or these tasks (a JSON array of ids, fixed by the decision).
    pub task_ids: Option<String>,
    /// A rename's new name and short name.
    pub new_name: Option<String>,
    pub new_short_name: Option<String>,
    /// A split's shares (JSON [`Share`]s).
    pub shares: Option<String>,
}

/// Part of a split agency's open work, and the successor that takes it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Share {
    #[schema(value_type = String)]
    pub successor_id: AgencyId,
    #[schema(value_type = Vec<String>)]
    pub task_ids: Vec<TaskId>,
}

impl ReorganisationRow {
    /// A split's shares; none for the other kinds.
    pub fn shares(&self) -> Result<Vec<Share>, ApiError> {
        match self.shares.as_deref() {
            Some(shares) => serde_json::from_str(shares).map_err(ApiError::internal),
            None => Ok(Vec::new()),
        }
    }

    /// The successor that takes `task` from the agency that ends: its share's, else the
    /// main successor.
    pub fn successor_of(&self, task: &TaskId, shares: &[Share]) -> AgencyId {
        shares
            .iter()
            .find(|share| share.task_ids.contains(task))
            .map_or_else(
                || self.successor_id.clone(),
                |share| share.successor_id.clone(),
            )
    }

    /// The tasks a transfer names, if it names tasks.
    pub fn named_tasks(&self) -> Result<Option<Vec<TaskId>>, ApiError> {
        self.task_ids
            .as_deref()
            .map(|ids| serde_json::from_str(ids).map_err(ApiError::internal))
            .transpose()
    }
}

/// The columns applying changes.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = reorganisations)]
pub struct ReorganisationChanges {
    pub status: Option<ReorganisationStatus>,
    pub scheduled_by: Option<Option<UserId>>,
    pub applied_at: Option<Option<NaiveDateTime>>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}
