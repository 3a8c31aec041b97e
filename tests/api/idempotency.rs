//! Safe retries through the real App: a POST repeated with its `Idempotency-Key` gets the
//! first answer again and writes nothing more; the key with another request is 422, a repeat
//! while the first still runs 409, and each caller's keys are its own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::security_review::tasks_a_and_b;

use actix_web::test::TestRequest;
use chrono::{Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Integer, Nullable, Text, Timestamp};
use serde_json::{json, Value};

async fn post_with_key(
    app: &common::TestApp,
    uri: &str,
    token: &str,
    key: &str,
    body: Value,
) -> common::Resp {
    app.call(
        TestRequest::post()
            .uri(uri)
            .insert_header(("authorization", format!("Bearer {token}")))
            .insert_header(("idempotency-key", key))
            .set_json(body),
    )
    .await
}

/// A key held by `caller` since `at`, with `status` (none while the first request runs).
fn held_key(
    app: &common::TestApp,
    caller: &str,
    key: &str,
    status: Option<i32>,
    at: chrono::NaiveDateTime,
) {
    let mut conn = app.pool.get().unwrap();
    diesel::sql_query(
        "INSERT INTO idempotency_keys (caller_id, idempotency_key, request_hash, status, created_at) \
         VALUES ($1, $2, 'other', $3, $4)",
    )
    .bind::<Text, _>(caller)
    .bind::<Text, _>(key)
    .bind::<Nullable<Integer>, _>(status)
    .bind::<Timestamp, _>(at)
    .execute(&mut *conn)
    .unwrap();
}

backend_test!(
    a_repeated_post_gets_the_first_answer_and_writes_nothing_more,
    |app| {
        let p = common::province(&app).await;
        let (task, _) = tasks_a_and_b(&app, &p).await;
        let uri = format!("/api/v1/tasks/{task}/reports");
        let report = json!({"period": "2026-Q4", "body": "Đã triển khai kế hoạch"});
        let key = "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"";
        let first = post_with_key(&app, &uri, &p.staff_a, key, report.clone()).await;
        assert_eq!(first.status, 201, "{}", first.body);
        assert_eq!(first.header("idempotency-replayed"), None);
        let written = (app.count("reports"), app.count("audit_events"));
        // The connection dropped: the client sends the same request again.
        let again = post_with_key(&app, &uri, &p.staff_a, key, report.clone()).await;
        assert_eq!(again.status, 201);
        assert_eq!(
            again.header("idempotency-replayed").as_deref(),
            Some("true")
        );
        assert_eq!(again.body, first.body);
        assert_eq!(again.header("location"), first.header("location"));
        assert_eq!(again.header("etag"), first.header("etag"));
        assert_eq!((app.count("reports"), app.count("audit_events")), written);
        // The same key with another request is refused; another caller's key is its own.
        let other = json!({"period": "2026-Q4", "body": "Nội dung khác"});
        let reused = post_with_key(&app, &uri, &p.staff_a, key, other.clone()).await;
        reused.assert_problem(422);
        assert_eq!(reused.error_fields(), vec!["Idempotency-Key"]);
        let theirs = post_with_key(&app, &uri, &p.manager_a, key, other).await;
        assert_eq!(theirs.status, 201, "{}", theirs.body);
        assert_ne!(theirs.body["id"], first.body["id"]);
        // A refusal is an answer too: repeated, it is replayed rather than run again.
        let start = format!("/api/v1/tasks/{task}/start");
        let started = post_with_key(&app, &start, &p.staff_a, "start-1", json!({})).await;
        assert_eq!(started.status, 200, "{}", started.body);
        let retried = post_with_key(&app, &start, &p.staff_a, "start-1", json!({})).await;
        assert_eq!(
            (retried.status, retried.body.clone()),
            (200, started.body.clone())
        );
        let fresh = post_with_key(&app, &start, &p.staff_a, "start-2", json!({})).await;
        fresh.assert_problem(409);
        let fresh_again = post_with_key(&app, &start, &p.staff_a, "start-2", json!({})).await;
        assert_eq!(fresh_again.status, 409);
        assert_eq!(
            fresh_again.header("idempotency-replayed").as_deref(),
            Some("true")
        );
    }
);

