//! The JSON shapes of delegations.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::access::{Details, Visible};
use super::model::MemberRow;
use crate::domain::calendar::is_late;
use crate::domain::delegation::{DelegationKind, DelegationLevel, DelegationStatus, MemberRole};
use crate::domain::ids::DirectiveId;
use crate::domain::permissions::delegations::Standing;
use crate::domain::task::vietnam_date;

/// A delegation formed by a decision, with its members and subjects.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDelegation {
    pub kind: DelegationKind,
    /// What the delegation supervises, e.g. "Giám sát việc thực hiện Nghị quyết 28-NQ/TW".
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: String,
    /// The content and plan of the work (nội dung, kế hoạch).
    #[schema(
        max_length = 5000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub content: Option<String>,
    /// The body that leads it (Tỉnh ủy, HĐND, UBND, Ban Chỉ đạo khu vực phòng thủ, an
    /// inspectorate), an agency of the tree.
    pub leading_agency_id: Uuid,
    /// The number of the decision forming it, e.g. "125-QĐ/TU" or "35/QĐ-UBND".
    #[schema(
        pattern = "^[0-9]{1,5}(/[0-9]{4})?[-/][A-ZĐ][A-Z0-9Đ]*([-/.][A-Z0-9Đ]+)*$",
        max_length = 60
    )]
    pub decision_number: String,
    /// The date of the decision, 1945-01-01 to 2100-12-31.
    pub decided_on: NaiveDate,
    /// The period under review, at most 5 years.
    pub review_from: NaiveDate,
    pub review_to: NaiveDate,
    /// The level of the body that forms it (cấp), which sets the longest field work; by
    /// default `grassroots` when a commune leads it, else `province`.
    pub level: Option<DelegationLevel>,
    /// The field work, both or neither: after the decision, at most the level's time limit
    /// (by default 60 days central, 45 province, 20 grassroots).
    pub field_work_from: Option<NaiveDate>,
    pub field_work_to: Option<NaiveDate>,
    /// The directives whose carrying out it supervises (căn cứ), 1 to 50.
    #[schema(min_items = 1, max_items = 50)]
    pub legal_bases: Vec<Uuid>,
    /// Up to 30 members, at most one `head`; users of any role.
    #[schema(max_items = 30)]
    #[serde(default)]
    pub members: Vec<MemberInput>,
    /// The agencies it works with, 1 to 100, not the leading body itself.
    #[schema(min_items = 1, max_items = 100)]
    pub subjects: Vec<SubjectInput>,
    /// The approved plan of the leading body it carries out, if any.
    pub plan_id: Option<Uuid>,
}

/// A member of a new delegation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberInput {
    pub user_id: Uuid,
    pub role: MemberRole,
}

/// A subject of a new delegation, with its planned days of work (both or neither).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectInput {
    pub agency_id: Uuid,
    pub planned_from: Option<NaiveDate>,
    pub planned_to: Option<NaiveDate>,
}

/// A member's role in the delegation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutMember {
    pub role: MemberRole,
}

/// A subject's planned days of work (both or neither), inside the field work.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutSubject {
    pub planned_from: Option<NaiveDate>,
    pub planned_to: Option<NaiveDate>,
}

/// Why the delegation closes: every recommendation settled, or the closing decision.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseDelegation {
    #[schema(
        min_length = 1,
        max_length = 2000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub reason: String,
    /// The number of the decision closing it (e.g. `150-QĐ/TU`): needed while some of its
    /// recommendations are neither done nor cancelled.
    #[schema(
        pattern = "^[0-9]{1,5}(/[0-9]{4})?[-/][A-ZĐ][A-Z0-9Đ]*([-/.][A-Z0-9Đ]+)*$",
        max_length = 60
    )]
    pub closing_decision: Option<String>,
}

