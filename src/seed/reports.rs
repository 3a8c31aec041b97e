//! Demo reports: the story of the 2022 briefing task — a first report returned for missing
//! minutes, its revision accepted — and a draft on the task still in progress.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::audit::AuditActor;
use crate::db::schema::{reports, tasks};
use crate::db::AnyConnection;
use crate::domain::ids::{ReportId, TaskId, UserId};
use crate::domain::report::ReportStatus;
use crate::error::ApiError;
use crate::reports::create::{insert_draft, Draft};
use crate::reports::model::{ReportChanges, ReportRow};
use crate::reports::queries;
use crate::tasks::access as task_access;
use crate::tasks::model::TaskRow;

/// (task title, period, body, actual value, status after review)
const REPORTS: &[(&str, &str, &str, Option<f64>, ReportStatus)] = &[
    (
        "Phổ biến quy định bảo vệ bí mật nhà nước, bảo vệ cơ quan cho 100% cán bộ",
        "2022-H1",
        "Đã tổ chức 2 buổi phổ biến cho 20/26 cán bộ.",
        Some(76.9),
        ReportStatus::Returned,
    ),
    (
        "Phổ biến quy định bảo vệ bí mật nhà nước, bảo vệ cơ quan cho 100% cán bộ",
        "2022-H1",
        "Đã phổ biến cho 26/26 cán bộ; kèm biên bản các buổi phổ biến.",
        Some(100.0),
        ReportStatus::Accepted,
    ),
    (
        "Phối hợp đấu tranh với thông tin xấu độc trên không gian mạng",
        "2026-H1",
        "Đã phối hợp gỡ bỏ 14 tin, bài sai sự thật.",
        None,
        ReportStatus::Draft,
    ),
];

/// Adds the demo reports when the demo tasks have none yet; returns a line for the operator.
pub fn seed(
    conn: &mut AnyConnection,
    author_id: &UserId,
    reviewer_id: &UserId,
) -> Result<String, ApiError> {
    let mut created = 0;
    let mut previous: Option<ReportId> = None;
    for (title, period, body, value, status) in REPORTS {
        let task_id: TaskId = tasks::table
            .filter(tasks::title.eq(*title))
            .select(tasks::id)
            .first(conn)?;
        let exists: i64 = reports::table
            .filter(reports::task_id.eq(&task_id))
            .filter(reports::body.eq(*body))
            .count()
            .get_result(conn)?;
        if exists > 0 {
            continue;
        }
        let task = task_access::system_load(conn, &task_id)?.into_row();
        let revision = if previous.is_some() && *status == ReportStatus::Accepted {
            2
        } else {
            1
        };
        let draft = Draft {
            period: (*period).to_owned(),
            body: (*body).to_owned(),
            actual_value: *value,
            revision,
            previous: if revision == 2 {
                previous.clone()
            } else {
                None
            },
        };
        let reached = Reached {
            status: *status,
            at: Utc::now().naive_utc(),
            review_comment: (*status == ReportStatus::Returned)
                .then(|| "Bổ sung biên bản các buổi phổ biến".to_owned()),
        };
        let row = record(conn, &task, draft, author_id, reviewer_id, reached)?;
        previous = Some(row.id);
        created += 1;
    }
    Ok(format!(
        "reports: {created} created, {} already there",
        REPORTS.len() - created
    ))
}

/// Where a seeded report got to, and when.
pub(super) struct Reached {
    pub status: ReportStatus,
    /// When it was sent and, unless it is only submitted, reviewed.
    pub at: NaiveDateTime,
    pub review_comment: Option<String>,
}

/// Stores a report on `task` as it happened: drafted by `author_id`, then sent and reviewed by
/// `reviewer_id` as `reached` says, recorded as seeded history. The task may be closed
/// already; the report was written while it was open.
pub(super) fn record(
    conn: &mut AnyConnection,
    task: &TaskRow,
    draft: Draft,
    author_id: &UserId,
    reviewer_id: &UserId,
    reached: Reached,
) -> Result<ReportRow, ApiError> {
    let mut open_task = task.clone();
    open_task.status = crate::domain::task::TaskStatus::InProgress;
    let author = AuditActor {
        user_id: Some(author_id.clone()),
        request_id: None,
    };
    let row = insert_draft(conn, &author, (&open_task, None), draft)?;
    if reached.status != ReportStatus::Draft {
        let reviewed = reached.status != ReportStatus::Submitted;
        let changes = ReportChanges {
            status: Some(reached.status),
            submitted_by: Some(Some(author_id.clone())),
            submitted_at: Some(Some(reached.at)),
            reviewed_by: Some(reviewed.then(|| reviewer_id.clone())),
            reviewed_at: Some(reviewed.then_some(reached.at)),
            review_comment: Some(reached.review_comment),
            ..Default::default()
        };
        queries::update(conn, &row.id, row.version, &changes)?;
    }
    Ok(row)
}