backend_test!(
    a_key_still_running_is_409_a_stale_one_is_free_and_bad_keys_are_400,
    |app| {
        let p = common::province(&app).await;
        let (task, _) = tasks_a_and_b(&app, &p).await;
        let uri = format!("/api/v1/tasks/{task}/reports");
        let report = json!({"period": "2026-Q4", "body": "Đã triển khai"});
        let now = Utc::now().naive_utc();
        held_key(&app, &p.staff_a_id, "running", None, now);
        let before = app.count("reports");
        let busy = post_with_key(&app, &uri, &p.staff_a, "running", report.clone()).await;
        busy.assert_problem(409);
        assert!(busy.body["detail"]
            .as_str()
            .unwrap()
            .contains("still being processed"));
        // A first answer older than 24 hours, or a first request that died, frees its key.
        held_key(
            &app,
            &p.staff_a_id,
            "old",
            Some(201),
            now - Duration::hours(25),
        );
        held_key(
            &app,
            &p.staff_a_id,
            "died",
            None,
            now - Duration::minutes(10),
        );
        for key in ["old", "died"] {
            let ran = post_with_key(&app, &uri, &p.staff_a, key, report.clone()).await;
            assert_eq!(ran.status, 201, "{key}: {}", ran.body);
            assert_eq!(ran.header("idempotency-replayed"), None);
        }
        assert_eq!(app.count("reports"), before + 2);
        for bad in ["", &"k".repeat(256)] {
            let refused = post_with_key(&app, &uri, &p.staff_a, bad, report.clone()).await;
            refused.assert_problem(400);
        }
        assert_eq!(app.count("reports"), before + 2);
        // Without a valid token the key is not looked at: the answer is the usual 401.
        post_with_key(&app, &uri, "not-a-token", "any", report.clone())
            .await
            .assert_problem(401);
        // A token revoked since (its account deactivated) gets no replay of its earlier answer.
        let user = format!("/api/v1/users/{}", p.staff_a_id);
        let off = app
            .patch(&user, Some(&p.admin), json!({"active": false}))
            .await;
        assert_eq!(off.status, 200, "{}", off.body);
        post_with_key(&app, &uri, &p.staff_a, "old", report)
            .await
            .assert_problem(401);
    }
);

backend_test!(
    an_evidence_upload_repeated_with_its_key_stores_one_file,
    |app| {
        use crate::evidence::{multipart, BOUNDARY};
        let p = common::province(&app).await;
        let (task, _) = tasks_a_and_b(&app, &p).await;
        let report = app
            .post(
                &format!("/api/v1/tasks/{task}/reports"),
                Some(&p.staff_a),
                json!({"period": "2026-Q4", "body": "Kèm biên bản"}),
            )
            .await
            .id();
        let pdf = b"%PDF-1.4\n%% bien ban hop\n";
        let upload = || {
            TestRequest::post()
                .uri(&format!("/api/v1/reports/{report}/evidence"))
                .insert_header(("authorization", format!("Bearer {}", p.staff_a)))
                .insert_header(("idempotency-key", "upload-bien-ban-1"))
                .insert_header((
                    "content-type",
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                ))
                .set_payload(multipart("filename=\"bien-ban.pdf\"", pdf))
        };
        let first = app.call(upload()).await;
        assert_eq!(first.status, 201, "{}", first.body);
        let files = app.count("evidence");
        let again = app.call(upload()).await;
        assert_eq!(again.status, 201);
        assert_eq!(
            again.header("idempotency-replayed").as_deref(),
            Some("true")
        );
        assert_eq!(again.body["id"], first.body["id"]);
        assert_eq!(app.count("evidence"), files);
        let content = app
            .call(
                TestRequest::get()
                    .uri(&format!(
                        "/api/v1/evidence/{}/content",
                        first.body["id"].as_str().unwrap()
                    ))
                    .insert_header(("authorization", format!("Bearer {}", p.staff_a))),
            )
            .await;
        assert_eq!(content.status, 200);
    }
);
