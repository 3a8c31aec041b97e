//! Tasks through the real App: the workflow, recurrence, deadline status, scope and bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::fixtures::{directive, task_body, today_plus};

use serde_json::{json, Value};

async fn supervisor(app: &common::TestApp) -> String {
    app.insert_user("supervisor", "supervisor", None).1
}

backend_test!(the_compliance_loop_from_assignment_to_completion, |app| {
    let p = common::province(&app).await;
    let sup = supervisor(&app).await;
    let d = directive(&app, &sup).await;
    let mut body = task_body(&d, &p.division_a, &today_plus(30));
    body["coordinating_agency_ids"] = json!([p.division_b]);
    body["recurrence"] = json!("quarterly");
    body["start_on"] = json!(today_plus(-1));
    let created = app.post("/api/v1/tasks", Some(&sup), body).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["status"], "open");
    assert_eq!(created.body["deadline_status"], "on_track");
    assert_eq!(
        created.body["coordinating_agency_ids"],
        json!([p.division_b])
    );
    let id = created.id();
    let path = |action: &str| format!("/api/v1/tasks/{id}/{action}");
    // The lead agency's staff starts; its manager submits with a comment.
    assert_eq!(
        app.post(&path("start"), Some(&p.staff_a), json!({}))
            .await
            .body["status"],
        "in_progress"
    );
    app.post(&path("submit"), Some(&p.staff_a), json!({}))
        .await
        .assert_problem(403);
    let submitted = app
        .post(
            &path("submit"),
            Some(&p.manager_a),
            json!({"comment": "Đã phổ biến cho 26/26 cán bộ"}),
        )
        .await;
    assert_eq!(submitted.body["status"], "submitted");
    // The supervisor returns it, the department resubmits, the supervisor completes.
    assert_eq!(
        app.post(
            &path("return"),
            Some(&sup),
            json!({"comment": "Bổ sung biên bản"})
        )
        .await
        .body["status"],
        "returned"
    );
    app.post(&path("submit"), Some(&p.manager_a), json!({}))
        .await
        .assert_problem(409);
    app.post(&path("start"), Some(&p.staff_a), json!({})).await;
    app.post(&path("submit"), Some(&p.manager_a), json!({}))
        .await;
    app.post(&path("complete"), Some(&p.manager_a), json!({}))
        .await
        .assert_problem(403);
    let done = app.post(&path("complete"), Some(&sup), json!({})).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.body["status"], "completed");
    assert_eq!(done.body["completed_on"], json!(today_plus(0)));
    assert_eq!(done.body["deadline_status"], "done_on_time");
    let again = app.post(&path("cancel"), Some(&sup), json!({})).await;
    again.assert_problem(409);
    assert!(again.body["detail"].as_str().unwrap().contains("completed"));
    // The thread holds the transition comments; the coordinating department sees and adds to it.
    let thread = app
        .get(&format!("/api/v1/tasks/{id}/comments"), Some(&p.staff_b))
        .await;
    let bodies: Vec<_> = thread.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["transition"].clone())
        .collect();
    assert_eq!(bodies, [json!("submit"), json!("return")]);
    let added = app
        .post(
            &format!("/api/v1/tasks/{id}/comments"),
            Some(&p.staff_b),
            json!({"body": "Đã phối hợp"}),
        )
        .await;
    assert_eq!(added.status, 201);
    // The quarterly task came back three months later.
    let next = app
        .get(
            &format!("/api/v1/tasks?status=open&directive_id={d}"),
            Some(&sup),
        )
        .await;
    let items = next.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", next.body);
    assert_eq!(items[0]["previous_occurrence_id"], json!(id));
    assert_eq!(items[0]["coordinating_agency_ids"], json!([p.division_b]));
    let by_directive = app
        .get(&format!("/api/v1/directives/{d}/tasks"), Some(&p.manager_a))
        .await;
    assert_eq!(by_directive.body["items"].as_array().unwrap().len(), 2);
});

