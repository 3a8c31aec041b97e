//! Demo delegations (DESIGN section 9), played through the same access modules as requests,
//! each step by the demo account that takes it: the Tỉnh ủy delegation that supervised
//! 28-NQ/TW and 152/2007/NĐ-CP at Sở Thông tin và Truyền thông in 2018, to its conclusion and
//! five recommendations in realistic states; and a current-year delegation of the Ban Chỉ đạo
//! khu vực phòng thủ to two subjects, part-way through its field work.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::agencies::queries as agency_queries;
use crate::audit::{self, AuditActor};
use crate::auth::AuthUser;
use crate::conclusions::conclude;
use crate::conclusions::dto::{IssueConclusion, PutDraftConclusion, PutImplementationPlan};
use crate::conclusions::implementation_plan;
use crate::db::schema::{delegations, directives};
use crate::db::AnyConnection;
use crate::delegations::dto::{CreateDelegation, PutNotice};
use crate::delegations::sessions::CreateSession;
use crate::delegations::{create, notice, sessions, workflow};
use crate::domain::conclusion::check_draft;
use crate::domain::delegation::DelegationAction;
use crate::domain::ids::{AgencyId, DelegationId, DirectiveId};
use crate::domain::subject_report::Answer;
use crate::domain::task::TaskStatus;
use crate::error::{ApiError, FieldError};
use crate::subject_reports;
use crate::tasks::model::TaskChanges;

/// A request body as an API client would send it.
fn body<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(ApiError::internal)
}

fn agency(conn: &mut AnyConnection, code: &str) -> Result<AgencyId, ApiError> {
    Ok(agency_queries::find_by_code(conn, code)?
        .ok_or(ApiError::NotFound)?
        .id)
}

