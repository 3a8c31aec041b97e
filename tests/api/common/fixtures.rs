//! Shared task fixtures: a directive, dates relative to Vietnam's today, a task body.

use chrono::{Duration, Utc};
use serde_json::{json, Value};

use super::TestApp;

pub async fn directive(app: &TestApp, token: &str) -> String {
    let body = json!({"kind": "plan", "number": "84/KH-STTTT", "issuer": "Sở TT&TT", "issued_on": "2022-01-21",
        "title": "Bảo đảm an ninh, trật tự năm 2022"});
    app.post("/api/v1/directives", Some(token), body).await.id()
}

pub fn today_plus(days: i64) -> String {
    ((Utc::now() + Duration::hours(7)).date_naive() + Duration::days(days)).to_string()
}

pub fn task_body(directive: &str, lead: &str, due: &str) -> Value {
    json!({"directive_id": directive, "title": "Phổ biến quy định bảo vệ bí mật nhà nước cho 100% cán bộ",
           "lead_agency_id": lead, "due_on": due, "target": {"value": 100.0, "unit": "%"}})
}

/// A task's history set directly, for figures of past periods that the API cannot make (it
/// stamps creation and completion with today).
pub struct History<'a> {
    pub created: &'a str,
    pub due: &'a str,
    pub completed: Option<&'a str>,
    pub status: &'a str,
}

pub fn set_task_history(app: &TestApp, task: &str, history: &History<'_>) {
    use defense_compliance::db::schema::tasks;
    use diesel::prelude::*;
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
    let created = day(history.created).and_hms_opt(3, 0, 0).expect("time");
    let mut conn = app.pool.get().expect("connection");
    diesel::update(tasks::table.filter(tasks::id.eq(task)))
        .set((
            tasks::created_at.eq(created),
            tasks::due_on.eq(day(history.due)),
            tasks::completed_on.eq(history.completed.map(day)),
            tasks::status.eq(history.status),
        ))
        .execute(&mut *conn)
        .expect("task history");
}

/// When a report was submitted and reviewed (UTC), set directly like [`set_task_history`].
pub fn set_report_times(app: &TestApp, report: &str, submitted: &str, reviewed: Option<&str>) {
    use defense_compliance::db::schema::reports;
    use diesel::prelude::*;
    let at = |t: &str| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").expect("time");
    let mut conn = app.pool.get().expect("connection");
    diesel::update(reports::table.filter(reports::id.eq(report)))
        .set((
            reports::submitted_at.eq(Some(at(submitted))),
            reports::reviewed_at.eq(reviewed.map(at)),
        ))
        .execute(&mut *conn)
        .expect("report times");
}
