//! Row structs of the `agencies` table, one form to read and insert, one to update.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::agencies;
use crate::domain::ids::AgencyId;
use crate::domain::values::AgencyKind;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = agencies)]
pub struct AgencyRow {
    pub id: AgencyId,
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: AgencyKind,
    pub parent_id: Option<AgencyId>,
    /// Materialised path `/root/.../self/` (see `domain::agency_tree`).
    pub path: String,
    pub headcount: i32,
    pub active: bool,
    pub search_key: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The day it was established (ngày thành lập), when known.
    pub valid_from: Option<NaiveDate>,
    /// Its last day, when a reorganisation ended it.
    pub valid_to: Option<NaiveDate>,
}

/// The columns an update may change; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = agencies)]
pub struct AgencyChanges {
    pub code: Option<String>,
    pub name: Option<String>,
    pub short_name: Option<Option<String>>,
    pub kind: Option<AgencyKind>,
    pub parent_id: Option<Option<AgencyId>>,
    pub path: Option<String>,
    pub headcount: Option<i32>,
    pub active: Option<bool>,
    pub search_key: Option<String>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
    pub valid_to: Option<Option<NaiveDate>>,
}
