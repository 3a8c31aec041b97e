//! The task workflow through the real App: every transition from every status, and deadline
//! status computed and filtered in Vietnam's calendar.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::fixtures::{directive, task_body, today_plus};
use serde_json::{json, Value};

backend_test!(deadline_status_is_computed_and_filterable, |app| {
    let p = common::province(&app).await;
    let d = directive(&app, &p.admin).await;
    let overdue = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            task_body(&d, &p.division_a, &today_plus(-3)),
        )
        .await;
    assert_eq!(overdue.body["deadline_status"], "overdue");
    let on_track = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            task_body(&d, &p.division_a, &today_plus(3)),
        )
        .await;
    let late = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            task_body(&d, &p.division_a, &today_plus(-1)),
        )
        .await
        .id();
    for (token, action) in [
        (&p.staff_a, "start"),
        (&p.manager_a, "submit"),
        (&p.admin, "complete"),
    ] {
        app.post(
            &format!("/api/v1/tasks/{late}/{action}"),
            Some(token),
            json!({}),
        )
        .await;
    }
    let cancelled = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            task_body(&d, &p.division_a, &today_plus(-9)),
        )
        .await
        .id();
    let gone = app
        .post(
            &format!("/api/v1/tasks/{cancelled}/cancel"),
            Some(&p.admin),
            json!({"comment": "Trùng"}),
        )
        .await;
    assert_eq!(gone.body["deadline_status"], Value::Null);
    for (status, expected) in [
        ("overdue", overdue.id()),
        ("on_track", on_track.id()),
        ("done_late", late.clone()),
    ] {
        let list = app
            .get(
                &format!("/api/v1/tasks?deadline_status={status}"),
                Some(&p.manager_a),
            )
            .await;
        let ids: Vec<_> = list.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(ids, [expected], "{status}");
    }
    let sorted = app
        .get("/api/v1/tasks?sort=due_on&limit=2", Some(&p.admin))
        .await;
    let dues: Vec<_> = sorted.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["due_on"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(dues, [today_plus(-9), today_plus(-3)]);
    let cursor = sorted.body["next_cursor"].as_str().unwrap();
    let rest = app
        .get(
            &format!("/api/v1/tasks?sort=due_on&limit=2&cursor={cursor}"),
            Some(&p.admin),
        )
        .await;
    let dues: Vec<_> = rest.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["due_on"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(dues, [today_plus(-1), today_plus(3)]);
    let due_window = app
        .get(
            &format!(
                "/api/v1/tasks?due_from={}&due_to={}",
                today_plus(-3),
                today_plus(-1)
            ),
            Some(&p.admin),
        )
        .await;
    assert_eq!(due_window.body["items"].as_array().unwrap().len(), 2);
});

/// Drives a new task into `status` with the roles allowed to do so.
async fn task_in(app: &common::TestApp, p: &common::Province, d: &str, status: &str) -> String {
    let id = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            task_body(d, &p.division_a, &today_plus(5)),
        )
        .await
        .id();
    let steps: &[(&str, &str)] = match status {
        "open" => &[],
        "in_progress" => &[("staff", "start")],
        "submitted" => &[("staff", "start"), ("manager", "submit")],
        "returned" => &[
            ("staff", "start"),
            ("manager", "submit"),
            ("admin", "return"),
        ],
        "completed" => &[
            ("staff", "start"),
            ("manager", "submit"),
            ("admin", "complete"),
        ],
        _ => &[("admin", "cancel")],
    };
    for (who, action) in steps {
        let token = match *who {
            "staff" => &p.staff_a,
            "manager" => &p.manager_a,
            _ => &p.admin,
        };
        let moved = app
            .post(
                &format!("/api/v1/tasks/{id}/{action}"),
                Some(token),
                json!({}),
            )
            .await;
        assert_eq!(moved.status, 200, "{action}: {}", moved.body);
    }
    id
}

