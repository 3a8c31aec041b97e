//! The change feed through the real App: each caller sees the changes to what it may read, in
//! commit order, from a cursor that never skips or repeats one, even under concurrent
//! writers; another subtree's cursor is refused like an unknown one; a cursor past retention
//! is 410; an API client sees only the kinds its scopes read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::cell::Cell;

use crate::common;
use crate::security_review::tasks_a_and_b;
use serde_json::{json, Value};

const FEED: &str = "/api/v1/changes";

/// Every change `token` sees, read `limit` at a time from the start.
async fn read_all(app: &common::TestApp, token: &str, query: &str, limit: usize) -> Vec<Value> {
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let after = cursor
            .as_deref()
            .map_or(String::new(), |c| format!("&after={c}"));
        let page = app
            .get(&format!("{FEED}?limit={limit}{query}{after}"), Some(token))
            .await;
        assert_eq!(page.status, 200, "{}", page.body);
        seen.extend(page.body["items"].as_array().unwrap().iter().cloned());
        if !page.body["has_more"].as_bool().unwrap() {
            return seen;
        }
        cursor = page.body["next_cursor"].as_str().map(str::to_owned);
    }
}

fn summary(changes: &[Value]) -> Vec<(String, String)> {
    changes
        .iter()
        .map(|c| {
            let kind = c["entity_type"].as_str().unwrap().to_owned();
            (kind, c["action"].as_str().unwrap().to_owned())
        })
        .collect()
}

fn of_entity<'a>(changes: &'a [Value], id: &str) -> Vec<&'a Value> {
    changes.iter().filter(|c| c["entity_id"] == id).collect()
}

backend_test!(each_caller_reads_its_own_changes_in_commit_order, |app| {
    let p = common::province(&app).await;
    let (own, foreign) = tasks_a_and_b(&app, &p).await;
    let path = format!("/api/v1/tasks/{own}");
    let renamed = app
        .patch(&path, Some(&p.admin), json!({"title": "Rà soát lần hai"}))
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);

    let staff_a = read_all(&app, &p.staff_a, "", 200).await;
    assert_eq!(
        summary(&staff_a),
        [
            ("agency", "agency.create"),
            ("directive", "directive.create"),
            ("task", "task.create"),
            ("task", "task.update"),
        ]
        .map(|(k, a)| (k.to_owned(), a.to_owned())),
        "the division's staff sees its own agency, the directive and its task: {staff_a:#?}"
    );
    assert_eq!(staff_a[0]["entity_id"], p.division_a.as_str());
    let task_changes = of_entity(&staff_a, &own);
    assert_eq!(task_changes[0]["version"], 1);
    assert_eq!(task_changes[1]["version"], 2);
    // Each change carries the task as it is now.
    assert_eq!(task_changes[0]["entity"]["title"], "Rà soát lần hai");
    assert_eq!(task_changes[1]["href"], path.as_str());
    assert!(of_entity(&staff_a, &foreign).is_empty());

    // Reading one at a time gives the same changes, in the same order.
    let one_by_one = read_all(&app, &p.staff_a, "", 1).await;
    let ids =
        |changes: &[Value]| -> Vec<Value> { changes.iter().map(|c| c["id"].clone()).collect() };
    assert_eq!(ids(&one_by_one), ids(&staff_a));

    let admin = read_all(&app, &p.admin, "&types=task", 200).await;
    assert_eq!(admin.len(), 3, "{admin:#?}");
    assert_eq!(of_entity(&admin, &foreign).len(), 1);

    // Reading on from the last cursor waits for the next change, then shows only it.
    let last = staff_a.last().unwrap()["id"].as_str().unwrap().to_owned();
    let idle = app
        .get(&format!("{FEED}?after={last}"), Some(&p.staff_a))
        .await;
    assert_eq!(idle.body["items"], json!([]));
    assert_eq!(idle.body["next_cursor"], last.as_str());
    let report = app
        .post(
            &format!("/api/v1/tasks/{own}/reports"),
            Some(&p.staff_a),
            json!({"period": "2026-Q4", "body": "Đã rà soát"}),
        )
        .await;
    assert_eq!(report.status, 201, "{}", report.body);
    let next = app
        .get(&format!("{FEED}?after={last}"), Some(&p.staff_a))
        .await;
    assert_eq!(
        summary(next.body["items"].as_array().unwrap()),
        [("report".to_owned(), "report.create".to_owned())]
    );
    assert_eq!(next.body["items"][0]["entity"]["status"], "draft");
});

backend_test!(
    another_subtrees_cursor_is_refused_like_an_unknown_one,
    |app| {
        let p = common::province(&app).await;
        tasks_a_and_b(&app, &p).await;
        let staff_b = read_all(&app, &p.staff_b, "", 200).await;
        let foreign = staff_b.iter().find(|c| c["entity_type"] == "task").unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let refused = app
            .get(&format!("{FEED}?after={foreign}"), Some(&p.staff_a))
            .await;
        refused.assert_problem(422);
        let unknown = app
            .get(
                &format!("{FEED}?after={}", uuid::Uuid::now_v7()),
                Some(&p.staff_a),
            )
            .await;
        unknown.assert_problem(422);
        assert_eq!(refused.body, unknown.body);
        assert_eq!(refused.error_fields(), ["after"]);

        // A deletion reaches only those who saw the agency, as a tombstone.
        let gone = app
            .create_agency(&p.admin, "DEPT-A-TEMP", Some(&p.dept_a))
            .await;
        let removed = app
            .delete(&format!("/api/v1/agencies/{gone}"), Some(&p.admin))
            .await;
        assert_eq!(removed.status, 204, "{}", removed.body);
        let manager_a = read_all(&app, &p.manager_a, "&types=agency", 200).await;
        let tombstone = of_entity(&manager_a, &gone);
        assert_eq!(
            tombstone.len(),
            1,
            "the creation of a deleted agency is not shown: {manager_a:#?}"
        );
        assert_eq!(tombstone[0]["action"], "agency.delete");
        assert_eq!(tombstone[0]["deleted"], true);
        assert!(tombstone[0]["entity"].is_null());
        let manager_b = read_all(&app, &p.manager_b, "&types=agency", 200).await;
        assert!(of_entity(&manager_b, &gone).is_empty());
    }
);