backend_test!(
    managers_break_their_plan_into_tasks_for_their_divisions,
    |app| {
        let p = common::province(&app).await;
        let d = directive(&app, &p.admin).await;
        let created = app
            .post(
                "/api/v1/tasks",
                Some(&p.manager_a),
                task_body(&d, &p.division_a, &today_plus(10)),
            )
            .await;
        assert_eq!(created.status, 201, "{}", created.body);
        let id = created.id();
        app.post(
            &format!("/api/v1/tasks/{id}/start"),
            Some(&p.staff_a),
            json!({}),
        )
        .await;
        app.post(
            &format!("/api/v1/tasks/{id}/submit"),
            Some(&p.manager_a),
            json!({}),
        )
        .await;
        // The assigning manager completes its own division's task.
        let done = app
            .post(
                &format!("/api/v1/tasks/{id}/complete"),
                Some(&p.manager_a),
                json!({}),
            )
            .await;
        assert_eq!(done.body["status"], "completed");
        // But it cannot hand work to another department.
        let before = app.count("tasks");
        let outside = app
            .post(
                "/api/v1/tasks",
                Some(&p.manager_a),
                task_body(&d, &p.dept_b, &today_plus(10)),
            )
            .await;
        outside.assert_problem(422);
        assert_eq!(outside.error_fields(), ["lead_agency_id"]);
        let mut coordinated = task_body(&d, &p.division_a, &today_plus(10));
        coordinated["coordinating_agency_ids"] = json!([p.dept_b]);
        app.post("/api/v1/tasks", Some(&p.manager_a), coordinated)
            .await
            .assert_problem(422);
        app.post(
            "/api/v1/tasks",
            Some(&p.staff_a),
            task_body(&d, &p.division_a, &today_plus(10)),
        )
        .await
        .assert_problem(403);
        assert_eq!(app.count("tasks"), before);
    }
);

backend_test!(another_departments_tasks_answer_404_everywhere, |app| {
    let p = common::province(&app).await;
    let d = directive(&app, &p.admin).await;
    let id = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            task_body(&d, &p.dept_b, &today_plus(5)),
        )
        .await
        .id();
    for token in [&p.manager_a, &p.staff_a] {
        app.get(&format!("/api/v1/tasks/{id}"), Some(token))
            .await
            .assert_problem(404);
        app.patch(
            &format!("/api/v1/tasks/{id}"),
            Some(token),
            json!({"title": "x"}),
        )
        .await
        .assert_problem(404);
        for action in ["start", "submit", "complete", "return", "cancel"] {
            app.post(
                &format!("/api/v1/tasks/{id}/{action}"),
                Some(token),
                json!({}),
            )
            .await
            .assert_problem(404);
        }
        app.get(&format!("/api/v1/tasks/{id}/comments"), Some(token))
            .await
            .assert_problem(404);
        app.post(
            &format!("/api/v1/tasks/{id}/comments"),
            Some(token),
            json!({"body": "x"}),
        )
        .await
        .assert_problem(404);
        for query in [
            "",
            "?q=bao%20mat",
            &format!("?lead_agency_id={}", p.dept_b),
            "?deadline_status=on_track",
        ] {
            let list = app.get(&format!("/api/v1/tasks{query}"), Some(token)).await;
            assert_eq!(list.body["items"].as_array().unwrap().len(), 0, "{query}");
        }
        let by_directive = app
            .get(&format!("/api/v1/directives/{d}/tasks"), Some(token))
            .await;
        assert_eq!(by_directive.body["items"].as_array().unwrap().len(), 0);
    }
    assert_eq!(
        app.get(&format!("/api/v1/tasks/{id}"), Some(&p.manager_b))
            .await
            .status,
        200
    );
    // A division's staff sees only what its division leads or coordinates, not its parent's.
    app.get(&format!("/api/v1/tasks/{id}"), Some(&p.staff_b))
        .await
        .assert_problem(404);
});

