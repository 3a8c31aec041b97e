//! The dashboard's query and answer.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Which period and whose work.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DashboardQuery {
    /// The reporting period (kỳ báo cáo): `2026`, `2026-H1`, `2026-Q3`, `2026-9M` or
    /// `2026-M11`. Its data run between the province's cut-off days (Nghị định 09/2019/NĐ-CP:
    /// from the 15th of the month before to the 14th).
    #[param(pattern = "^20[0-9]{2}(-(H[12]|Q[1-4]|9M|M(0?[1-9]|1[0-2])|0[1-9]|1[0-2]))?$")]
    pub period: String,
    /// Only this agency's subtree (inside the caller's scope); the caller's scope by default.
    pub agency_id: Option<Uuid>,
    /// Also count the work of the agencies the counted ones succeeded in reorganisations, in
    /// both years: the previous year's figure then sums an agency's predecessors.
    #[serde(default)]
    pub include_predecessors: bool,
}

/// How many tasks are in each deadline status (the four statuses of Quyết định 42/2014/QĐ-TTg).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StatusCounts {
    /// Hoàn thành đúng hạn.
    pub done_on_time: i64,
    /// Hoàn thành quá hạn.
    pub done_late: i64,
    /// Chưa đến hạn.
    pub on_track: i64,
    /// Quá hạn.
    pub overdue: i64,
    pub total: i64,
    /// Done (on time or late) out of the total, 0 to 1; 0 when there are no tasks.
    pub completion_rate: f64,
}

/// One lead agency's tasks.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AgencyFigures {
    pub agency_id: String,
    pub name: String,
    pub tasks: StatusCounts,
}

/// One directive's tasks.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DirectiveFigures {
    pub directive_id: String,
    /// Số, ký hiệu.
    pub number: String,
    pub title: String,
    pub tasks: StatusCounts,
}

/// The targets of the period's tasks in one unit against what their accepted reports reached
/// (for example a recruitment quota of 7,900 recruits).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TargetFigures {
    pub unit: Option<String>,
    /// Tasks with a target in this unit.
    pub tasks: i64,
    pub target: f64,
    /// The sum over those tasks of the highest value an accepted report gave.
    pub actual: f64,
}

/// The progress reports submitted within the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReportFigures {
    pub submitted: i64,
    /// Submitted after their task's due date (Vietnam's calendar day).
    pub late: i64,
    /// Not reviewed by the window's day.
    pub awaiting_review: i64,
}

/// One campaign of the period's year (phong trào, e.g. "An toàn về an ninh, trật tự"): the
/// registrations of the counted agencies and where they stand.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CampaignFigures {
    pub campaign_id: String,
    pub name: String,
    pub registrations: i64,
    /// Submitted for review, under review or decided.
    pub submitted: i64,
    pub decided: i64,
    /// Decided registrations by rating.
    pub ratings: BTreeMap<String, i64>,
}

/// A period's figures.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Figures {
    /// The period, in its canonical notation.
    pub period: String,
    /// The first and last day of the period's data.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day the figures are taken on: the period's last day, or today while it runs.
    pub as_of: NaiveDate,
    /// Tasks due in the period, or due earlier and still open at its start.
    pub tasks: StatusCounts,
    /// By lead agency, in tree order.
    pub by_agency: Vec<AgencyFigures>,
    /// By directive, by number.
    pub by_directive: Vec<DirectiveFigures>,
    pub targets: Vec<TargetFigures>,
    pub reports: ReportFigures,
    /// The campaigns of the period's year.
    pub campaigns: Vec<CampaignFigures>,
    /// Delegations decided in the period that supervise a counted agency, by their status now.
    pub delegations: BTreeMap<String, i64>,
    /// Recommendations made in the period to counted agencies, by the status of their
    /// follow-up task now.
    pub recommendations: BTreeMap<String, i64>,
}

/// The dashboard of a period: its figures and the same period of the previous year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DashboardDto {
    /// The agency whose subtree is counted; absent for the whole province.
    pub agency_id: Option<String>,
    pub include_predecessors: bool,
    pub current: Figures,
    /// The same period one year earlier, taken on the same day of that year.
    pub previous_year: Figures,
}

/// What a series counts, per period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SeriesMetric {
    /// Tasks of the period done on time (see the dashboard for which tasks a period counts).
    DoneOnTime,
    DoneLate,
    OnTrack,
    Overdue,
    /// All the period's tasks.
    Tasks,
    /// Done out of all, 0 to 1.
    CompletionRate,
    /// Reports submitted in the period.
    ReportsSubmitted,
    /// Reports submitted after their task's due date.
    ReportsLate,
}

/// The step of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SeriesGranularity {
    Month,
    Quarter,
}

/// A series' metric, range and scope.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SeriesQuery {
    pub metric: SeriesMetric,
    /// The first period: a month (`2026-M01`) or a quarter (`2026-Q1`), as `granularity` says.
    #[param(pattern = "^20[0-9]{2}-(M(0?[1-9]|1[0-2])|0[1-9]|1[0-2]|Q[1-4])$")]
    pub from: String,
    /// The last period, of the same kind; at most 36 periods after `from`.
    #[param(pattern = "^20[0-9]{2}-(M(0?[1-9]|1[0-2])|0[1-9]|1[0-2]|Q[1-4])$")]
    pub to: String,
    pub granularity: SeriesGranularity,
    /// Only this agency's subtree (inside the caller's scope).
    pub agency_id: Option<Uuid>,
    #[serde(default)]
    pub include_predecessors: bool,
}

/// One period's value.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SeriesPoint {
    pub period: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub value: f64,
}

/// A metric period by period, for charts.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SeriesDto {
    pub metric: SeriesMetric,
    pub granularity: SeriesGranularity,
    pub agency_id: Option<String>,
    pub points: Vec<SeriesPoint>,
}