backend_test!(bad_feed_queries_are_refused_with_the_field, |app| {
    let p = common::province(&app).await;
    for (query, field) in [
        ("types=task,user", "types"),
        ("types=task,,report", "types"),
        ("types=", "types"),
        ("limit=0", "limit"),
        ("limit=201", "limit"),
    ] {
        let refused = app.get(&format!("{FEED}?{query}"), Some(&p.staff_a)).await;
        refused.assert_problem(422);
        assert_eq!(refused.error_fields(), [field], "{query}: {}", refused.body);
    }
    let malformed = app.get(&format!("{FEED}?after=12"), Some(&p.staff_a)).await;
    malformed.assert_problem(422);
    app.get(FEED, None).await.assert_problem(401);
});

backend_test!(a_cursor_older_than_retention_is_gone, |app| {
    let p = common::province(&app).await;
    let first = read_all(&app, &p.admin, "", 200).await;
    let cursor = first[0]["id"].as_str().unwrap().to_owned();
    let before = chrono::Utc::now().naive_utc() + chrono::Duration::seconds(1);
    let removed = {
        let mut conn = app.pool.get().unwrap();
        defense_compliance::db::write_transaction(&mut conn, |c| {
            defense_compliance::changes::outbox::prune(c, before)
        })
        .unwrap()
    };
    assert_eq!(removed, first.len());
    let gone = app
        .get(&format!("{FEED}?after={cursor}"), Some(&p.admin))
        .await;
    gone.assert_problem(410);
    assert!(read_all(&app, &p.admin, "", 200).await.is_empty());
    app.create_agency(&p.admin, "DEPT-C", None).await;
    let fresh = read_all(&app, &p.admin, "", 200).await;
    assert_eq!(
        summary(&fresh),
        [("agency".to_owned(), "agency.create".to_owned())]
    );
});

backend_test!(
    concurrent_writers_never_make_the_reader_skip_a_change,
    |app| {
        let p = common::province(&app).await;
        let (own, foreign) = tasks_a_and_b(&app, &p).await;
        let start = read_all(&app, &p.admin, "&types=task", 200).await;
        let cursor = start.last().unwrap()["id"].as_str().unwrap().to_owned();
        let done = Cell::new(false);
        let writers = async {
            let edits = (0..24).map(|n| {
                let task = if n % 2 == 0 { &own } else { &foreign };
                let body = json!({"title": format!("Sửa lần {n}")});
                let path = format!("/api/v1/tasks/{task}");
                let app = &app;
                let admin = &p.admin;
                async move { app.patch(&path, Some(admin), body).await.status }
            });
            let statuses = futures_util::future::join_all(edits).await;
            done.set(true);
            statuses
        };
        let reader = async {
            let mut seen: Vec<Value> = Vec::new();
            let mut cursor = cursor.clone();
            loop {
                let finished = done.get();
                let page = app
                    .get(
                        &format!("{FEED}?types=task&limit=5&after={cursor}"),
                        Some(&p.admin),
                    )
                    .await;
                assert_eq!(page.status, 200, "{}", page.body);
                seen.extend(page.body["items"].as_array().unwrap().iter().cloned());
                cursor = page.body["next_cursor"].as_str().unwrap().to_owned();
                if finished && !page.body["has_more"].as_bool().unwrap() {
                    return seen;
                }
            }
        };
        let (statuses, seen) = futures_util::future::join(writers, reader).await;
        assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
        let ids: Vec<&str> = seen.iter().map(|c| c["id"].as_str().unwrap()).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "a change was repeated");
        assert_eq!(ids.len(), 24, "a change was skipped: {seen:#?}");
        // Per task, the versions come in order, each once.
        for task in [&own, &foreign] {
            let versions: Vec<i64> = of_entity(&seen, task)
                .iter()
                .map(|c| c["version"].as_i64().unwrap())
                .collect();
            assert_eq!(versions, (2..=13).collect::<Vec<_>>(), "{task}");
        }
    }
);

backend_test!(a_client_follows_only_the_kinds_its_scopes_read, |app| {
    use crate::api_clients::client_token;
    let p = common::province(&app).await;
    let (own, foreign) = tasks_a_and_b(&app, &p).await;
    let scopes = json!(["changes:read", "tasks:read"]);
    let bearer = client_token(&app, &p.manager_a, &p.dept_a, scopes).await;

    let seen = read_all(&app, &bearer, "", 200).await;
    assert_eq!(
        summary(&seen),
        [("directive", "directive.create"), ("task", "task.create")]
            .map(|(k, a)| (k.to_owned(), a.to_owned())),
        "no agencies without agencies:read, no other department's task: {seen:#?}"
    );
    assert_eq!(seen[1]["entity_id"], own.as_str());
    assert!(of_entity(&seen, &foreign).is_empty());
    let refused = app
        .get(&format!("{FEED}?types=task,assessment"), Some(&bearer))
        .await;
    refused.assert_problem(403);
    assert_eq!(refused.body["error"], "insufficient_scope");

    // Without changes:read the feed is closed.
    let narrow = client_token(&app, &p.manager_a, &p.dept_a, json!(["tasks:read"])).await;
    app.get(FEED, Some(&narrow)).await.assert_problem(403);
});
