//! Row structs of the `directives` table, one form to read and insert, one to update.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::directives;
use crate::domain::directive::{DirectiveKind, DirectiveStatus};
use crate::domain::ids::{AgencyId, DirectiveId, UserId};

/// A directive as stored: read with `select(DirectiveRow::as_select())` and inserted as is.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = directives)]
pub struct DirectiveRow {
    pub id: DirectiveId,
    pub kind: DirectiveKind,
    pub number: String,
    pub issuer: String,
    pub issuer_agency_id: Option<AgencyId>,
    pub issued_on: NaiveDate,
    pub title: String,
    pub summary: Option<String>,
    pub term: Option<String>,
    pub status: DirectiveStatus,
    pub superseded_by: Option<String>,
    pub search_key: String,
    pub issuer_key: String,
    pub version: i32,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The columns an update may change; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = directives)]
pub struct DirectiveChanges {
    pub kind: Option<DirectiveKind>,
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub issuer_agency_id: Option<Option<AgencyId>>,
    pub issued_on: Option<NaiveDate>,
    pub title: Option<String>,
    pub summary: Option<Option<String>>,
    pub term: Option<Option<String>>,
    pub status: Option<DirectiveStatus>,
    pub superseded_by: Option<Option<String>>,
    pub search_key: Option<String>,
    pub issuer_key: Option<String>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}
