//! Reports through the real App: draft, submit, review, revise; scope and bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use serde_json::json;

/// A task led by department A's division, assigned by the admin.
async fn task(app: &common::TestApp, p: &common::Province) -> String {
    let directive = app
        .post("/api/v1/directives", Some(&p.admin), json!({"kind": "plan", "number": "84/KH-STTTT",
            "issuer": "Sở TT&TT", "issued_on": "2022-01-21", "title": "Bảo đảm an ninh, trật tự năm 2022"}))
        .await
        .id();
    app.post("/api/v1/tasks", Some(&p.admin), json!({"directive_id": directive, "title": "Phổ biến cho 100% cán bộ",
        "lead_agency_id": p.division_a, "due_on": "2030-06-30", "target": {"value": 100, "unit": "%"}}))
        .await
        .id()
}

backend_test!(reports_are_drafted_submitted_reviewed_and_revised, |app| {
    let p = common::province(&app).await;
    let task = task(&app, &p).await;
    let draft = app.post(&format!("/api/v1/tasks/{task}/reports"), Some(&p.staff_a),
        json!({"period": "2022-H1", "body": "Đã phổ biến cho 20/26 cán bộ.", "actual_value": 76.9})).await;
    assert_eq!(draft.status, 201, "{}", draft.body);
    assert_eq!(draft.body["status"], "draft");
    assert_eq!(draft.body["agency_id"], json!(p.division_a));
    let id = draft.id();
    let edited = app
        .patch(
            &format!("/api/v1/reports/{id}"),
            Some(&p.staff_a),
            json!({"actual_value": 80.0}),
        )
        .await;
    assert_eq!(edited.body["actual_value"], 80.0);
    app.post(
        &format!("/api/v1/reports/{id}/submit"),
        Some(&p.staff_a),
        json!({}),
    )
    .await
    .assert_problem(403);
    let submitted = app
        .post(
            &format!("/api/v1/reports/{id}/submit"),
            Some(&p.manager_a),
            json!({}),
        )
        .await;
    assert_eq!(submitted.body["status"], "submitted");
    // A submitted report is never edited.
    app.patch(
        &format!("/api/v1/reports/{id}"),
        Some(&p.staff_a),
        json!({"body": "Sửa"}),
    )
    .await
    .assert_problem(409);
    app.post(
        &format!("/api/v1/reports/{id}/review"),
        Some(&p.manager_a),
        json!({"decision": "accept"}),
    )
    .await
    .assert_problem(403);
    let returned = app
        .post(
            &format!("/api/v1/reports/{id}/review"),
            Some(&p.admin),
            json!({"decision": "return", "comment": "Thiếu biên bản"}),
        )
        .await;
    assert_eq!(returned.body["status"], "returned");
    assert_eq!(returned.body["review_comment"], "Thiếu biên bản");
    // The revision keeps the history.
    let revision = app
        .post(
            &format!("/api/v1/reports/{id}/revise"),
            Some(&p.staff_a),
            json!({}),
        )
        .await;
    assert_eq!(revision.status, 201, "{}", revision.body);
    assert_eq!(revision.body["revision"], 2);
    assert_eq!(revision.body["previous_revision_id"], json!(id));
    assert_eq!(revision.body["actual_value"], 80.0);
    let second = revision.id();
    app.post(
        &format!("/api/v1/reports/{id}/revise"),
        Some(&p.staff_a),
        json!({}),
    )
    .await
    .assert_problem(409);
    app.patch(
        &format!("/api/v1/reports/{second}"),
        Some(&p.staff_a),
        json!({"actual_value": 100.0}),
    )
    .await;
    app.post(
        &format!("/api/v1/reports/{second}/submit"),
        Some(&p.manager_a),
        json!({}),
    )
    .await;
    let accepted = app
        .post(
            &format!("/api/v1/reports/{second}/review"),
            Some(&p.admin),
            json!({"decision": "accept"}),
        )
        .await;
    assert_eq!(accepted.body["status"], "accepted");
    app.post(
        &format!("/api/v1/reports/{second}/review"),
        Some(&p.admin),
        json!({"decision": "return"}),
    )
    .await
    .assert_problem(409);
    let history = app
        .get(&format!("/api/v1/tasks/{task}/reports"), Some(&p.manager_a))
        .await;
    let statuses: Vec<_> = history.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(statuses, [json!("returned"), json!("accepted")]);
});

