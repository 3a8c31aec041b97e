//! Request and response bodies of reorganisations.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::model::{ReorganisationRow, Share};
use crate::domain::ids::AgencyId;
use crate::domain::reorganisation::{AccountDisposition, ReorganisationKind, ReorganisationStatus};

/// A reorganisation decision to prepare.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateReorganisation {
    pub kind: ReorganisationKind,
    /// The decision's number (số, ký hiệu), e.g. `1234/QĐ-UBND`.
    #[schema(max_length = 60)]
    pub decision_number: String,
    pub decision_date: NaiveDate,
    /// The first day the successor holds the work; today or earlier to apply it now.
    pub effective_on: NaiveDate,
    /// The agencies that end: one to 20 for a merge, the one dissolved; for a transfer, the
    /// one agency the function leaves (it goes on).
    #[schema(min_items = 1, max_items = 20)]
    pub agency_ids: Vec<Uuid>,
    /// The existing, active agency that takes over their open work and accounts (for a
    /// transfer, the function's tasks). Required, except for a rename, which has none.
    pub successor_id: Option<Uuid>,
    /// What becomes of their accounts: `move` to the successor (default) or `deactivate`.
    /// Not for a transfer: nothing ends.
    pub accounts: Option<AccountDisposition>,
    /// A transfer only: the function is the open tasks of this directive that the agency
    /// leads or coordinates. Give this or `task_ids`.
    pub directive_id: Option<Uuid>,
    /// A transfer only: the function is these tasks (1 to 500), each led or coordinated by the
    /// agency. Give this or `directive_id`.
    #[schema(max_items = 500)]
    pub task_ids: Option<Vec<Uuid>>,
    /// A rename only (and required for it): the agency's new name.
    #[schema(min_length = 1, max_length = 200)]
    pub new_name: Option<String>,
    /// A rename only: the new short name (absent: none).
    #[schema(max_length = 50)]
    pub new_short_name: Option<String>,
    /// A split only (and required for it): 1 to 10 shares, each another successor with the
    /// open tasks it takes; the main successor takes the rest, the accounts and registrations.
    #[schema(max_items = 10)]
    pub shares: Option<Vec<ShareInput>>,
}

/// A successor's share of a split agency's open work.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareInput {
    pub successor_id: Uuid,
    /// Tasks the split agency leads or coordinates.
    #[schema(min_items = 1, max_items = 500)]
    pub task_ids: Vec<Uuid>,
}

/// A reorganisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReorganisationDto {
    pub id: String,
    pub kind: ReorganisationKind,
    pub decision_number: String,
    pub decision_date: NaiveDate,
    pub effective_on: NaiveDate,
    /// The agencies that end.
    pub agency_ids: Vec<String>,
    /// The agency that takes the work over (for a rename, the agency renamed).
    pub successor_id: String,
    pub accounts: AccountDisposition,
    /// A transfer's function: a directive's open tasks...
    pub directive_id: Option<String>,
    /// ...or these tasks.
    pub task_ids: Option<Vec<String>>,
    /// A rename's new name and short name.
    pub new_name: Option<String>,
    pub new_short_name: Option<String>,
    /// A split's shares.
    pub shares: Option<Vec<Share>>,
    pub status: ReorganisationStatus,
    pub applied_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

impl ReorganisationDto {
    pub fn from_row(row: ReorganisationRow, sources: Vec<AgencyId>) -> Self {
        let shares = row.shares().ok().filter(|s| !s.is_empty());
        let task_ids = row
            .task_ids
            .as_deref()
            .and_then(|ids| serde_json::from_str(ids).ok());
        Self {
            id: row.id.into_string(),
            kind: row.kind,
            decision_number: row.decision_number,
            decision_date: row.decision_date,
            effective_on: row.effective_on,
            agency_ids: sources.into_iter().map(AgencyId::into_string).collect(),
            successor_id: row.successor_id.into_string(),
            accounts: row.accounts,
            directive_id: row.directive_id.map(|d| d.to_string()),
            task_ids,
            shares,
            new_name: row.new_name,
            new_short_name: row.new_short_name,
            status: row.status,
            applied_at: row.applied_at.map(|t| t.and_utc()),
            version: row.version,
            created_at: row.created_at.and_utc(),
        }
    }
}

/// Pages of the reorganisation list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReorganisationQuery {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
}

/// A task whose work moves: from the agency that ends to the successor, as lead or as
/// coordinator.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct MovedTask {
    pub task_id: String,
    pub title: String,
    /// `lead` or `coordinator`.
    pub role: String,
    pub from_agency_id: String,
    pub to_agency_id: String,
    /// The recommendation it follows up, which goes with it (the recommendation stays
    /// addressed as its conclusion addressed it).
    pub recommendation_id: Option<String>,
    /// Its draft reports, which go with it (a task's reports are its own).
    pub report_drafts: Vec<String>,
}

/// An account of an agency that ends: moved to the successor, or deactivated.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct MovedUser {
    pub user_id: String,
    pub username: String,
    pub action: AccountDisposition,
    pub from_agency_id: String,
    /// Absent when the account is deactivated.
    pub to_agency_id: Option<String>,
}

/// What applying does (a preview) or did: the open tasks and accounts that move to the
/// successor and the agencies that end (for a transfer, the function's open tasks only). Completed and cancelled tasks stay with the agency
/// that did them.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ReorganisationPlan {
    pub reorganisation_id: String,
    pub tasks: Vec<MovedTask>,
    pub users: Vec<MovedUser>,
    /// The undecided registrations of the agencies that end, in open campaigns.
    pub assessments: Vec<MovedAssessment>,
    pub agencies_ending: Vec<String>,
    /// A rename: the agency's name before and after.
    pub renamed: Option<Renamed>,
}

/// A registration of an agency that ends: it follows the successor when the campaign includes
/// the successor and the successor has none of its own there; otherwise it is closed.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct MovedAssessment {
    pub assessment_id: String,
    pub campaign_id: String,
    pub from_agency_id: String,
    /// The successor, when the registration follows it.
    pub to_agency_id: Option<String>,
    /// Why it is closed instead.
    pub closed_reason: Option<String>,
}

/// An agency's name before and after a rename; records made before keep the old one.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Renamed {
    pub agency_id: String,
    pub name_before: String,
    pub short_name_before: Option<String>,
    pub name_after: String,
    pub short_name_after: Option<String>,
}

/// A reorganisation and what it did.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppliedReorganisation {
    pub reorganisation: ReorganisationDto,
    pub outcome: ReorganisationPlan,
}
