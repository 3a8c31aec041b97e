//! The row of a periodic review.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::reviews;
use crate::domain::ids::{AgencyId, ReviewId, UserId};
use crate::domain::review::ReviewKind;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reviews)]
pub struct ReviewRow {
    pub id: ReviewId,
    pub kind: ReviewKind,
    /// The period in its canonical notation.
    pub period: String,
    /// `None`: the whole province.
    pub agency_id: Option<AgencyId>,
    pub include_predecessors: bool,
    pub title: String,
    /// JSON list of the directives the review reports on (căn cứ).
    pub directive_ids: String,
    /// JSON of the dashboard (`dashboard::dto::DashboardDto`) when the review was created.
    pub figures: String,
    pub results: Option<String>,
    pub shortcomings: Option<String>,
    pub next_tasks: Option<String>,
    pub created_by: UserId,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The columns a change may set; `None` leaves a column as it is. The figures never change.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = reviews)]
pub struct ReviewChanges {
    pub title: Option<String>,
    pub results: Option<Option<String>>,
    pub shortcomings: Option<Option<String>>,
    pub next_tasks: Option<Option<String>>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}
