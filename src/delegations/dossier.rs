//! `GET /api/v1/delegations/{id}/subjects/{agency_id}/dossier`: what a delegation reads before
//! a visit, computed in SQL: the subject's tasks under the legal bases by deadline status, its
//! open tasks, its latest sent reports, its assessments in the years under review and its
//! report to this delegation, and the recommendations of earlier delegations not carried out.

use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::access;
use super::grant::Grant;
use crate::assessments::access as assessment_access;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::assessment::AssessmentStatus;
use crate::domain::framework::Rating;
use crate::domain::ids::{AgencyId, DelegationId};
use crate::domain::report::ReportStatus;
use crate::domain::task::{deadline_status, vietnam_date, DeadlineStatus, TaskStatus};
use crate::error::{ApiError, Problem};
use crate::recommendations::access as recommendation_access;
use crate::recommendations::dto::RecommendationDto;
use crate::reports::access as report_access;
use crate::state::AppState;
use crate::tasks::access as task_access;

/// Open tasks and reports listed at most.
const LISTED: i64 = 50;

/// The subject's tasks under the bases by deadline status.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskCounts {
    pub done_on_time: i64,
    pub done_late: i64,
    pub on_track: i64,
    pub overdue: i64,
}

/// An open task of the subject.
#[derive(Debug, Serialize, ToSchema)]
pub struct DossierTask {
    pub id: String,
    pub title: String,
    pub lead_agency_id: String,
    pub due_on: NaiveDate,
    pub status: TaskStatus,
    pub deadline_status: Option<DeadlineStatus>,
}

/// A report the subject sent on one of those tasks.
#[derive(Debug, Serialize, ToSchema)]
pub struct DossierReport {
    pub id: String,
    pub task_id: String,
    pub period: String,
    pub status: ReportStatus,
    pub submitted_at: Option<chrono::DateTime<Utc>>,
}

/// The subject's assessment in a campaign of the years under review.
#[derive(Debug, Serialize, ToSchema)]
pub struct DossierAssessment {
    pub year: i32,
    pub framework_code: String,
    pub status: AssessmentStatus,
    pub rating: Option<Rating>,
    pub recognised: Option<bool>,
}

/// The subject's report to this delegation, once sent.
#[derive(Debug, Serialize, ToSchema)]
pub struct DossierSubjectReport {
    pub status: crate::domain::subject_report::SubjectReportStatus,
    pub due_on: NaiveDate,
    pub late: bool,
}

/// What a delegation reads about one subject before its visit.
#[derive(Debug, Serialize, ToSchema)]
pub struct DossierDto {
    pub delegation_id: String,
    pub agency_id: String,
    /// The day deadline statuses are counted on (Vietnam's calendar).
    pub as_of: NaiveDate,
    pub task_counts: TaskCounts,
    /// Up to 50 tasks not completed, earliest due first.
    pub open_tasks: Vec<DossierTask>,
    /// Up to 50 reports sent on those tasks, latest first.
    pub latest_reports: Vec<DossierReport>,
    pub assessments: Vec<DossierAssessment>,
    /// Absent until the subject sent its report.
    pub subject_report: Option<DossierSubjectReport>,
    /// Up to 50 recommendations of earlier delegations to the subject not carried out yet,
    /// earliest due first.
    pub earlier_recommendations: Vec<RecommendationDto>,
}

/// Read a subject's dossier
///
/// The delegation's overseers, members (while it is active) and readers; not the subject
/// itself (403). The subject's tasks (led by its subtree) under the delegation's legal bases
/// counted by deadline status, its open tasks, its latest sent reports, its assessments in the
/// years under review, its report to this delegation once sent, and the recommendations of
/// earlier delegations to it not carried out yet.
#[utoipa::path(
    get,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/dossier",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    security(("bearer" = []), ("client_credentials" = ["delegations:read"])),
    responses(
        (status = 200, description = "The dossier", body = DossierDto),
        (status = 403, description = "A subject does not read the delegation's dossier", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation or subject in your reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_dossier(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let today = vietnam_date(Utc::now());
    let dto = state
        .pool
        .run_as(auth, move |conn, caller| {
            compile(conn, caller, id, agency, today)
        })
        .await?;
    Ok(HttpResponse::Ok().json(dto))
}

fn compile(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: DelegationId,
    agency: AgencyId,
    today: NaiveDate,
) -> Result<DossierDto, ApiError> {
    let visible = access::load(conn, caller, &id)?;
    let entry = access::subject_entry(conn, caller, &visible, &agency)?;
    let grant = Grant::of(conn, caller, &visible, &entry)?;
    let subject_report =
        crate::subject_reports::access::granted_sent(conn, &grant)?.map(|r| DossierSubjectReport {
            late: r.late(today),
            status: r.status,
            due_on: r.due_on,
        });
    Ok(DossierDto {
        task_counts: task_counts(conn, &grant, today)?,
        open_tasks: open_tasks(conn, &grant, today)?,
        latest_reports: latest_reports(conn, &grant)?,
        assessments: assessments(conn, &grant)?,
        subject_report,
        earlier_recommendations: recommendation_access::granted_open_earlier(conn, &grant, LISTED)?
            .into_iter()
            .map(|r| RecommendationDto::new(r, today))
            .collect(),
        delegation_id: id.into_string(),
        agency_id: agency.into_string(),
        as_of: today,
    })
}

fn task_counts(
    conn: &mut AnyConnection,
    grant: &Grant,
    today: NaiveDate,
) -> Result<TaskCounts, ApiError> {
    let mut count = |status| task_access::granted_count(conn, grant, status, today);
    Ok(TaskCounts {
        done_on_time: count(DeadlineStatus::DoneOnTime)?,
        done_late: count(DeadlineStatus::DoneLate)?,
        on_track: count(DeadlineStatus::OnTrack)?,
        overdue: count(DeadlineStatus::Overdue)?,
    })
}

fn open_tasks(
    conn: &mut AnyConnection,
    grant: &Grant,
    today: NaiveDate,
) -> Result<Vec<DossierTask>, ApiError> {
    Ok(task_access::granted_open(conn, grant, LISTED)?
        .into_iter()
        .map(|task| DossierTask {
            deadline_status: deadline_status(task.status, task.due_on, task.completed_on, today),
            id: task.id.into_string(),
            title: task.title,
            lead_agency_id: task.lead_agency_id.into_string(),
            due_on: task.due_on,
            status: task.status,
        })
        .collect())
}

fn latest_reports(conn: &mut AnyConnection, grant: &Grant) -> Result<Vec<DossierReport>, ApiError> {
    Ok(report_access::granted_sent(conn, grant, LISTED)?
        .into_iter()
        .map(|report| DossierReport {
            id: report.id.into_string(),
            task_id: report.task_id.into_string(),
            period: report.period,
            status: report.status,
            submitted_at: report.submitted_at.map(|t| t.and_utc()),
        })
        .collect())
}

fn assessments(
    conn: &mut AnyConnection,
    grant: &Grant,
) -> Result<Vec<DossierAssessment>, ApiError> {
    Ok(assessment_access::granted_in_years(conn, grant)?
        .into_iter()
        .map(|(year, framework_code, row)| DossierAssessment {
            year,
            framework_code,
            status: row.status,
            rating: row.rating,
            recognised: row.recognised,
        })
        .collect())
}
