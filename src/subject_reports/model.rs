//! The row of a subject's report.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::delegation_reports;
use crate::domain::ids::{AgencyId, DelegationId, UserId};
use crate::domain::subject_report::SubjectReportStatus;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = delegation_reports)]
pub struct SubjectReportRow {
    pub delegation_id: DelegationId,
    pub agency_id: AgencyId,
    pub status: SubjectReportStatus,
    /// JSON list of `domain::subject_report::Answer`.
    pub answers: String,
    pub due_on: NaiveDate,
    pub submitted_at: Option<NaiveDateTime>,
    pub submitted_by: Option<UserId>,
    pub return_reason: Option<String>,
    pub created_by: UserId,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The columns a change may set; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = delegation_reports)]
pub struct SubjectReportChanges {
    pub status: Option<SubjectReportStatus>,
    pub answers: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub submitted_at: Option<Option<NaiveDateTime>>,
    pub submitted_by: Option<Option<UserId>>,
    pub return_reason: Option<Option<String>>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}

impl SubjectReportRow {
    /// Sent after its due date, or not sent and the due date has passed by `today`.
    pub fn late(&self, today: NaiveDate) -> bool {
        let sent_on = match (self.status, self.submitted_at) {
            (SubjectReportStatus::Submitted, Some(at)) => {
                Some(crate::domain::task::vietnam_date(at.and_utc()))
            }
            _ => None,
        };
        crate::domain::calendar::is_late(self.due_on, sent_on, today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent_at(utc: &str) -> SubjectReportRow {
        let at = NaiveDateTime::parse_from_str(utc, "%Y-%m-%d %H:%M:%S").unwrap();
        SubjectReportRow {
            delegation_id: DelegationId::generate(),
            agency_id: AgencyId::generate(),
            status: SubjectReportStatus::Submitted,
            answers: "[]".into(),
            due_on: NaiveDate::from_ymd_opt(2018, 7, 17).unwrap(),
            submitted_at: Some(at),
            submitted_by: None,
            return_reason: None,
            created_by: UserId::generate(),
            version: 2,
            created_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn a_report_is_late_from_midnight_in_vietnam_after_its_due_date() {
        let later = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        // 16:59:59 UTC is 23:59:59 of the due date in Hà Nội; one second later it is the next day.
        assert!(!sent_at("2018-07-17 16:59:59").late(later));
        assert!(sent_at("2018-07-17 17:00:00").late(later));
        let mut draft = sent_at("2018-07-10 02:00:00");
        draft.status = SubjectReportStatus::Draft;
        assert!(draft.late(later));
        assert!(!draft.late(draft.due_on));
    }
}