backend_test!(every_transition_not_allowed_from_a_status_is_409, |app| {
    let p = common::province(&app).await;
    let d = directive(&app, &p.admin).await;
    // (action, who may take it, statuses it is allowed from)
    let actions: [(&str, &String, &[&str]); 5] = [
        ("start", &p.staff_a, &["open", "returned"]),
        ("submit", &p.manager_a, &["in_progress"]),
        ("complete", &p.admin, &["submitted"]),
        ("return", &p.admin, &["submitted"]),
        (
            "cancel",
            &p.admin,
            &["open", "in_progress", "submitted", "returned"],
        ),
    ];
    for status in [
        "open",
        "in_progress",
        "submitted",
        "returned",
        "completed",
        "cancelled",
    ] {
        for (action, token, allowed) in &actions {
            let id = task_in(&app, &p, &d, status).await;
            let response = app
                .post(
                    &format!("/api/v1/tasks/{id}/{action}"),
                    Some(token),
                    json!({}),
                )
                .await;
            if allowed.contains(&status) {
                assert_eq!(
                    response.status, 200,
                    "{action} from {status}: {}",
                    response.body
                );
            } else {
                response.assert_problem(409);
                assert!(
                    response.body["detail"].as_str().unwrap().contains(status),
                    "{action} from {status}"
                );
            }
        }
    }
});

backend_test!(a_write_decided_on_a_stale_read_is_refused, |app| {
    use defense_compliance::tasks::{access, model::TaskChanges};
    let p = common::province(&app).await;
    let d = directive(&app, &p.admin).await;
    let task = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            task_body(&d, &p.division_a, &today_plus(30)),
        )
        .await
        .id();
    // This write read version 1; another request then started the task (PostgreSQL lets both
    // read it). Completing it from the stale read would skip the workflow.
    let mut conn = app.pool.get().unwrap();
    let stale = access::system_load(
        &mut conn,
        &defense_compliance::domain::ids::TaskId::from_stored(task.clone()),
    )
    .unwrap();
    let started = app
        .post(
            &format!("/api/v1/tasks/{task}/start"),
            Some(&p.staff_a),
            json!({}),
        )
        .await;
    assert_eq!(started.body["version"], 2);
    let admin = common::province_admin();
    let changes = TaskChanges {
        status: Some(defense_compliance::domain::task::TaskStatus::Completed),
        ..Default::default()
    };
    let refused = access::save(
        &mut conn,
        &admin,
        stale,
        changes,
        "task.complete",
        json!({}),
    );
    assert!(
        matches!(
            refused,
            Err(defense_compliance::error::ApiError::LostRace(_))
        ),
        "{refused:?}"
    );
    drop(conn);
    assert_eq!(
        app.get(&format!("/api/v1/tasks/{task}"), Some(&p.admin))
            .await
            .body["status"],
        "in_progress"
    );
});

backend_test!(concurrent_changes_without_if_match_are_all_applied, |app| {
    let p = common::province(&app).await;
    let d = directive(&app, &p.admin).await;
    let task = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            task_body(&d, &p.division_a, &today_plus(30)),
        )
        .await
        .id();
    let path = format!("/api/v1/tasks/{task}");
    let writes = (0..12).map(|i| {
        app.patch(
            &path,
            Some(&p.admin),
            json!({"title": format!("Nhiệm vụ, lần sửa {i}")}),
        )
    });
    let answers = futures_util::future::join_all(writes).await;
    for answer in &answers {
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    let after = app.get(&path, Some(&p.admin)).await;
    assert_eq!(after.body["version"], 13);
    // With If-Match, a stale version is still refused.
    app.call(
        actix_web::test::TestRequest::patch()
            .uri(&path)
            .insert_header(("authorization", format!("Bearer {}", p.admin)))
            .insert_header(("if-match", "\"1\""))
            .set_json(json!({"title": "Cũ"})),
    )
    .await
    .assert_problem(412);
});