/// Filters of the delegation list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DelegationQuery {
    /// Formed in this year (by its decision's date), 2000 to 2100.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    pub kind: Option<DelegationKind>,
    pub status: Option<DelegationStatus>,
    /// Led by this agency.
    pub leading_agency_id: Option<Uuid>,
    /// Working with this agency.
    pub subject_agency_id: Option<Uuid>,
    /// With this user as a member.
    pub member_id: Option<Uuid>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
}

/// How the caller stands to the delegation.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StandingDto {
    /// Runs it: may change members and subjects and close it.
    Overseer,
    /// A member while it is active.
    Member,
    /// Reads all of it.
    Reader,
    /// An agency it works with: sees only its own subject entry.
    Subject,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberDto {
    pub user_id: String,
    pub full_name: String,
    pub role: MemberRole,
    /// The member's results of the field work, shown to the delegation's own side; never to
    /// the subject agencies.
    pub results: Option<MemberResultsDto>,
}

/// A member's results of the field work (kết quả của thành viên).
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberResultsDto {
    /// The results as last sent, if sent.
    pub text: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    /// Sent after the delegation's `results_due_on`, or not sent and that day has passed
    /// (Vietnam's calendar).
    pub late: bool,
}

impl MemberResultsDto {
    fn new(member: &MemberRow, due_on: Option<NaiveDate>, today: NaiveDate) -> Self {
        let sent_on = member.results_sent_at.map(|at| vietnam_date(at.and_utc()));
        Self {
            text: member.results.clone(),
            sent_at: member.results_sent_at.map(|at| at.and_utc()),
            late: due_on.is_some_and(|due| is_late(due, sent_on, today)),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectDto {
    pub agency_id: String,
    pub agency_name: String,
    pub planned_from: Option<NaiveDate>,
    pub planned_to: Option<NaiveDate>,
}

/// A supervision or inspection delegation (đoàn giám sát, đoàn kiểm tra).
#[derive(Debug, Serialize, ToSchema)]
pub struct DelegationDto {
    pub id: String,
    pub kind: DelegationKind,
    pub title: String,
    pub content: Option<String>,
    pub leading_agency_id: String,
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub review_from: NaiveDate,
    pub review_to: NaiveDate,
    pub field_work_from: Option<NaiveDate>,
    pub field_work_to: Option<NaiveDate>,
    pub status: DelegationStatus,
    pub closed_reason: Option<String>,
    /// The members' results are due (set when the field work ends).
    pub results_due_on: Option<NaiveDate>,
    /// The draft conclusions are due (set when the field work ends).
    pub conclusions_due_on: Option<NaiveDate>,
    /// The decision that closed it while recommendations were open.
    pub closing_decision: Option<String>,
    /// The approved plan it carries out, if any.
    pub plan_id: Option<String>,
    /// The decision that extended its field work, if one did.
    pub extension_decision: Option<String>,
    pub level: DelegationLevel,
    pub legal_bases: Vec<String>,
    pub members: Vec<MemberDto>,
    /// All subjects for those who read the delegation; a subject agency sees only its own.
    pub subjects: Vec<SubjectDto>,
    pub standing: StandingDto,
    /// The caller's role when it is a member.
    pub member_role: Option<MemberRole>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl DelegationDto {
    pub fn new(visible: &Visible, details: Details) -> Self {
        let row = visible.row().clone();
        let today = vietnam_date(Utc::now());
        let (standing, member_role) = match visible.standing() {
            Standing::Overseer => (StandingDto::Overseer, None),
            Standing::Member(role) => (StandingDto::Member, Some(role)),
            Standing::Reader => (StandingDto::Reader, None),
            Standing::Subject => (StandingDto::Subject, None),
        };
        Self {
            id: row.id.into_string(),
            kind: row.kind,
            title: row.title,
            content: row.content,
            leading_agency_id: row.leading_agency_id.into_string(),
            decision_number: row.decision_number,
            decided_on: row.decided_on,
            review_from: row.review_from,
            review_to: row.review_to,
            field_work_from: row.field_work_from,
            field_work_to: row.field_work_to,
            status: row.status,
            closed_reason: row.closed_reason,
            results_due_on: row.results_due_on,
            conclusions_due_on: row.conclusions_due_on,
            closing_decision: row.closing_decision.clone(),
            plan_id: row.plan_id.as_ref().map(ToString::to_string),
            extension_decision: row.extension_decision.clone(),
            level: row.level,
            legal_bases: details
                .bases
                .into_iter()
                .map(DirectiveId::into_string)
                .collect(),
            members: details
                .members
                .into_iter()
                .map(|(m, full_name)| MemberDto {
                    results: (visible.standing() != Standing::Subject)
                        .then(|| MemberResultsDto::new(&m, row.results_due_on, today)),
                    user_id: m.user_id.into_string(),
                    full_name,
                    role: m.role,
                })
                .collect(),
            subjects: details
                .subjects
                .into_iter()
                .map(|(s, agency_name)| SubjectDto {
                    agency_id: s.agency_id.into_string(),
                    agency_name,
                    planned_from: s.planned_from,
                    planned_to: s.planned_to,
                })
                .collect(),
            standing,
            member_role,
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        }
    }
}

/// A delegation in a list; read it for its members and subjects.
#[derive(Debug, Serialize, ToSchema)]
pub struct DelegationSummaryDto {
    pub id: String,
    pub kind: DelegationKind,
    pub title: String,
    pub leading_agency_id: String,
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub field_work_from: Option<NaiveDate>,
    pub field_work_to: Option<NaiveDate>,
    pub status: DelegationStatus,
    pub version: i32,
}

impl From<super::model::DelegationRow> for DelegationSummaryDto {
    fn from(row: super::model::DelegationRow) -> Self {
        Self {
            id: row.id.into_string(),
            kind: row.kind,
            title: row.title,
            leading_agency_id: row.leading_agency_id.into_string(),
            decision_number: row.decision_number,
            decided_on: row.decided_on,
            field_work_from: row.field_work_from,
            field_work_to: row.field_work_to,
            status: row.status,
            version: row.version,
        }
    }
}

/// The notice to a subject with the outline of its report (đề cương gợi ý báo cáo).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutNotice {
    pub outline: crate::domain::outline::Outline,
    /// When the subject's report is due; by default 5 working days before its first planned
    /// day of work (the product's default: no legal source sets it).
    pub report_due_on: Option<NaiveDate>,
}

/// A subject's notice as the caller may read it.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeDto {
    pub delegation_id: String,
    pub agency_id: String,
    pub outline: Option<crate::domain::outline::Outline>,
    pub report_due_on: Option<NaiveDate>,
    /// Whether the notice was issued to the subject (it sees it from then on).
    pub issued: bool,
    pub issued_at: Option<DateTime<Utc>>,
    pub issued_by: Option<String>,
    /// The delegation's version, also the `ETag`.
    pub version: i32,
}

/// Changes to a delegation's decision; absent fields stay as they are, `null` clears an
/// optional one. `legal_bases`, when given, replaces the whole list. The merged dates are
/// checked as on creation, and the subjects' planned days must stay inside the field work.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateDelegation {
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub title: Option<String>,
    #[schema(value_type = Option<String>, max_length = 5000, pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text_patch")]
    pub content: Option<Option<String>>,
    #[schema(
        pattern = "^[0-9]{1,5}(/[0-9]{4})?[-/][A-ZĐ][A-Z0-9Đ]*([-/.][A-Z0-9Đ]+)*$",
        max_length = 60
    )]
    pub decision_number: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub review_from: Option<NaiveDate>,
    pub review_to: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub field_work_from: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub field_work_to: Option<Option<NaiveDate>>,
    #[schema(min_items = 1, max_items = 50)]
    pub legal_bases: Option<Vec<Uuid>>,
    /// A new level; the field work is checked against its time limit.
    pub level: Option<DelegationLevel>,
}
