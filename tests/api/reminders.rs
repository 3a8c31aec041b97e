//! Deadline reminders through the real job and the real feed: each task is reminded once per
//! threshold (the tightest it has reached), announced overdue the day after its due date
//! unless done, a report waiting for review is announced after the configured days; each
//! caller sees only the reminders of what it may read, and webhooks receive them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, NaiveDateTime, Utc};
use defense_compliance::domain::reminder::ReminderRules;
use defense_compliance::reminders;
use serde_json::{json, Value};

use crate::common;
use crate::common::fixtures::{directive, task_body, today_plus};

fn remind(app: &common::TestApp, at: NaiveDateTime) -> usize {
    reminders::pass(&app.pool, &ReminderRules::default(), at).unwrap()
}

/// The reminders `token` sees in the feed: (action, task or report id).
async fn seen(app: &common::TestApp, token: &str) -> Vec<(String, String)> {
    let page = app.get("/api/v1/changes?limit=200", Some(token)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            let action = c["action"].as_str().unwrap();
            action.ends_with("due_soon")
                || action.ends_with("overdue")
                || action.ends_with("review_pending")
        })
        .map(|c: &Value| {
            let action = c["action"].as_str().unwrap().to_owned();
            (action, c["entity_id"].as_str().unwrap().to_owned())
        })
        .collect()
}

async fn task(app: &common::TestApp, token: &str, d: &str, lead: &str, days: i64) -> String {
    let made = app
        .post(
            "/api/v1/tasks",
            Some(token),
            task_body(d, lead, &today_plus(days)),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    made.id()
}

backend_test!(
    tasks_are_reminded_once_per_threshold_and_overdue_the_day_after,
    |app| {
        let p = common::province(&app).await;
        let d = directive(&app, &p.admin).await;
        let tomorrow = task(&app, &p.admin, &d, &p.division_a, 1).await;
        let in_five = task(&app, &p.admin, &d, &p.division_a, 5).await;
        let far = task(&app, &p.admin, &d, &p.division_a, 20).await;
        let foreign = task(&app, &p.admin, &d, &p.division_b, 1).await;
        let now = Utc::now().naive_utc();

        assert_eq!(remind(&app, now), 3);
        let own = seen(&app, &p.staff_a).await;
        let expected = |pairs: &[(&str, &String)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(a, id)| ((*a).to_owned(), (*id).clone()))
                .collect()
        };
        assert_eq!(
            own,
            expected(&[("task.due_soon", &tomorrow), ("task.due_soon", &in_five)]),
            "one reminder each, at the tightest threshold reached; the far task none"
        );
        assert!(!own.iter().any(|(_, id)| id == &far || id == &foreign));
        assert_eq!(
            seen(&app, &p.staff_b).await,
            expected(&[("task.due_soon", &foreign)])
        );
        // Once per threshold: the same day sends nothing again.
        assert_eq!(remind(&app, now), 0);

        // Four days on, the five-day task reaches the one-day threshold; the tomorrow task is
        // overdue, unless completed.
        let completed = app
            .post(
                &format!("/api/v1/tasks/{foreign}/start"),
                Some(&p.staff_b),
                json!({}),
            )
            .await;
        assert_eq!(completed.status, 200, "{}", completed.body);
        for step in ["submit", "complete"] {
            let token = if step == "submit" {
                &p.manager_b
            } else {
                &p.admin
            };
            let moved = app
                .post(
                    &format!("/api/v1/tasks/{foreign}/{step}"),
                    Some(token),
                    json!({}),
                )
                .await;
            assert_eq!(moved.status, 200, "{step}: {}", moved.body);
        }
        let later = now + Duration::days(4);
        assert_eq!(remind(&app, later), 2);
        let own = seen(&app, &p.staff_a).await;
        assert_eq!(
            own[2..],
            expected(&[("task.due_soon", &in_five), ("task.overdue", &tomorrow)])
        );
        assert_eq!(
            seen(&app, &p.staff_b).await.len(),
            1,
            "a completed task is not overdue"
        );
        assert_eq!(remind(&app, later), 0);
    }
);

backend_test!(a_report_waiting_for_review_is_announced, |app| {
    let p = common::province(&app).await;
    let d = directive(&app, &p.admin).await;
    let task = task(&app, &p.admin, &d, &p.division_a, 60).await;
    let draft = app
        .post(
            &format!("/api/v1/tasks/{task}/reports"),
            Some(&p.staff_a),
            json!({"period": "2026-Q4", "body": "Đã phổ biến cho 26/26 cán bộ."}),
        )
        .await;
    let report = draft.id();
    let submitted = app
        .post(
            &format!("/api/v1/reports/{report}/submit"),
            Some(&p.manager_a),
            json!({}),
        )
        .await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    let now = Utc::now().naive_utc();
    assert_eq!(remind(&app, now + Duration::days(4)), 0);
    assert_eq!(remind(&app, now + Duration::days(6)), 1);
    assert_eq!(
        seen(&app, &p.admin).await,
        [("report.review_pending".to_owned(), report.clone())]
    );
    assert!(seen(&app, &p.staff_b).await.is_empty());
    assert_eq!(remind(&app, now + Duration::days(7)), 0);
});