backend_test!(another_departments_reports_answer_404, |app| {
    let p = common::province(&app).await;
    let task = task(&app, &p).await;
    let id = app
        .post(
            &format!("/api/v1/tasks/{task}/reports"),
            Some(&p.staff_a),
            json!({"period": "2022", "body": "Báo cáo"}),
        )
        .await
        .id();
    for token in [&p.manager_b, &p.staff_b] {
        app.get(&format!("/api/v1/reports/{id}"), Some(token))
            .await
            .assert_problem(404);
        app.patch(
            &format!("/api/v1/reports/{id}"),
            Some(token),
            json!({"body": "x"}),
        )
        .await
        .assert_problem(404);
        for action in ["submit", "revise"] {
            app.post(
                &format!("/api/v1/reports/{id}/{action}"),
                Some(token),
                json!({}),
            )
            .await
            .assert_problem(404);
        }
        app.post(
            &format!("/api/v1/reports/{id}/review"),
            Some(token),
            json!({"decision": "accept"}),
        )
        .await
        .assert_problem(404);
        app.get(&format!("/api/v1/tasks/{task}/reports"), Some(token))
            .await
            .assert_problem(404);
        app.post(
            &format!("/api/v1/tasks/{task}/reports"),
            Some(token),
            json!({"period": "2022", "body": "x"}),
        )
        .await
        .assert_problem(404);
    }
    let (_, viewer) = app.insert_user("viewer", "viewer", None);
    assert_eq!(
        app.get(&format!("/api/v1/reports/{id}"), Some(&viewer))
            .await
            .status,
        200
    );
    app.post(
        &format!("/api/v1/tasks/{task}/reports"),
        Some(&viewer),
        json!({"period": "2022", "body": "x"}),
    )
    .await
    .assert_problem(403);
});

backend_test!(bad_report_input_is_refused_and_writes_nothing, |app| {
    let p = common::province(&app).await;
    let task = task(&app, &p).await;
    let path = format!("/api/v1/tasks/{task}/reports");
    let before = (app.count("reports"), app.count("audit_events"));
    for (body, field) in [
        (json!({"period": "2022-H3", "body": "x"}), "period"),
        (json!({"period": "2022", "body": "   "}), "body"),
        (
            json!({"period": "2022", "body": "x", "actual_value": -5}),
            "actual_value",
        ),
    ] {
        let response = app.post(&path, Some(&p.staff_a), body.clone()).await;
        response.assert_problem(422);
        assert_eq!(response.error_fields(), [field], "{body}");
    }
    app.post(
        &path,
        Some(&p.staff_a),
        json!({"period": "2022", "body": "x", "status": "accepted"}),
    )
    .await
    .assert_problem(422);
    assert_eq!((app.count("reports"), app.count("audit_events")), before);
    // A cancelled task takes no reports.
    app.post(
        &format!("/api/v1/tasks/{task}/cancel"),
        Some(&p.admin),
        json!({}),
    )
    .await;
    app.post(
        &path,
        Some(&p.staff_a),
        json!({"period": "2022", "body": "Báo cáo"}),
    )
    .await
    .assert_problem(409);
    assert_eq!(app.count("reports"), before.0);
});

backend_test!(
    report_periods_take_the_notation_of_reporting_periods,
    |app| {
        let p = common::province(&app).await;
        let task = task(&app, &p).await;
        let path = format!("/api/v1/tasks/{task}/reports");
        for (sent, stored) in [
            ("2026-05", "2026-M05"),
            ("2026-M1", "2026-M01"),
            ("2026-9M", "2026-9M"),
            ("2026-Q3", "2026-Q3"),
        ] {
            let draft = app
                .post(
                    &path,
                    Some(&p.staff_a),
                    json!({"period": sent, "body": "Tiến độ"}),
                )
                .await;
            assert_eq!(draft.status, 201, "{sent}: {}", draft.body);
            assert_eq!(draft.body["period"], stored);
        }
        let before = app.count("reports");
        for bad in ["2026-M13", "2026-H3", "2026-8M"] {
            let refused = app
                .post(
                    &path,
                    Some(&p.staff_a),
                    json!({"period": bad, "body": "Tiến độ"}),
                )
                .await;
            refused.assert_problem(422);
            assert_eq!(refused.error_fields(), vec!["period"]);
        }
        assert_eq!(app.count("reports"), before);
    }
);
