//! Row structs of the `assessments` table and the stored score sheets.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::json;
use crate::db::schema::assessments;
use crate::domain::assessment::AssessmentStatus;
use crate::domain::framework::Rating;
use crate::domain::framework::Scheme;
use crate::domain::ids::{AgencyId, AssessmentId, CampaignId, UserId};
use crate::domain::scoring::{evaluate, Mark, Outcome};
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = assessments)]
pub struct AssessmentRow {
    pub id: AssessmentId,
    pub campaign_id: CampaignId,
    pub agency_id: AgencyId,
    pub document_number: String,
    pub registered_on: NaiveDate,
    pub registered_by: UserId,
    pub status: AssessmentStatus,
    /// JSON [`ScoreSheet`] of the agency.
    pub self_scores: String,
    /// JSON [`ScoreSheet`] of the reviewer.
    pub review_scores: String,
    pub self_total: f64,
    pub review_total: Option<f64>,
    pub extended_until: Option<NaiveDate>,
    pub submitted_by: Option<UserId>,
    pub submitted_at: Option<NaiveDateTime>,
    pub return_comment: Option<String>,
    pub recognised: Option<bool>,
    pub rating: Option<Rating>,
    pub decision_number: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub decided_by: Option<UserId>,
    pub override_reason: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Why it was closed undecided.
    pub closed_reason: Option<String>,
}

/// The columns a step of the workflow may change; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = assessments)]
pub struct AssessmentChanges {
    pub status: Option<AssessmentStatus>,
    pub self_scores: Option<String>,
    pub review_scores: Option<String>,
    pub self_total: Option<f64>,
    pub review_total: Option<Option<f64>>,
    pub extended_until: Option<Option<NaiveDate>>,
    pub submitted_by: Option<Option<UserId>>,
    pub submitted_at: Option<Option<NaiveDateTime>>,
    pub return_comment: Option<Option<String>>,
    pub recognised: Option<Option<bool>>,
    pub rating: Option<Option<Rating>>,
    pub decision_number: Option<Option<String>>,
    pub decided_on: Option<Option<NaiveDate>>,
    pub decided_by: Option<Option<UserId>>,
    pub override_reason: Option<Option<String>>,
    pub agency_id: Option<AgencyId>,
    pub closed_reason: Option<Option<String>>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}

/// One criterion's score as given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Score {
    /// Points, for a point criterion.
    pub score: Option<f64>,
    /// Met or not, for a disqualifying condition.
    pub met: Option<bool>,
    pub note: Option<String>,
    pub scored_by: String,
    pub scored_at: DateTime<Utc>,
}

impl Score {
    pub fn mark(&self) -> Option<Mark> {
        match (self.score, self.met) {
            (Some(points), _) => Some(Mark::Points(points)),
            (None, Some(met)) => Some(Mark::Met(met)),
            (None, None) => None,
        }
    }
}

/// Scores keyed by criterion code.
pub type ScoreSheet = BTreeMap<String, Score>;

pub fn marks(sheet: &ScoreSheet) -> BTreeMap<String, Mark> {
    sheet
        .iter()
        .filter_map(|(code, s)| s.mark().map(|m| (code.clone(), m)))
        .collect()
}

/// The marks a decision is judged by: the agency's, with the reviewer's in their place.
pub fn overlay(own: &ScoreSheet, review: &ScoreSheet) -> BTreeMap<String, Mark> {
    let mut effective = marks(own);
    effective.extend(marks(review));
    effective
}

/// What the agency's own scores amount to.
pub fn own_outcome(scheme: &Scheme, own: &ScoreSheet) -> Outcome {
    evaluate(scheme, &marks(own))
}

/// The review total: the agency's scores with the reviewer's in their place; none until the
/// reviewer has scored anything.
pub fn review_total(scheme: &Scheme, own: &ScoreSheet, review: &ScoreSheet) -> Option<f64> {
    (!review.is_empty()).then(|| evaluate(scheme, &overlay(own, review)).total)
}

/// Who registered which agency in which campaign, by which letter.
pub struct Registration {
    pub campaign_id: CampaignId,
    pub agency_id: AgencyId,
    pub document_number: String,
    pub registered_on: NaiveDate,
    pub registered_by: UserId,
}

impl AssessmentRow {
    /// A new assessment: registered, nothing scored, nothing decided.
    pub fn registered(registration: Registration) -> Self {
        let now = chrono::Utc::now().naive_utc();
        Self {
            id: AssessmentId::generate(),
            campaign_id: registration.campaign_id,
            agency_id: registration.agency_id,
            document_number: registration.document_number,
            registered_on: registration.registered_on,
            registered_by: registration.registered_by,
            status: AssessmentStatus::Registered,
            self_scores: "{}".into(),
            review_scores: "{}".into(),
            self_total: 0.0,
            review_total: None,
            extended_until: None,
            submitted_by: None,
            submitted_at: None,
            return_comment: None,
            recognised: None,
            rating: None,
            decision_number: None,
            decided_on: None,
            decided_by: None,
            override_reason: None,
            version: 1,
            created_at: now,
            updated_at: now,
            closed_reason: None,
        }
    }

    pub fn self_sheet(&self) -> Result<ScoreSheet, ApiError> {
        json::decode(&self.self_scores, "self scores")
    }

    pub fn review_sheet(&self) -> Result<ScoreSheet, ApiError> {
        json::decode(&self.review_scores, "review scores")
    }

    /// The marks a decision is judged by (see [`overlay`]).
    pub fn effective_marks(&self) -> Result<BTreeMap<String, Mark>, ApiError> {
        Ok(overlay(&self.self_sheet()?, &self.review_sheet()?))
    }
}
