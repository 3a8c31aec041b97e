//! The end of the 2018 demo delegation, on the days it happened: the field work ended, the
//! head's results, the draft conclusion sent and commented on, conclusion 145-TB/TU with its
//! five recommendations, the department's implementation plan, and what became of each
//! recommendation with the department's remedy reports (báo cáo kết quả khắc phục).

use chrono::NaiveDate;
use serde_json::json;

use super::delegations::{at, body, day, mistakes};
use super::reports::{record, Reached};
use crate::audit::{self, AuditActor};
use crate::auth::AuthUser;
use crate::conclusions::dto::{IssueConclusion, PutDraftConclusion, PutImplementationPlan};
use crate::conclusions::{conclude, implementation_plan};
use crate::db::AnyConnection;
use crate::delegations::{results, workflow};
use crate::domain::conclusion::check_draft;
use crate::domain::delegation::DelegationAction;
use crate::domain::ids::{AgencyId, DelegationId, TaskId};
use crate::domain::report::ReportStatus;
use crate::domain::task::TaskStatus;
use crate::error::ApiError;
use crate::reports::create::Draft;
use crate::tasks::access as task_access;
use crate::tasks::model::TaskChanges;

type Date = (i32, u32, u32);

/// A recommendation of 2018 and what became of it.
struct Recommendation {
    content: &'static str,
    due: Date,
    status: TaskStatus,
    completed: Option<Date>,
    /// The department's remedy report: period, text, when sent, where it got to.
    remedy: Option<(&'static str, &'static str, Date, ReportStatus)>,
}

const RECOMMENDATIONS: &[Recommendation] = &[
    Recommendation {
        content: "Hoàn chỉnh báo cáo với các nội dung Đoàn giám sát đã nêu",
        due: (2018, 9, 30),
        status: TaskStatus::Completed,
        completed: Some((2018, 9, 25)),
        remedy: Some(("2018-Q3", "Đã hoàn chỉnh và gửi Ban Dân vận Tỉnh ủy báo cáo bổ sung đủ các nội dung Đoàn giám sát đã nêu.", (2018, 9, 25), ReportStatus::Accepted)),
    },
    Recommendation {
        content: "Xây dựng kế hoạch bảo đảm thông tin trong tác chiến phòng thủ và kế hoạch chuyển ngành sang thời chiến",
        due: (2018, 12, 31),
        status: TaskStatus::Completed,
        completed: Some((2019, 2, 20)),
        remedy: Some(("2019-Q1", "Đã ban hành Kế hoạch bảo đảm thông tin trong tác chiến phòng thủ và Kế hoạch chuyển ngành sang thời chiến.", (2019, 2, 20), ReportStatus::Accepted)),
    },
    Recommendation {
        content: "Tham gia diễn tập khu vực phòng thủ theo kế hoạch của tỉnh",
        due: (2019, 9, 30),
        status: TaskStatus::Completed,
        completed: Some((2019, 9, 12)),
        remedy: Some(("2019-Q3", "Đã cử 12 cán bộ tham gia diễn tập khu vực phòng thủ tỉnh năm 2019.", (2019, 9, 12), ReportStatus::Accepted)),
    },
    Recommendation {
        content: "Tăng cường công tác kiểm tra việc thực hiện nhiệm vụ quốc phòng, an ninh trong ngành",
        due: (2019, 12, 31),
        status: TaskStatus::InProgress,
        completed: None,
        remedy: Some(("2019-H2", "Đã kiểm tra 3/8 đơn vị trực thuộc; tiếp tục kiểm tra các đơn vị còn lại.", (2019, 12, 20), ReportStatus::Submitted)),
    },
    Recommendation {
        content: "Phối hợp với Công an tỉnh, Bộ Chỉ huy quân sự tỉnh đấu tranh với thông tin xấu độc trên không gian mạng",
        due: (2019, 6, 30),
        status: TaskStatus::Cancelled,
        completed: None,
        remedy: None,
    },
];

fn date((y, m, d): Date) -> NaiveDate {
    day(y, m, d)
}