fn directive(conn: &mut AnyConnection, number: &str, on: NaiveDate) -> Result<String, ApiError> {
    let id: DirectiveId = directives::table
        .filter(directives::number.eq(number))
        .filter(directives::issued_on.eq(on))
        .select(directives::id)
        .first(conn)?;
    Ok(id.into_string())
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn exists(conn: &mut AnyConnection, decision: &str) -> Result<bool, ApiError> {
    let count: i64 = delegations::table
        .filter(delegations::decision_number.eq(decision))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

fn user_id(conn: &mut AnyConnection, username: &str) -> Result<String, ApiError> {
    Ok(AuthUser::system_acting_as(conn, username)?.id.into_string())
}

fn outline() -> Value {
    json!({"sections": [
        {"number": "1", "title": "Công tác lãnh đạo, chỉ đạo, quán triệt",
         "guidance": "Việc quán triệt Nghị quyết 28-NQ/TW và Nghị định 152/2007/NĐ-CP",
         "figures": [{"code": "1.1", "label": "Số cán bộ được quán triệt", "unit": "người"}]},
        {"number": "2", "title": "Kết quả thực hiện nhiệm vụ quốc phòng, an ninh"},
        {"number": "3", "title": "Hạn chế, nguyên nhân và kiến nghị"}
    ]})
}

/// Drafts and issues the notice to `subject` as `head`.
fn notify(
    conn: &mut AnyConnection,
    head: &AuthUser,
    id: &DelegationId,
    subject: &AgencyId,
    due: NaiveDate,
) -> Result<(), ApiError> {
    let put: PutNotice = body(json!({"outline": outline(), "report_due_on": due}))?;
    let outline = put.outline.parse("outline").map_err(mistakes)?;
    notice::store(conn, head, id, subject, &outline, put.report_due_on, None)?;
    notice::issue(conn, head, id, subject)?;
    Ok(())
}

fn mistakes(list: Vec<(String, String)>) -> ApiError {
    ApiError::Validation(list.iter().map(|(f, m)| FieldError::new(f, m)).collect())
}

/// The subject's report drafted by `author`, sent by `manager` when given.
fn report(
    conn: &mut AnyConnection,
    author: &AuthUser,
    manager: Option<&AuthUser>,
    id: &DelegationId,
    subject: &AgencyId,
    briefed: f64,
) -> Result<(), ApiError> {
    let answers: Vec<Answer> = body(json!([
        {"section": "1", "text": "Đã tổ chức quán triệt cho toàn thể cán bộ, công chức.",
         "figures": [{"code": "1.1", "value": briefed}]},
        {"section": "2", "text": "Đã xây dựng kế hoạch thực hiện nhiệm vụ quốc phòng, an ninh hằng năm."},
        {"section": "3", "text": "Chưa xây dựng kế hoạch chuyển ngành sang thời chiến."}
    ]))?;
    subject_reports::put::draft(conn, author, id, subject, answers, Ok(None))?;
    if let Some(manager) = manager {
        subject_reports::workflow::submit(conn, manager, id, subject)?;
    }
    Ok(())
}

fn session(
    conn: &mut AnyConnection,
    head: &AuthUser,
    id: &DelegationId,
    subject: &AgencyId,
    value: Value,
) -> Result<(), ApiError> {
    let checked = body::<CreateSession>(value)?.parse()?;
    sessions::record(conn, head, id, subject, checked)?;
    Ok(())
}

/// The five recommendations of 2018, with the state their tasks reached: (content, due, task
/// status, completed on).
type Date = (i32, u32, u32);

const RECOMMENDATIONS: &[(&str, Date, TaskStatus, Option<Date>)] = &[
    ("Hoàn chỉnh báo cáo với các nội dung Đoàn giám sát đã nêu", (2018, 9, 30), TaskStatus::Completed, Some((2018, 9, 25))),
    ("Xây dựng kế hoạch bảo đảm thông tin trong tác chiến phòng thủ và kế hoạch chuyển ngành sang thời chiến", (2018, 12, 31), TaskStatus::Completed, Some((2019, 2, 20))),
    ("Tham gia diễn tập khu vực phòng thủ theo kế hoạch của tỉnh", (2019, 9, 30), TaskStatus::Completed, Some((2019, 9, 12))),
    ("Tăng cường công tác kiểm tra việc thực hiện nhiệm vụ quốc phòng, an ninh trong ngành", (2019, 12, 31), TaskStatus::InProgress, None),
    ("Phối hợp với Công an tỉnh, Bộ Chỉ huy quân sự tỉnh đấu tranh với thông tin xấu độc trên không gian mạng", (2019, 6, 30), TaskStatus::Cancelled, None),
];

fn conclude_2018(
    conn: &mut AnyConnection,
    head: &AuthUser,
    manager: &AuthUser,
    id: &DelegationId,
    subject: &AgencyId,
) -> Result<(), ApiError> {
    let recommendations: Vec<Value> = RECOMMENDATIONS
        .iter()
        .map(|(content, (y, m, d), _, _)| json!({"content": content, "due_on": day(*y, *m, *d)}))
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
    crate::conclusions::workflow::send(conn, head, id, subject)?;
    let comments =
        "Sở nhất trí với dự thảo; đề nghị lùi thời hạn kiến nghị 3 theo kế hoạch diễn tập.";
    crate::conclusions::workflow::comment(conn, manager, id, subject, comments.to_owned())?;
    workflow::advance(conn, head, id, DelegationAction::EndFieldWork)?;
    let issue = conclude::parse(body::<IssueConclusion>(json!({
        "number": "145-TB/TU", "issued_on": day(2018, 8, 31),
        "title": "Thông báo kết luận giám sát việc thực hiện Nghị quyết 28-NQ/TW và Nghị định 152/2007/NĐ-CP tại Sở Thông tin và Truyền thông"
    }))?)?;
    let issued = conclude::issue(conn, head, id, subject, issue)?.issued;
    let plan = implementation_plan::parse(body::<PutImplementationPlan>(json!({
        "number": "52/KH-STTTT", "issued_on": day(2018, 9, 12)
    }))?)?;
    implementation_plan::record(conn, manager, id, subject, plan)?;
    for (row, (_, _, status, done)) in issued.iter().zip(RECOMMENDATIONS) {
        settle(
            conn,
            head,
            &row.task_id,
            *status,
            done.map(|(y, m, d)| day(y, m, d)),
        )?;
    }
    Ok(())
}

/// Puts a follow-up task in the state it reached, recorded as seeded history.
fn settle(
    conn: &mut AnyConnection,
    head: &AuthUser,
    task: &crate::domain::ids::TaskId,
    status: TaskStatus,
    completed_on: Option<NaiveDate>,
) -> Result<(), ApiError> {
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

fn story_2018(conn: &mut AnyConnection) -> Result<bool, ApiError> {
    if exists(conn, "125-QĐ/TU")? {
        return Ok(false);
    }
    let supervisor = AuthUser::system_acting_as(conn, "demo.supervisor")?;
    let head = AuthUser::system_acting_as(conn, "demo.inspector")?;
    let manager = AuthUser::system_acting_as(conn, "demo.manager")?;
    let subject = agency(conn, "STTTT")?;
    let bases = [
        directive(conn, "28-NQ/TW", day(2008, 9, 22))?,
        directive(conn, "152/2007/NĐ-CP", day(2007, 10, 10))?,
    ];
    let formed: CreateDelegation = body(json!({
        "kind": "supervision",
        "title": "Giám sát việc thực hiện Nghị quyết 28-NQ/TW và Nghị định 152/2007/NĐ-CP",
        "content": "Đoàn do Trưởng Ban Dân vận Tỉnh ủy làm trưởng đoàn giám sát tại Sở Thông tin và Truyền thông.",
        "leading_agency_id": agency(conn, "TU")?,
        "decision_number": "125-QĐ/TU", "decided_on": day(2018, 7, 2),
        "review_from": day(2013, 7, 1), "review_to": day(2018, 6, 30),
        "field_work_from": day(2018, 7, 20), "field_work_to": day(2018, 8, 30),
        "legal_bases": bases,
        "members": [{"user_id": head.id, "role": "head"}],
        "subjects": [{"agency_id": subject, "planned_from": day(2018, 7, 24), "planned_to": day(2018, 7, 24)}]
    }))?;
    let id = DelegationId::from_stored(create::form(conn, &supervisor, formed)?.id);
    notify(conn, &head, &id, &subject, day(2018, 7, 17))?;
    report(conn, &manager, Some(&manager), &id, &subject, 26.0)?;
    workflow::advance(conn, &head, &id, DelegationAction::StartFieldWork)?;
    session(
        conn,
        &head,
        &id,
        &subject,
        json!({
            "held_on": day(2018, 7, 24), "place": "Sở Thông tin và Truyền thông",
            "participants": ["Trưởng Ban Dân vận Tỉnh ủy, Trưởng đoàn", "Giám đốc Sở Thông tin và Truyền thông"],
            "minutes": "Biên bản làm việc của Đoàn giám sát với Sở Thông tin và Truyền thông ngày 24/07/2018."
        }),
    )?;
    conclude_2018(conn, &head, &manager, &id, &subject)?;
    Ok(true)
}

fn current_year(conn: &mut AnyConnection) -> Result<bool, ApiError> {
    if exists(conn, "35/QĐ-BCĐ")? {
        return Ok(false);
    }
    let supervisor = AuthUser::system_acting_as(conn, "demo.supervisor")?;
    let head = AuthUser::system_acting_as(conn, "demo.inspector")?;
    let manager = AuthUser::system_acting_as(conn, "demo.manager")?;
    let police = AuthUser::system_acting_as(conn, "demo.police.manager")?;
    let (sttt, police_agency) = (agency(conn, "STTTT")?, agency(conn, "CA-TINH")?);
    let formed: CreateDelegation = body(json!({
        "kind": "inspection",
        "title": "Kiểm tra công tác xây dựng khu vực phòng thủ năm 2026",
        "leading_agency_id": agency(conn, "BCD-QPAN")?,
        "decision_number": "35/QĐ-BCĐ", "decided_on": day(2026, 10, 15),
        "review_from": day(2021, 10, 1), "review_to": day(2026, 9, 30),
        "field_work_from": day(2026, 11, 16), "field_work_to": day(2026, 12, 25),
        "legal_bases": [
            directive(conn, "28-NQ/TW", day(2008, 9, 22))?,
            directive(conn, "152/2007/NĐ-CP", day(2007, 10, 10))?
        ],
        "members": [
            {"user_id": head.id, "role": "head"},
            {"user_id": user_id(conn, "demo.viewer")?, "role": "secretary"}
        ],
        "subjects": [
            {"agency_id": sttt, "planned_from": day(2026, 11, 20), "planned_to": day(2026, 11, 20)},
            {"agency_id": police_agency, "planned_from": day(2026, 12, 8), "planned_to": day(2026, 12, 9)}
        ]
    }))?;
    let id = DelegationId::from_stored(create::form(conn, &supervisor, formed)?.id);
    notify(conn, &head, &id, &sttt, day(2026, 11, 13))?;
    notify(conn, &head, &id, &police_agency, day(2026, 12, 1))?;
    report(conn, &manager, Some(&manager), &id, &sttt, 31.0)?;
    report(conn, &police, None, &id, &police_agency, 412.0)?;
    workflow::advance(conn, &head, &id, DelegationAction::StartFieldWork)?;
    session(
        conn,
        &head,
        &id,
        &sttt,
        json!({
            "held_on": day(2026, 11, 20), "remote": true,
            "participants": ["Trưởng đoàn kiểm tra", "Giám đốc Sở Thông tin và Truyền thông"],
            "minutes": "Làm việc trực tuyến; Sở bổ sung số liệu diễn tập trước ngày 30/11/2026."
        }),
    )?;
    Ok(true)
}

/// Adds the demo delegations that are missing; returns a line for the operator.
pub fn seed(conn: &mut AnyConnection) -> Result<String, ApiError> {
    let created = usize::from(story_2018(conn)?) + usize::from(current_year(conn)?);
    Ok(format!(
        "delegations: {created} created, {} already there",
        2 - created
    ))
}
