//! Findings of the security review (issue 8), each through the real App: another agency's
//! records answer exactly like missing ones, read-only roles write nothing, password guesses
//! are throttled everywhere, and blank optional text means "nothing".
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::TestRequest;
use common::fixtures::{directive, task_body, today_plus};
use serde_json::json;

/// A task led by department B's division, and one led by department A's division.
/// A task led by department A's division and one by department B's.
pub(crate) async fn tasks_a_and_b(app: &common::TestApp, p: &common::Province) -> (String, String) {
    let d = directive(app, &p.admin).await;
    let a = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            task_body(&d, &p.division_a, &today_plus(10)),
        )
        .await
        .id();
    let b = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            task_body(&d, &p.division_b, &today_plus(20)),
        )
        .await
        .id();
    (a, b)
}

backend_test!(a_cursor_outside_the_scope_is_an_unknown_cursor, |app| {
    let p = common::province(&app).await;
    let (_, foreign) = tasks_a_and_b(&app, &p).await;
    let unknown = uuid::Uuid::now_v7();
    for sort in ["created", "due_on", "updated_at"] {
        let outside = app
            .get(
                &format!("/api/v1/tasks?sort={sort}&cursor={foreign}"),
                Some(&p.staff_a),
            )
            .await;
        outside.assert_problem(422);
        let missing = app
            .get(
                &format!("/api/v1/tasks?sort={sort}&cursor={unknown}"),
                Some(&p.staff_a),
            )
            .await;
        assert_eq!(outside.body, missing.body);
        // The admin sees the task, so the same cursor is a valid place to resume.
        let admin = app
            .get(
                &format!("/api/v1/tasks?sort={sort}&cursor={foreign}"),
                Some(&p.admin),
            )
            .await;
        assert_eq!(admin.status, 200, "{}", admin.body);
    }
});

backend_test!(
    another_departments_agency_is_refused_like_an_unknown_one,
    |app| {
        let p = common::province(&app).await;
        let d = directive(&app, &p.admin).await;
        let unknown = uuid::Uuid::now_v7().to_string();
        let before = app.count("tasks");
        let mut answers = Vec::new();
        for agency in [&p.division_b, &unknown] {
            let lead = app
                .post(
                    "/api/v1/tasks",
                    Some(&p.manager_a),
                    task_body(&d, agency, &today_plus(5)),
                )
                .await;
            lead.assert_problem(422);
            let mut body = task_body(&d, &p.division_a, &today_plus(5));
            body["coordinating_agency_ids"] = json!([agency]);
            let coordinator = app.post("/api/v1/tasks", Some(&p.manager_a), body).await;
            coordinator.assert_problem(422);
            let directive = app
                .post(
                    "/api/v1/directives",
                    Some(&p.manager_a),
                    json!({"kind": "plan", "number": "12/KH-SX", "issuer_agency_id": agency,
                    "issued_on": "2024-02-01", "title": "Kế hoạch"}),
                )
                .await;
            directive.assert_problem(422);
            answers.push((lead.body, coordinator.body, directive.body));
        }
        assert_eq!(answers[0], answers[1]);
        assert_eq!(app.count("tasks"), before);
        // Changing a directive's issuer to another department's agency: the same answer again.
        let own = app
            .post(
                "/api/v1/directives",
                Some(&p.manager_a),
                json!({"kind": "plan", "number": "13/KH-SX", "issuer_agency_id": p.dept_a,
                "issued_on": "2024-02-01", "title": "Kế hoạch"}),
            )
            .await;
        assert_eq!(own.status, 201, "{}", own.body);
        let path = format!("/api/v1/directives/{}", own.id());
        let moved: Vec<_> = [&p.dept_b, &unknown]
            .into_iter()
            .map(|agency| json!({"issuer_agency_id": agency}))
            .collect();
        let first = app.patch(&path, Some(&p.manager_a), moved[0].clone()).await;
        let second = app.patch(&path, Some(&p.manager_a), moved[1].clone()).await;
        first.assert_problem(422);
        assert_eq!(first.body, second.body);
    }
);