/// From the end of the field work to the follow-up of the recommendations.
pub(super) fn conclude_2018(
    conn: &mut AnyConnection,
    head: &AuthUser,
    manager: &AuthUser,
    supervisor: &AuthUser,
    id: &DelegationId,
    subject: &AgencyId,
) -> Result<(), ApiError> {
    workflow::advance(
        conn,
        head,
        id,
        DelegationAction::EndFieldWork,
        at(2018, 8, 10),
    )?;
    let found = "Sở đã quán triệt đến toàn thể cán bộ; chưa có kế hoạch bảo đảm thông tin trong tác chiến phòng thủ.";
    results::send(conn, head, id, &head.id, None, found, at(2018, 8, 14))?;
    let recommendations: Vec<_> = RECOMMENDATIONS
        .iter()
        .map(|r| json!({"content": r.content, "due_on": date(r.due)}))
        .collect();
    let put: PutDraftConclusion = body(json!({
        "findings": {
            "strengths": "Sở đã quán triệt Nghị quyết 28-NQ/TW và Nghị định 152/2007/NĐ-CP đến toàn thể cán bộ.",
            "shortcomings": "Chưa xây dựng kế hoạch bảo đảm thông tin trong tác chiến phòng thủ; báo cáo chưa đủ nội dung.",
            "causes": "Chưa bố trí cán bộ chuyên trách công tác quốc phòng, an ninh."
        },
        "recommendations": recommendations
    }))?;
    let (findings, drafted) = check_draft(put.findings, put.recommendations).map_err(mistakes)?;
    crate::conclusions::put::draft(conn, head, id, subject, findings, drafted, None)?;
    crate::conclusions::workflow::send(conn, head, id, subject, at(2018, 8, 17))?;
    let comments =
        "Sở nhất trí với dự thảo; đề nghị lùi thời hạn kiến nghị 3 theo kế hoạch diễn tập.";
    let commented = at(2018, 8, 23);
    crate::conclusions::workflow::comment(conn, manager, id, subject, comments.into(), commented)?;
    let issue = conclude::parse(body::<IssueConclusion>(json!({
        "number": "145-TB/TU", "issued_on": day(2018, 8, 31),
        "title": "Thông báo kết luận giám sát việc thực hiện Nghị quyết 28-NQ/TW và Nghị định 152/2007/NĐ-CP tại Sở Thông tin và Truyền thông"
    }))?)?;
    let issued = conclude::issue(conn, head, id, subject, issue)?.issued;
    let plan = implementation_plan::parse(body::<PutImplementationPlan>(json!({
        "number": "52/KH-STTTT", "issued_on": day(2018, 9, 12)
    }))?)?;
    implementation_plan::record(conn, manager, id, subject, plan)?;
    for (row, recommendation) in issued.iter().zip(RECOMMENDATIONS) {
        remedy(conn, manager, supervisor, &row.task_id, recommendation)?;
        settle(conn, head, &row.task_id, recommendation)?;
    }
    Ok(())
}

/// The department's remedy report on a follow-up task, reviewed by the supervisor.
fn remedy(
    conn: &mut AnyConnection,
    manager: &AuthUser,
    supervisor: &AuthUser,
    task: &TaskId,
    recommendation: &Recommendation,
) -> Result<(), ApiError> {
    let Some((period, text, (y, m, d), status)) = recommendation.remedy else {
        return Ok(());
    };
    let task = task_access::system_load(conn, task)?.into_row();
    let draft = Draft {
        period: period.to_owned(),
        body: text.to_owned(),
        actual_value: None,
        revision: 1,
        previous: None,
    };
    let reached = Reached {
        status,
        at: at(y, m, d),
        review_comment: None,
    };
    record(conn, &task, draft, &manager.id, &supervisor.id, reached)?;
    Ok(())
}

/// Puts a follow-up task in the state it reached, recorded as seeded history: the workflow
/// would stamp today as the day it was done.
fn settle(
    conn: &mut AnyConnection,
    head: &AuthUser,
    task: &TaskId,
    recommendation: &Recommendation,
) -> Result<(), ApiError> {
    let (status, completed_on) = (recommendation.status, recommendation.completed.map(date));
    let changes = TaskChanges {
        status: Some(status),
        completed_on: Some(completed_on),
        ..Default::default()
    };
    crate::tasks::queries::update(conn, task, 1, &changes)?;
    let actor = AuditActor {
        user_id: Some(head.id.clone()),
        request_id: None,
    };
    let history = json!({"status": status.as_str(), "completed_on": completed_on});
    audit::record(
        conn,
        &actor,
        "task.seed_history",
        "task",
        task.as_str(),
        history,
    )
}
