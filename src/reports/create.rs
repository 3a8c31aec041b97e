//! `POST /api/v1/tasks/{id}/reports`: the lead agency's staff drafts a report.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::access;
use super::dto::{CreateReport, ReportDto};
use super::model::ReportRow;
use super::queries;
use crate::audit::{self, AuditActor};
use crate::auth::Authenticated;
use crate::db::AnyConnection;
use crate::domain::ids::{ReportId, TaskId};
use crate::domain::report::ReportStatus;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;
use crate::tasks::model::TaskRow;

/// Draft a report on a task
///
/// Staff and managers of the lead agency's subtree, while the task is neither completed nor
/// cancelled. The report starts as a `draft`.
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/reports",
    tag = "reports",
    params(("id" = Uuid, Path, description = "Task id")),
    request_body = CreateReport,
    security(("bearer" = []), ("client_credentials" = ["reports:write"])),
    responses(
        (status = 201, description = "The draft report", body = ReportDto,
            headers(("ETag" = String, description = "The report's version"))),
        (status = 403, description = "Only the lead agency reports on a task", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The task is completed or cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_report(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<CreateReport>,
) -> Result<HttpResponse, ApiError> {
    let (period, text, value) = body.into_inner().parse()?;
    let task_id = TaskId::from(id.into_inner());
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            let (task, reach) = access::task_for_drafting(conn, user, &task_id)?;
            insert_draft(
                conn,
                &user.actor(),
                (&task, Some(reach)),
                Draft {
                    period,
                    body: text,
                    actual_value: value,
                    revision: 1,
                    previous: None,
                },
            )
        })
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    Ok(created(
        "reports",
        id.as_str(),
        version,
        &ReportDto::from_row(row)?,
    ))
}

/// The content of a new draft.
pub struct Draft {
    pub period: String,
    pub body: String,
    pub actual_value: Option<f64>,
    pub revision: i32,
    pub previous: Option<ReportId>,
}

/// Stores a draft report on an open task, with its audit event. `reach` is the paths of the
/// agencies holding the task when the caller has just read them (else they are read).
pub fn insert_draft(
    conn: &mut AnyConnection,
    actor: &AuditActor,
    (task, reach): (&TaskRow, Option<Vec<String>>),
    draft: Draft,
) -> Result<ReportRow, ApiError> {
    if task.status.is_final() {
        return Err(ApiError::Conflict(format!(
            "the task is {}; it takes no more reports",
            task.status.as_str()
        )));
    }
    let now = Utc::now().naive_utc();
    let row = ReportRow {
        id: ReportId::generate(),
        task_id: task.id.clone(),
        agency_id: task.lead_agency_id.clone(),
        period: draft.period,
        body: draft.body,
        actual_value: draft.actual_value,
        status: ReportStatus::Draft,
        revision: draft.revision,
        previous_revision_id: draft.previous,
        created_by: actor
            .user_id
            .clone()
            .ok_or_else(|| ApiError::internal("a report needs an author"))?,
        submitted_by: None,
        submitted_at: None,
        reviewed_by: None,
        reviewed_at: None,
        review_comment: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    queries::insert(conn, &row)?;
    let changes = json!({"task_id": row.task_id, "period": row.period, "actual_value": row.actual_value,
        "revision": row.revision, "previous_revision_id": row.previous_revision_id});
    let feed = audit::FeedDetail {
        version: Some(row.version),
        reach,
    };
    let id = row.id.as_str();
    audit::record_with(conn, actor, "report.create", "report", id, changes, feed)?;
    Ok(row)
}
