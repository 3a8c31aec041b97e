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
