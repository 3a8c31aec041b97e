//! Row structs of the `frameworks` table, with separate insert and update forms.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::json;
use crate::db::schema::frameworks;
use crate::domain::framework::{CriterionGroup, FrameworkStatus, Rating, Scheme, Thresholds};
use crate::domain::ids::{FrameworkId, UserId};
use crate::domain::values::AgencyKind;
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = frameworks)]
pub struct FrameworkRow {
    pub id: FrameworkId,
    pub code: String,
    pub version: i32,
    pub name: String,
    pub description: Option<String>,
    /// JSON array of agency kinds.
    pub applies_to: String,
    /// JSON array of groups with their criteria.
    pub groups: String,
    pub threshold_excellent: f64,
    pub threshold_good: f64,
    pub threshold_average: f64,
    pub disqualified_rating: Rating,
    pub status: FrameworkStatus,
    pub previous_version_id: Option<FrameworkId>,
    pub created_by: UserId,
    pub published_by: Option<UserId>,
    pub published_at: Option<NaiveDateTime>,
    pub revision: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The columns an edit or publication may change; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = frameworks)]
pub struct FrameworkChanges {
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub applies_to: Option<String>,
    pub groups: Option<String>,
    pub threshold_excellent: Option<f64>,
    pub threshold_good: Option<f64>,
    pub threshold_average: Option<f64>,
    pub disqualified_rating: Option<Rating>,
    pub status: Option<FrameworkStatus>,
    pub published_by: Option<Option<UserId>>,
    pub published_at: Option<Option<NaiveDateTime>>,
    pub revision: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}

impl FrameworkRow {
    pub fn applies_to(&self) -> Result<Vec<AgencyKind>, ApiError> {
        json::decode(&self.applies_to, "applies_to")
    }

    pub fn groups(&self) -> Result<Vec<CriterionGroup>, ApiError> {
        json::decode(&self.groups, "groups")
    }

    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            excellent: self.threshold_excellent,
            good: self.threshold_good,
            average: self.threshold_average,
        }
    }

    pub fn scheme(&self) -> Result<Scheme, ApiError> {
        Ok(Scheme {
            groups: self.groups()?,
            thresholds: self.thresholds(),
            disqualified_rating: self.disqualified_rating,
        })
    }
}
