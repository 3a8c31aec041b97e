//! Row structs of the delegation tables.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{
    delegation_members, delegation_sessions, delegation_subjects, delegations,
};
use crate::domain::delegation::{DelegationKind, DelegationLevel, DelegationStatus, MemberRole};
use crate::domain::ids::{AgencyId, DelegationId, PlanId, SessionId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = delegations)]
pub struct DelegationRow {
    pub id: DelegationId,
    pub kind: DelegationKind,
    pub title: String,
    pub content: Option<String>,
    pub leading_agency_id: AgencyId,
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub review_from: NaiveDate,
    pub review_to: NaiveDate,
    pub field_work_from: Option<NaiveDate>,
    pub field_work_to: Option<NaiveDate>,
    pub status: DelegationStatus,
    pub closed_reason: Option<String>,
    pub created_by: UserId,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The members' results are due (set when the field work ends).
    pub results_due_on: Option<NaiveDate>,
    /// The draft conclusions are due (set when the field work ends).
    pub conclusions_due_on: Option<NaiveDate>,
    /// The decision that closed it while recommendations were open.
    pub closing_decision: Option<String>,
    /// The approved plan it carries out, if any.
    pub plan_id: Option<PlanId>,
    /// The decision that extended its field work, if one did.
    pub extension_decision: Option<String>,
    /// The level of the body that forms it, which sets its longest field work.
    pub level: DelegationLevel,
}

impl DelegationRow {
    pub fn field_work(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.field_work_from.zip(self.field_work_to)
    }
}

/// The columns a change may set; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = delegations)]
pub struct DelegationChanges {
    pub title: Option<String>,
    pub content: Option<Option<String>>,
    pub decision_number: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub review_from: Option<NaiveDate>,
    pub review_to: Option<NaiveDate>,
    pub field_work_from: Option<Option<NaiveDate>>,
    pub field_work_to: Option<Option<NaiveDate>>,
    pub status: Option<DelegationStatus>,
    pub closed_reason: Option<Option<String>>,
    pub results_due_on: Option<Option<NaiveDate>>,
    pub conclusions_due_on: Option<Option<NaiveDate>>,
    pub closing_decision: Option<Option<String>>,
    pub extension_decision: Option<Option<String>>,
    pub level: Option<DelegationLevel>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = delegation_members)]
pub struct MemberRow {
    pub delegation_id: DelegationId,
    pub user_id: UserId,
    pub role: MemberRole,
    pub added_at: NaiveDateTime,
    /// The member's results of the field work (kết quả của thành viên), once sent.
    pub results: Option<String>,
    pub results_sent_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = delegation_subjects)]
pub struct SubjectRow {
    pub delegation_id: DelegationId,
    pub agency_id: AgencyId,
    pub planned_from: Option<NaiveDate>,
    pub planned_to: Option<NaiveDate>,
    pub added_at: NaiveDateTime,
}

/// A subject entry with its notice: the planned days, the outline (JSON, `domain::outline`)
/// and the report's due date, and when the notice was issued.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = delegation_subjects)]
pub struct SubjectNoticeRow {
    pub agency_id: AgencyId,
    pub planned_from: Option<NaiveDate>,
    pub planned_to: Option<NaiveDate>,
    pub outline: Option<String>,
    pub report_due_on: Option<NaiveDate>,
    pub notice_issued_at: Option<NaiveDateTime>,
    pub notice_issued_by: Option<UserId>,
}

/// A working session with a subject.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = delegation_sessions)]
pub struct SessionRow {
    pub id: SessionId,
    pub delegation_id: DelegationId,
    pub agency_id: AgencyId,
    pub held_on: NaiveDate,
    pub place: Option<String>,
    pub remote: bool,
    /// JSON list of names.
    pub participants: String,
    pub minutes: Option<String>,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
}
