//! The row of a supervision plan.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::supervision_plans;
use crate::domain::ids::{AgencyId, PlanId, UserId};
use crate::domain::supervision_plan::PlanStatus;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = supervision_plans)]
pub struct PlanRow {
    pub id: PlanId,
    pub year: i32,
    pub body_agency_id: AgencyId,
    pub title: String,
    /// JSON list of `domain::supervision_plan::PlanItem`.
    pub items: String,
    pub status: PlanStatus,
    pub approved_at: Option<NaiveDateTime>,
    pub approved_by: Option<UserId>,
    pub created_by: UserId,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The columns a change may set; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = supervision_plans)]
pub struct PlanChanges {
    pub title: Option<String>,
    pub items: Option<String>,
    pub status: Option<PlanStatus>,
    pub approved_at: Option<Option<NaiveDateTime>>,
    pub approved_by: Option<Option<UserId>>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}
