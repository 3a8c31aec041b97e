//! Demo delegations (DESIGN section 9), played through the same access modules as requests,
//! each step by the demo account that takes it: the Tỉnh ủy delegation that supervised
//! 28-NQ/TW and 152/2007/NĐ-CP at Sở Thông tin và Truyền thông in 2018, to its conclusion and
//! five recommendations in realistic states; and a current-year delegation of the Ban Chỉ đạo
//! khu vực phòng thủ to two subjects, part-way through its field work.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::follow_up;
use crate::agencies::queries as agency_queries;
use crate::auth::AuthUser;
use crate::db::schema::{delegations, directives};
use crate::db::AnyConnection;
use crate::delegations::dto::{CreateDelegation, PutNotice};
use crate::delegations::sessions::CreateSession;
use crate::delegations::{create, notice, sessions, workflow};
use crate::domain::delegation::DelegationAction;
use crate::domain::ids::{AgencyId, DelegationId, DirectiveId};
use crate::domain::subject_report::Answer;
use crate::error::{ApiError, FieldError};
use crate::subject_reports;

/// A request body as an API client would send it.
pub(super) fn body<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
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

pub(super) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// 09:00 in Vietnam (02:00 UTC) on a story's day, when a step of it was taken; never later
/// than now, so that a seed run before the story's day takes no step in the future.
pub(super) fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    let moment = day(y, m, d).and_hms_opt(2, 0, 0).unwrap_or_default();
    moment.min(Utc::now().naive_utc())
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

pub(super) fn mistakes(list: Vec<(String, String)>) -> ApiError {
    ApiError::Validation(list.iter().map(|(f, m)| FieldError::new(f, m)).collect())
}

/// The subject's report drafted by `author`, sent by `manager` at the moment given.
fn report(
    conn: &mut AnyConnection,
    author: &AuthUser,
    sent: Option<(&AuthUser, NaiveDateTime)>,
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
    if let Some((manager, moment)) = sent {
        subject_reports::workflow::submit(conn, manager, id, subject, moment)?;
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
    report(
        conn,
        &manager,
        Some((&manager, at(2018, 7, 16))),
        &id,
        &subject,
        26.0,
    )?;
    let started = at(2018, 7, 20);
    workflow::advance(conn, &head, &id, DelegationAction::StartFieldWork, started)?;
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
    follow_up::conclude_2018(conn, &head, &manager, &supervisor, &id, &subject)?;
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
    report(
        conn,
        &manager,
        Some((&manager, at(2026, 11, 12))),
        &id,
        &sttt,
        31.0,
    )?;
    report(conn, &police, None, &id, &police_agency, 412.0)?;
    let started = at(2026, 11, 16);
    workflow::advance(conn, &head, &id, DelegationAction::StartFieldWork, started)?;
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
