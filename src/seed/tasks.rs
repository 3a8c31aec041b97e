//! Demo tasks: the 2022 plan of the Department of Information and Communications and the
//! defense-zone work around it, some done on time, some late, some overdue, with comments.

use chrono::{NaiveDate, Utc};
use diesel::prelude::*;

use crate::agencies::queries as agency_queries;
use crate::audit::{self, AuditActor};
use crate::db::schema::{directives, tasks};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, DirectiveId, UserId};
use crate::domain::permissions::System;
use crate::domain::task::{Priority, Recurrence, TaskStatus};
use crate::error::ApiError;
use crate::tasks::create::insert_task;
use crate::tasks::dto::Target;
use crate::tasks::input::NewTask;
use crate::tasks::model::{CommentRow, TaskChanges};
use crate::tasks::queries;

type Date = (i32, u32, u32);

struct DemoTask {
    /// (number, issue date) of the directive.
    directive: (&'static str, Date),
    title: &'static str,
    lead: &'static str,
    coordinators: &'static [&'static str],
    due_on: Date,
    target: Option<(f64, &'static str)>,
    recurrence: Recurrence,
    status: TaskStatus,
    completed_on: Option<Date>,
    comment: Option<&'static str>,
}

const KH84: (&str, Date) = ("84/KH-STTTT", (2022, 1, 21));
const NQ28: (&str, Date) = ("28-NQ/TW", (2008, 9, 22));

const TASKS: &[DemoTask] = &[
    DemoTask {
        directive: KH84,
        title: "Phổ biến quy định bảo vệ bí mật nhà nước, bảo vệ cơ quan cho 100% cán bộ",
        lead: "STTTT-VP",
        coordinators: &[],
        due_on: (2022, 6, 30),
        target: Some((100.0, "%")),
        recurrence: Recurrence::None,
        status: TaskStatus::Completed,
        completed_on: Some((2022, 6, 20)),
        comment: Some("Đã phổ biến cho 26/26 cán bộ, có biên bản kèm theo."),
    },
    DemoTask {
        directive: KH84,
        title: "Xây dựng và duy trì ít nhất một mô hình tự quản về an ninh, trật tự",
        lead: "STTTT",
        coordinators: &["CA-TINH"],
        due_on: (2022, 9, 30),
        target: Some((1.0, "mô hình")),
        recurrence: Recurrence::None,
        status: TaskStatus::Completed,
        completed_on: Some((2022, 10, 15)),
        comment: Some("Hoàn thành chậm do chờ hướng dẫn của Công an tỉnh."),
    },
    DemoTask {
        directive: KH84,
        title: "Tự đánh giá, chấm điểm tiêu chuẩn \"An toàn về an ninh, trật tự\" năm 2022",
        lead: "STTTT",
        coordinators: &[],
        due_on: (2022, 11, 30),
        target: None,
        recurrence: Recurrence::Yearly,
        status: TaskStatus::Completed,
        completed_on: Some((2022, 11, 25)),
        comment: None,
    },
    DemoTask {
        directive: KH84,
        title: "Phối hợp đấu tranh với thông tin xấu độc trên không gian mạng",
        lead: "STTTT-TTBCXB",
        coordinators: &["CA-TINH", "BCHQS-TINH"],
        due_on: (2026, 6, 30),
        target: None,
        recurrence: Recurrence::None,
        status: TaskStatus::InProgress,
        completed_on: None,
        comment: Some("Đang tổng hợp số liệu 6 tháng đầu năm."),
    },
    DemoTask {
        directive: NQ28,
        title:
            "Xây dựng kế hoạch chuyển ngành Thông tin và Truyền thông từ thời bình sang thời chiến",
        lead: "STTTT",
        coordinators: &["BCHQS-TINH"],
        due_on: (2027, 3, 31),
        target: None,
        recurrence: Recurrence::None,
        status: TaskStatus::Open,
        completed_on: None,
        comment: None,
    },
    DemoTask {
        directive: NQ28,
        title: "Hoàn thành chỉ tiêu giao quân hằng năm",
        lead: "UBND-HUYEN",
        coordinators: &["BCHQS-TINH"],
        due_on: (2027, 2, 28),
        target: Some((7900.0, "tân binh")),
        recurrence: Recurrence::Yearly,
        status: TaskStatus::Open,
        completed_on: None,
        comment: None,
    },
];

fn date((y, m, d): Date) -> Result<NaiveDate, ApiError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| ApiError::internal("bad demo date"))
}

fn agency_id(conn: &mut AnyConnection, code: &str) -> Result<AgencyId, ApiError> {
    Ok(agency_queries::find_by_code(conn, code)?
        .ok_or(ApiError::NotFound)?
        .id)
}

fn seed_task(
    conn: &mut AnyConnection,
    admin_id: &UserId,
    demo: &DemoTask,
) -> Result<bool, ApiError> {
    let directive_id: DirectiveId = directives::table
        .filter(directives::number.eq(demo.directive.0))
        .filter(directives::issued_on.eq(date(demo.directive.1)?))
        .select(directives::id)
        .first(conn)?;
    let exists = tasks::table
        .filter(tasks::directive_id.eq(&directive_id))
        .filter(tasks::title.eq(demo.title))
        .count()
        .get_result::<i64>(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    let mut coordinating_agency_ids = Vec::new();
    for code in demo.coordinators {
        coordinating_agency_ids.push(agency_id(conn, code)?);
    }
    let new = NewTask {
        directive_id,
        title: demo.title.to_owned(),
        description: None,
        lead_agency_id: agency_id(conn, demo.lead)?,
        coordinating_agency_ids,
        start_on: None,
        due_on: date(demo.due_on)?,
        priority: Priority::Normal,
        target: demo.target.map(|(value, unit)| Target {
            value,
            unit: unit.to_owned(),
        }),
        recurrence: demo.recurrence,
    };
    let actor = AuditActor {
        user_id: Some(admin_id.clone()),
        request_id: None,
    };
    let task = insert_task(conn, &System, &actor, new)?;
    if demo.status != TaskStatus::Open {
        let completed_on = demo.completed_on.map(date).transpose()?;
        let changes = TaskChanges {
            status: Some(demo.status),
            completed_on: Some(completed_on),
            ..Default::default()
        };
        queries::update(conn, &task.id, task.version, &changes)?;
        let history =
            serde_json::json!({"status": demo.status.as_str(), "completed_on": completed_on});
        audit::record(
            conn,
            &actor,
            "task.seed_history",
            "task",
            task.id.as_str(),
            history,
        )?;
    }
    if let Some(body) = demo.comment {
        let comment = CommentRow {
            id: crate::domain::ids::CommentId::generate(),
            task_id: task.id.clone(),
            author_id: admin_id.clone(),
            body: body.to_owned(),
            transition: None,
            created_at: Utc::now().naive_utc(),
        };
        queries::insert_comment(conn, &comment)?;
    }
    Ok(true)
}

/// Adds the demo tasks that are missing, assigned by `admin_id`; returns a line for the operator.
pub fn seed(conn: &mut AnyConnection, admin_id: &UserId) -> Result<String, ApiError> {
    let mut created = 0;
    for demo in TASKS {
        created += usize::from(seed_task(conn, admin_id, demo)?);
    }
    Ok(format!(
        "tasks: {created} created, {} already there",
        TASKS.len() - created
    ))
}
