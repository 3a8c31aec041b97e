//! Demo campaigns: the agency standard published, the 2022 campaign in which Sở Thông tin và
//! Truyền thông registered by Công văn 118/STTTT-VP of 27/01/2022 and was recognised, and this
//! year's copy with the department registered and part-way through its self-assessment.

use chrono::{Datelike, NaiveDate, Utc};

use super::frameworks::AGENCY_STANDARD;
use crate::agencies::queries as agency_queries;
use crate::assessments::model::{
    own_outcome, review_total, AssessmentRow, Registration, Score, ScoreSheet,
};
use crate::assessments::queries as assessment_queries;
use crate::audit::AuditActor;
use crate::campaigns::create::{insert_campaign, CampaignSettings};
use crate::campaigns::input::Calendar;
use crate::campaigns::model::CampaignChanges;
use crate::campaigns::queries as campaign_queries;
use crate::db::{json, AnyConnection};
use crate::domain::assessment::{default_deadlines, AssessmentStatus, CampaignStatus};
use crate::domain::framework::{FrameworkStatus, Rating};
use crate::domain::ids::{AgencyId, CampaignId, UserId};
use crate::domain::task::vietnam_date;
use crate::error::ApiError;
use crate::frameworks::model::FrameworkRow;
use crate::frameworks::publish::publication;
use crate::frameworks::queries as framework_queries;

/// The department's 2022 self-scores: 95 points, every condition met.
const SELF_2022: &[(&str, f64)] = &[
    ("1.1", 10.0),
    ("1.2", 5.0),
    ("1.3", 5.0),
    ("2.1", 10.0),
    ("2.2", 10.0),
    ("2.3", 8.0),
    ("3.1", 15.0),
    ("3.2", 12.0),
    ("3.3", 10.0),
    ("3.4", 10.0),
];
const CONDITIONS: &[&str] = &["KX1", "KX2", "KX3"];

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, ApiError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| ApiError::internal("bad demo date"))
}

fn sheet(points: &[(&str, f64)], conditions: &[&str], by: &str) -> ScoreSheet {
    let score = |score, met| Score {
        score,
        met,
        note: None,
        scored_by: by.to_owned(),
        scored_at: Utc::now(),
    };
    let mut sheet: ScoreSheet = points
        .iter()
        .map(|(c, p)| ((*c).to_owned(), score(Some(*p), None)))
        .collect();
    sheet.extend(
        conditions
            .iter()
            .map(|c| ((*c).to_owned(), score(None, Some(true)))),
    );
    sheet
}

fn publish(
    conn: &mut AnyConnection,
    framework: &FrameworkRow,
    by: &UserId,
) -> Result<FrameworkRow, ApiError> {
    if framework.status == FrameworkStatus::Draft {
        framework_queries::update(
            conn,
            &framework.id,
            framework.revision,
            &publication(framework, by),
        )?;
    }
    framework_queries::find(conn, &framework.id)?.ok_or(ApiError::NotFound)
}

fn campaign(
    conn: &mut AnyConnection,
    actor: &AuditActor,
    framework: &FrameworkRow,
    year: i32,
    from: Option<CampaignId>,
) -> Result<CampaignId, ApiError> {
    let [registration, self_assessment, review] =
        default_deadlines(year).ok_or_else(|| ApiError::internal("no calendar"))?;
    let settings = CampaignSettings {
        name: format!("Tiêu chuẩn \"An toàn về an ninh, trật tự\" năm {year}"),
        year,
        calendar: Calendar {
            registration,
            self_assessment,
            review,
        },
        kinds: framework.applies_to()?,
        ids: Vec::new(),
        cloned_from_id: from,
    };
    Ok(insert_campaign(conn, actor, framework, settings)?.id)
}

fn assessment(
    campaign_id: &CampaignId,
    agency_id: &AgencyId,
    number: &str,
    on: NaiveDate,
    by: &UserId,
) -> AssessmentRow {
    AssessmentRow::registered(Registration {
        campaign_id: campaign_id.clone(),
        agency_id: agency_id.clone(),
        document_number: number.to_owned(),
        registered_on: on,
        registered_by: by.clone(),
    })
}

/// Seeds the demo campaigns once; `admin`, `supervisor` and `manager` are user ids.
pub fn seed(
    conn: &mut AnyConnection,
    admin: &UserId,
    supervisor: &UserId,
    manager: &UserId,
) -> Result<String, ApiError> {
    if campaign_queries::of_year(conn, AGENCY_STANDARD, 2022)?.is_some() {
        return Ok("campaigns: already there".into());
    }
    let Some(framework) = framework_queries::draft_of(conn, AGENCY_STANDARD)? else {
        return Ok("campaigns: skipped, the agency standard template was changed".into());
    };
    let framework = publish(conn, &framework, admin)?;
    let scheme = framework.scheme()?;
    let department = agency_queries::find_by_code(conn, "STTTT")?.ok_or(ApiError::NotFound)?;
    let actor = AuditActor {
        user_id: Some(supervisor.clone()),
        request_id: None,
    };

    let past = campaign(conn, &actor, &framework, 2022, None)?;
    let mut row = assessment(
        &past,
        &department.id,
        "118/STTTT-VP",
        date(2022, 1, 27)?,
        manager,
    );
    let own = sheet(SELF_2022, CONDITIONS, manager.as_str());
    let review = sheet(&[("3.2", 10.0)], &[], supervisor.as_str());
    row.self_total = own_outcome(&scheme, &own).total;
    row.review_total = review_total(&scheme, &own, &review);
    row.self_scores = json::encode(&own)?;
    row.review_scores = json::encode(&review)?;
    row.status = AssessmentStatus::Decided;
    row.submitted_by = Some(manager.clone());
    row.submitted_at = date(2022, 11, 25)?.and_hms_opt(3, 0, 0);
    row.recognised = Some(true);
    row.rating = Some(Rating::Excellent);
    row.decision_number = Some("15/QĐ-CAT".into());
    row.decided_on = Some(date(2022, 12, 10)?);
    row.decided_by = Some(supervisor.clone());
    assessment_queries::insert(conn, &row)?;
    let closed = CampaignChanges {
        status: Some(CampaignStatus::Closed),
        ..Default::default()
    };
    campaign_queries::update(conn, &past, 1, &closed)?;

    let today = vietnam_date(Utc::now());
    let year = today.year();
    let current = campaign(conn, &actor, &framework, year, Some(past.clone()))?;
    let mut row = assessment(
        &current,
        &department.id,
        "25/STTTT-VP",
        date(year, 1, 20)?.min(today),
        manager,
    );
    let own = sheet(&SELF_2022[..4], &[], manager.as_str());
    row.self_total = own_outcome(&scheme, &own).total;
    row.self_scores = json::encode(&own)?;
    row.status = AssessmentStatus::SelfAssessing;
    assessment_queries::insert(conn, &row)?;
    Ok(format!(
        "campaigns: 2022 (STTTT recognised, excellent) and {year} (STTTT self-assessing)"
    ))
}
