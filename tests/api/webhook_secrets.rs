//! Rotating a webhook's signing secret: both secrets sign during the overlap, the new one
//! alone after it; another department's webhook and a bad overlap change nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Duration;
use defense_compliance::domain::webhook::signature;
use serde_json::json;

use crate::common;
use crate::webhooks::{local_app, now, pass, settings, subscribe, Receiver};

#[actix_rt::test]
async fn a_rotated_secret_signs_beside_the_new_one_until_its_overlap_ends() {
    for database in common::test_databases() {
        let app = local_app(database).await;
        let p = common::province(&app).await;
        let receiver = Receiver::start();
        let (hook, old) = subscribe(&app, &p.admin, &receiver.url, json!(["agency.*"]), None).await;
        let path = format!("/api/v1/webhooks/{hook}/secret");
        let rotated = app
            .post(&path, Some(&p.admin), json!({"overlap_hours": 2}))
            .await;
        assert_eq!(rotated.status, 200, "{}", rotated.body);
        let new = rotated.body["secret"].as_str().unwrap().to_owned();
        assert_ne!(new, old);
        assert!(rotated.body["webhook"]["previous_secret_expires_at"].is_string());

        app.create_agency(&p.admin, "ROTATED-1", None).await;
        assert_eq!(pass(&app, &settings(8), now()).delivered, 1);
        let got = receiver.received()[0].clone();
        let sign = |secret: &str| {
            let timestamp = got.header("webhook-timestamp").parse().unwrap();
            signature(secret, got.header("webhook-id"), timestamp, &got.body).unwrap()
        };
        assert_eq!(
            got.header("webhook-signature"),
            format!("{} {}", sign(&new), sign(&old))
        );

        app.create_agency(&p.admin, "ROTATED-2", None).await;
        let later = now() + Duration::hours(3);
        assert_eq!(pass(&app, &settings(8), later).delivered, 1);
        let got = receiver.received()[1].clone();
        let timestamp = got.header("webhook-timestamp").parse().unwrap();
        let alone = signature(&new, got.header("webhook-id"), timestamp, &got.body).unwrap();
        assert_eq!(got.header("webhook-signature"), alone);
    }
}

#[actix_rt::test]
async fn another_departments_rotation_and_a_bad_overlap_change_nothing() {
    for database in common::test_databases() {
        let app = local_app(database).await;
        let p = common::province(&app).await;
        let receiver = Receiver::start();
        let (hook, _) = subscribe(
            &app,
            &p.manager_a,
            &receiver.url,
            json!(["task.*"]),
            Some(&p.dept_a),
        )
        .await;
        let before = app
            .get(&format!("/api/v1/webhooks/{hook}"), Some(&p.manager_a))
            .await;
        let missing = uuid::Uuid::now_v7();
        let foreign = app
            .post(
                &format!("/api/v1/webhooks/{hook}/secret"),
                Some(&p.manager_b),
                json!({}),
            )
            .await;
        let unknown = app
            .post(
                &format!("/api/v1/webhooks/{missing}/secret"),
                Some(&p.manager_b),
                json!({}),
            )
            .await;
        foreign.assert_problem(404);
        assert_eq!(foreign.body, unknown.body);
        let refused = app
            .post(
                &format!("/api/v1/webhooks/{hook}/secret"),
                Some(&p.manager_a),
                json!({"overlap_hours": 500}),
            )
            .await;
        refused.assert_problem(422);
        assert_eq!(refused.error_fields(), ["overlap_hours"]);
        let after = app
            .get(&format!("/api/v1/webhooks/{hook}"), Some(&p.manager_a))
            .await;
        assert_eq!(after.body["version"], before.body["version"]);
        assert!(after.body["previous_secret_expires_at"].is_null());
    }
}