backend_test!(viewers_and_inspectors_do_not_comment, |app| {
    let p = common::province(&app).await;
    let (task, _) = tasks_a_and_b(&app, &p).await;
    let path = format!("/api/v1/tasks/{task}/comments");
    for role in ["viewer", "inspector"] {
        let (_, token) = app.insert_user(role, role, None);
        let before = (app.count("task_comments"), app.count("audit_events"));
        app.post(&path, Some(&token), json!({"body": "Ý kiến"}))
            .await
            .assert_problem(403);
        assert_eq!(
            (app.count("task_comments"), app.count("audit_events")),
            before
        );
        assert_eq!(app.get(&path, Some(&token)).await.status, 200);
    }
    let staff = app
        .post(&path, Some(&p.staff_a), json!({"body": "Đã triển khai"}))
        .await;
    assert_eq!(staff.status, 201, "{}", staff.body);
    app.post(&path, Some(&p.staff_b), json!({"body": "x"}))
        .await
        .assert_problem(404);
});

backend_test!(wrong_current_passwords_are_throttled_like_logins, |app| {
    let p = common::province(&app).await;
    let change = |password: &str| {
        TestRequest::post()
            .uri("/api/v1/me/password")
            .peer_addr("10.0.1.5:40000".parse().unwrap())
            .insert_header(("authorization", format!("Bearer {}", p.staff_a)))
            .set_json(json!({"current_password": password, "new_password": "a-brand-new-password"}))
    };
    let mut throttled = None;
    for _ in 0..12 {
        let answer = app.call(change("not-my-password")).await;
        if answer.status == 429 {
            throttled = Some(answer);
            break;
        }
        answer.assert_problem(422);
    }
    let throttled = throttled.expect("password changes were never throttled");
    assert!(throttled.header("retry-after").is_some());
    // Throttled even with the right password: the guess is not checked at all.
    app.call(change(common::PASSWORD)).await.assert_problem(429);
    // The owner, from an address without failures, still logs in.
    assert!(!app.login("staff.a", common::PASSWORD).await.is_empty());
});

backend_test!(blank_optional_text_means_nothing, |app| {
    let p = common::province(&app).await;
    let d = directive(&app, &p.admin).await;
    let mut body = task_body(&d, &p.division_a, &today_plus(5));
    body["description"] = json!("");
    let created = app.post("/api/v1/tasks", Some(&p.admin), body).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["description"], json!(null));
    let path = format!("/api/v1/tasks/{}", created.id());
    let described = app
        .patch(&path, Some(&p.admin), json!({"description": "Nội dung"}))
        .await;
    assert_eq!(described.body["description"], "Nội dung");
    let cleared = app
        .patch(&path, Some(&p.admin), json!({"description": "   "}))
        .await;
    assert_eq!(cleared.status, 200, "{}", cleared.body);
    assert_eq!(cleared.body["description"], json!(null));
    let started = app
        .post(
            &format!("{path}/start"),
            Some(&p.staff_a),
            json!({"comment": ""}),
        )
        .await;
    assert_eq!(started.status, 200, "{}", started.body);
    let directive = app
        .post(
            "/api/v1/directives",
            Some(&p.admin),
            json!({"kind": "plan", "number": "14/KH-SX", "issuer": "Sở", "issued_on": "2024-02-01",
                "title": "Kế hoạch", "summary": "", "term": " "}),
        )
        .await;
    assert_eq!(directive.status, 201, "{}", directive.body);
    assert_eq!(directive.body["summary"], json!(null));
    // Required text still refuses blanks, and nothing is written.
    let before = app.count("tasks");
    let mut blank_title = task_body(&d, &p.division_a, &today_plus(5));
    blank_title["title"] = json!(" ");
    let refused = app.post("/api/v1/tasks", Some(&p.admin), blank_title).await;
    refused.assert_problem(422);
    assert_eq!(refused.error_fields(), ["title"]);
    assert_eq!(app.count("tasks"), before);
});

backend_test!(every_answer_says_nosniff, |app| {
    for path in ["/healthz", "/api/v1/me", "/no/such/route"] {
        let answer = app.get(path, None).await;
        assert_eq!(
            answer.header("x-content-type-options").as_deref(),
            Some("nosniff"),
            "{path}"
        );
    }
});