backend_test!(bad_task_input_is_refused_and_writes_nothing, |app| {
    let p = common::province(&app).await;
    let d = directive(&app, &p.admin).await;
    let before = (
        app.count("tasks"),
        app.count("task_coordinators"),
        app.count("audit_events"),
    );
    let with = |field: &str, value: Value| {
        let mut body = task_body(&d, &p.division_a, &today_plus(5));
        body[field] = value;
        body
    };
    let cases = [
        (with("start_on", json!(today_plus(10))), "due_on"),
        (
            with("directive_id", json!(uuid::Uuid::now_v7())),
            "directive_id",
        ),
        (
            with("lead_agency_id", json!(uuid::Uuid::now_v7())),
            "lead_agency_id",
        ),
        (
            with("coordinating_agency_ids", json!([p.division_a])),
            "coordinating_agency_ids",
        ),
        (with("title", json!(" ")), "title"),
        (
            with("target", json!({"value": -1, "unit": "%"})),
            "target.value",
        ),
        (with("due_on", json!("1900-01-01")), "due_on"),
    ];
    for (body, field) in cases {
        let response = app
            .post("/api/v1/tasks", Some(&p.admin), body.clone())
            .await;
        response.assert_problem(422);
        assert_eq!(response.error_fields(), [field], "{body}");
    }
    app.post(
        "/api/v1/tasks",
        Some(&p.admin),
        with("priority", json!("asap")),
    )
    .await
    .assert_problem(422);
    assert_eq!(
        (
            app.count("tasks"),
            app.count("task_coordinators"),
            app.count("audit_events")
        ),
        before
    );
    // A cancelled task no longer changes.
    let id = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            task_body(&d, &p.division_a, &today_plus(5)),
        )
        .await
        .id();
    app.post(
        &format!("/api/v1/tasks/{id}/cancel"),
        Some(&p.admin),
        json!({}),
    )
    .await;
    app.patch(
        &format!("/api/v1/tasks/{id}"),
        Some(&p.admin),
        json!({"title": "Sửa"}),
    )
    .await
    .assert_problem(409);
    app.post(
        &format!("/api/v1/tasks/{id}/start"),
        Some(&p.staff_a),
        json!({}),
    )
    .await
    .assert_problem(409);
    app.get("/api/v1/tasks?deadline_status=late", Some(&p.admin))
        .await
        .assert_problem(422);
    app.get(
        &format!("/api/v1/tasks?cursor={}", uuid::Uuid::now_v7()),
        Some(&p.admin),
    )
    .await
    .assert_problem(422);
});

backend_test!(whoever_oversees_a_task_changes_its_terms, |app| {
    let p = common::province(&app).await;
    let d = directive(&app, &p.admin).await;
    let id = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            task_body(&d, &p.division_a, &today_plus(5)),
        )
        .await
        .id();
    let path = format!("/api/v1/tasks/{id}");
    app.patch(&path, Some(&p.manager_a), json!({"due_on": today_plus(50)}))
        .await
        .assert_problem(403);
    let changed = app.patch(&path, Some(&p.admin), json!({"due_on": today_plus(20), "coordinating_agency_ids": [p.dept_b], "target": null})).await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(changed.body["due_on"], json!(today_plus(20)));
    assert_eq!(changed.body["target"], Value::Null);
    assert_eq!(changed.body["version"], 2);
    assert_eq!(app.get(&path, Some(&p.manager_b)).await.status, 200);
});

backend_test!(
    a_subtree_list_merges_its_agencies_in_order_across_pages,
    |app| {
        let p = common::province(&app).await;
        let d = directive(&app, &p.admin).await;
        let mut expected = Vec::new();
        for (lead, days, coordinator) in [
            (&p.dept_a, 3, None),
            (&p.dept_a, 1, None),
            (&p.division_a, 2, Some(&p.dept_a)),
            (&p.dept_b, 4, Some(&p.division_a)),
            (&p.division_a, 5, None),
            (&p.dept_b, 0, None),
            (&p.division_b, 6, Some(&p.dept_b)),
        ] {
            let mut body = task_body(&d, lead, &today_plus(days));
            if let Some(agency) = coordinator {
                body["coordinating_agency_ids"] = json!([agency]);
            }
            let id = app.post("/api/v1/tasks", Some(&p.admin), body).await.id();
            if days != 0 && days != 6 {
                expected.push((days, id));
            }
        }
        expected.sort();
        let expected: Vec<String> = expected.into_iter().map(|(_, id)| id).collect();
        for sort in ["due_on", "created", "updated_at"] {
            let mut seen = Vec::new();
            let mut path = format!("/api/v1/tasks?sort={sort}&limit=2");
            loop {
                let page = app.get(&path, Some(&p.manager_a)).await;
                assert_eq!(page.status, 200, "{}", page.body);
                for item in page.body["items"].as_array().unwrap() {
                    seen.push(item["id"].as_str().unwrap().to_owned());
                }
                match page.body["next_cursor"].as_str() {
                    Some(cursor) => {
                        path = format!("/api/v1/tasks?sort={sort}&limit=2&cursor={cursor}")
                    }
                    None => break,
                }
            }
            let mut unique = seen.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), seen.len(), "{sort}: a task came twice");
            if sort == "due_on" {
                assert_eq!(seen, expected);
            } else {
                let mut sorted = expected.clone();
                sorted.sort();
                assert_eq!(unique, sorted, "{sort}");
            }
        }
    }
);
