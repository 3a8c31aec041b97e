//! A delegation's working sessions through the real App: recorded by members during the field
//! work, seen by the subject they were held with, refused with nothing written on bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::delegations::{body, members, setup};

use serde_json::json;

backend_test!(members_record_sessions_during_the_field_work, |app| {
    let s = setup(&app).await;
    let id = app
        .post(
            "/api/v1/delegations",
            Some(&s.supervisor),
            body(&s, members(&s)),
        )
        .await
        .id();
    let sessions = format!("/api/v1/delegations/{id}/subjects/{}/sessions", s.p.dept_a);
    let session = json!({"held_on": "2018-07-24", "place": "Sở Thông tin và Truyền thông",
        "participants": ["Trưởng Ban Dân vận Tỉnh ủy", "Giám đốc Sở"], "minutes": "Biên bản làm việc"});
    app.post(&sessions, Some(&s.p.staff_b), session.clone())
        .await
        .assert_problem(409);
    app.post(
        &format!("/api/v1/delegations/{id}/start-field-work"),
        Some(&s.head),
        json!({}),
    )
    .await;
    let before = (app.count("delegation_sessions"), app.count("audit_events"));
    for (bad, field) in [
        (
            json!({"held_on": "2018-09-30", "place": "x", "participants": ["a"]}),
            "held_on",
        ),
        (
            json!({"held_on": "2018-07-24", "participants": ["a"]}),
            "place",
        ),
        (
            json!({"held_on": "2018-07-24", "place": "x", "participants": []}),
            "participants",
        ),
        (
            json!({"held_on": "2018-07-24", "place": "x", "participants": [" "]}),
            "participants[0]",
        ),
    ] {
        let refused = app.post(&sessions, Some(&s.p.staff_b), bad).await;
        refused.assert_problem(422);
        assert_eq!(
            refused.error_fields(),
            vec![field.to_owned()],
            "{}",
            refused.body
        );
    }
    app.post(&sessions, Some(&s.viewer), session.clone())
        .await
        .assert_problem(403);
    app.post(&sessions, Some(&s.p.manager_a), session.clone())
        .await
        .assert_problem(403);
    assert_eq!(
        (app.count("delegation_sessions"), app.count("audit_events")),
        before
    );
    let recorded = app.post(&sessions, Some(&s.p.staff_b), session).await;
    assert_eq!(recorded.status, 201, "{}", recorded.body);
    assert_eq!(recorded.body["participants"][1], "Giám đốc Sở");
    let remote = json!({"held_on": "2018-07-25", "remote": true, "participants": ["Giám đốc Sở"]});
    assert_eq!(app.post(&sessions, Some(&s.head), remote).await.status, 201);
    let seen = app.get(&sessions, Some(&s.p.manager_a)).await;
    assert_eq!(seen.body.as_array().unwrap().len(), 2, "{}", seen.body);
    assert_eq!(seen.body[0]["held_on"], "2018-07-24");
    app.get(&sessions, Some(&s.p.manager_b))
        .await
        .assert_problem(404);
    app.get(&sessions, Some(&s.outsider))
        .await
        .assert_problem(404);
});
