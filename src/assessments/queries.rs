//! Assessment queries, filtered by the caller's agency scope in SQL.

use diesel::prelude::*;

use super::model::{AssessmentChanges, AssessmentRow};
use crate::auth::Scope;
use crate::db::schema::{agencies, assessments, campaigns};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, AssessmentId, CampaignId};
use crate::error::ApiError;

/// The assessment with `id` if its agency lies inside `scope`.
pub(super) fn find_visible(
    conn: &mut AnyConnection,
    id: &AssessmentId,
    scope: &Scope,
) -> Result<Option<AssessmentRow>, ApiError> {
    let mut query = assessments::table
        .inner_join(agencies::table)
        .filter(assessments::id.eq(id))
        .select(AssessmentRow::as_select())
        .into_boxed();
    if let Some(root) = scope.subtree() {
        query = query.filter(crate::agencies::queries::path_within(root));
    }
    Ok(query.first(conn).optional()?)
}

/// A campaign's assessments of agencies inside `scope`, with each agency's path.
pub(super) fn of_campaign(
    conn: &mut AnyConnection,
    campaign_id: &CampaignId,
    scope: &Scope,
) -> Result<Vec<AssessmentRow>, ApiError> {
    let mut query = assessments::table
        .inner_join(agencies::table)
        .filter(assessments::campaign_id.eq(campaign_id.to_owned()))
        .select(AssessmentRow::as_select())
        .into_boxed();
    if let Some(root) = scope.subtree() {
        query = query.filter(crate::agencies::queries::path_within(root));
    }
    Ok(query.order(assessments::id.asc()).load(conn)?)
}

/// The assessment of `agency_id` in `campaign_id`, whoever may see it.
pub fn registered(
    conn: &mut AnyConnection,
    campaign_id: &CampaignId,
    agency_id: &AgencyId,
) -> Result<Option<String>, ApiError> {
    Ok(assessments::table
        .filter(assessments::campaign_id.eq(campaign_id))
        .filter(assessments::agency_id.eq(agency_id))
        .select(assessments::id)
        .first(conn)
        .optional()?)
}

pub fn insert(conn: &mut AnyConnection, row: &AssessmentRow) -> Result<(), ApiError> {
    diesel::insert_into(assessments::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Applies `changes` if the row still has the version it was read at (see
/// `db::expect_updated`).
pub fn update(
    conn: &mut AnyConnection,
    id: &AssessmentId,
    read_version: i32,
    changes: &AssessmentChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        assessments::table
            .filter(assessments::id.eq(id))
            .filter(assessments::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    crate::db::expect_updated(rows, "assessment")
}

/// The agency's own assessments in campaigns of the years `from..=to`, with the campaign's
/// year and standard.
pub(super) fn of_agency_in_years(
    conn: &mut AnyConnection,
    agency: &AgencyId,
    (from, to): (i32, i32),
) -> Result<Vec<(i32, String, AssessmentRow)>, ApiError> {
    Ok(assessments::table
        .inner_join(campaigns::table)
        .filter(assessments::agency_id.eq(agency))
        .filter(campaigns::year.between(from, to))
        .select((
            campaigns::year,
            campaigns::framework_code,
            AssessmentRow::as_select(),
        ))
        .order((campaigns::year.asc(), campaigns::framework_code.asc()))
        .load(conn)?)
}

/// The undecided assessments of `agencies` in open campaigns, with their campaigns.
pub(super) fn undecided_of(
    conn: &mut AnyConnection,
    agencies: &[AgencyId],
) -> Result<Vec<(AssessmentRow, crate::campaigns::model::CampaignRow)>, ApiError> {
    use crate::campaigns::model::CampaignRow;
    use crate::domain::assessment::{AssessmentStatus, CampaignStatus};
    Ok(assessments::table
        .inner_join(campaigns::table)
        .filter(assessments::agency_id.eq_any(agencies))
        .filter(campaigns::status.eq(CampaignStatus::Open))
        .filter(assessments::status.ne_all([AssessmentStatus::Decided, AssessmentStatus::Closed]))
        .select((AssessmentRow::as_select(), CampaignRow::as_select()))
        .order(assessments::id)
        .load(conn)?)
}

/// How many registrations of a campaign are in a status with a rating.
pub(crate) type RegistrationCount = (CampaignId, String, Option<String>, i64);

/// The registrations of the campaigns of `year` by agencies of the subtree at `root` (any
/// agency without one), counted by campaign, status and rating.
pub(crate) fn count_in_year(
    conn: &mut AnyConnection,
    root: Option<&str>,
    year: i32,
) -> Result<Vec<RegistrationCount>, ApiError> {
    let of_year = campaigns::table
        .filter(campaigns::year.eq(year))
        .select(campaigns::id);
    let mut query = assessments::table
        .inner_join(agencies::table)
        .group_by((
            assessments::campaign_id,
            assessments::status,
            assessments::rating,
        ))
        .select((
            assessments::campaign_id,
            assessments::status,
            assessments::rating,
            diesel::dsl::count_star(),
        ))
        .into_boxed()
        .filter(assessments::campaign_id.eq_any(of_year));
    if let Some(root) = root {
        query = query.filter(crate::agencies::queries::path_within(root));
    }
    Ok(query.load(conn)?)
}

/// The id and name of each campaign of `year`.
pub(crate) fn campaigns_of_year(
    conn: &mut AnyConnection,
    year: i32,
) -> Result<Vec<(CampaignId, String)>, ApiError> {
    Ok(campaigns::table
        .filter(campaigns::year.eq(year))
        .order(campaigns::id)
        .select((campaigns::id, campaigns::name))
        .load(conn)?)
}
