//! Shared assessment fixtures: a small framework with a hand-checkable scale, a supervisor, a
//! campaign in which department A and B take part.

use serde_json::{json, Value};

use super::{Province, TestApp};

/// 60 + 40 points and one "không để xảy ra" condition; excellent 90, good 75, average 50.
pub fn framework_body(code: &str) -> Value {
    json!({
        "code": code,
        "name": "Tiêu chuẩn An toàn về an ninh, trật tự",
        "applies_to": ["department"],
        "groups": [
            {"code": "1", "title": "Lãnh đạo, chỉ đạo", "criteria": [
                {"code": "1.1", "title": "Có nghị quyết, kế hoạch về an ninh, trật tự", "max_points": 60},
                {"code": "1.2", "title": "100% cán bộ được phổ biến", "max_points": 40,
                 "guidance": "Biên bản các buổi phổ biến"}
            ]},
            {"code": "KX", "title": "Không để xảy ra", "criteria": [
                {"code": "KX1", "title": "Không để xảy ra lộ, lọt bí mật nhà nước", "disqualifying": true}
            ]}
        ],
        "thresholds": {"excellent": 90, "good": 75, "average": 50}
    })
}

/// A published framework version, created by the admin.
pub async fn published_framework(app: &TestApp, admin: &str) -> String {
    let created = app
        .post("/api/v1/frameworks", Some(admin), framework_body("ANTT-CQ"))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.id();
    let published = app
        .post(
            &format!("/api/v1/frameworks/{id}/publish"),
            Some(admin),
            json!({}),
        )
        .await;
    assert_eq!(published.status, 200, "{}", published.body);
    id
}

/// A supervisor's token.
pub async fn supervisor(app: &TestApp) -> String {
    app.insert_user("giam.sat", "supervisor", None).1
}

/// A campaign of `year` in which departments A and B take part, with the given deadlines.
pub async fn campaign(
    app: &TestApp,
    supervisor: &str,
    framework: &str,
    p: &Province,
    year: i32,
    deadlines: [&str; 3],
) -> String {
    let body = json!({"framework_id": framework, "year": year, "agency_ids": [p.dept_a, p.dept_b],
        "agency_kinds": [], "registration_deadline": deadlines[0],
        "self_assessment_deadline": deadlines[1], "review_deadline": deadlines[2]});
    let created = app.post("/api/v1/campaigns", Some(supervisor), body).await;
    assert_eq!(created.status, 201, "{}", created.body);
    created.id()
}

/// Registers department A through its manager and returns the assessment id.
pub async fn register_a(app: &TestApp, p: &Province, campaign: &str, on: &str) -> String {
    let registered = app
        .post(
            &format!("/api/v1/campaigns/{campaign}/registrations"),
            Some(&p.manager_a),
            json!({"agency_id": p.dept_a, "document_number": "118/STTTT-VP", "registered_on": on}),
        )
        .await;
    assert_eq!(registered.status, 201, "{}", registered.body);
    registered.id()
}

/// Full marks except `points_1_1` on 1.1, with KX1 met or not.
pub fn scores(points_1_1: f64, met: bool) -> Value {
    json!({"scores": [
        {"criterion_code": "1.1", "score": points_1_1, "note": "Nghị quyết số 05-NQ/ĐU"},
        {"criterion_code": "1.2", "score": 40},
        {"criterion_code": "KX1", "met": met}
    ]})
}

/// Vietnam's calendar date `offset` days from today.
pub fn day(offset: i64) -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive() + chrono::Duration::days(offset)
}

/// The campaign year of the open fixtures: yesterday's, so that yesterday is inside it.
pub fn year() -> i32 {
    use chrono::Datelike;
    day(-1).year()
}

/// This year's open campaign of departments A and B (deadlines 30, 60 and 90 days on) with
/// department A registered yesterday: its id and the assessment's.
pub async fn open_with_a_registered(app: &TestApp, p: &Province, sup: &str) -> (String, String) {
    let framework = published_framework(app, &p.admin).await;
    let deadlines = [day(30), day(60), day(90)].map(|d| d.to_string());
    let [d1, d2, d3] = deadlines.each_ref().map(String::as_str);
    let campaign = campaign(app, sup, &framework, p, year(), [d1, d2, d3]).await;
    let id = register_a(app, p, &campaign, &day(-1).to_string()).await;
    (campaign, id)
}
