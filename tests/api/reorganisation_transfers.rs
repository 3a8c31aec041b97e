//! Transfers of a function (điều chuyển chức năng) through the real App: a directive's open
//! tasks, or named tasks, go from one agency to another as previewed; both agencies go on, and
//! the receiving one gains no history; malformed transfers write nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};

use crate::common::{self, fixtures::today_plus, TestApp};
use crate::reorganisations::task;

fn transfer(from: &str, to: &str, function: Value) -> Value {
    let mut body = json!({"kind": "transfer", "decision_number": "310/QĐ-UBND",
        "decision_date": "2025-02-28", "effective_on": today_plus(0),
        "agency_ids": [from], "successor_id": to});
    for (key, value) in function.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

async fn lead_and_coordinators(app: &TestApp, token: &str, task: &str) -> (String, Vec<String>) {
    let read = app.get(&format!("/api/v1/tasks/{task}"), Some(token)).await;
    let coordinators = read.body["coordinating_agency_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    (
        read.body["lead_agency_id"].as_str().unwrap().to_owned(),
        coordinators,
    )
}

backend_test!(
    a_transfer_moves_a_directives_open_tasks_and_nothing_else,
    |app| {
        let admin = app.token_for("admin");
        let sup = app.insert_user("supervisor", "supervisor", None).1;
        let tttt = app.create_agency(&admin, "SO-TTTT", None).await;
        let police = app.create_agency(&admin, "CONG-AN-TINH", None).await;
        let other = app.create_agency(&admin, "SO-KHAC", None).await;
        let (staff_id, _) = app.insert_user("staff.tttt", "agency_staff", Some(&tttt));
        let (_, police_manager) = app.insert_user("manager.ca", "agency_manager", Some(&police));
        let security = common::fixtures::directive(&app, &sup).await;
        let press = app
            .post(
                "/api/v1/directives",
                Some(&sup),
                json!({"kind": "plan", "number": "12/KH-STTTT",
            "issuer": "Sở TT&TT", "issued_on": "2023-03-01", "title": "Quản lý báo chí năm 2023"}),
            )
            .await
            .id();
        let led = task(&app, &sup, &security, &tttt, &[]).await;
        let coordinated = task(&app, &sup, &security, &other, &[&tttt]).await;
        let elsewhere = task(&app, &sup, &press, &tttt, &[]).await;
        let finished = task(&app, &sup, &security, &tttt, &[]).await;
        let cancel = format!("/api/v1/tasks/{finished}/cancel");
        assert_eq!(
            app.post(&cancel, Some(&sup), json!({"comment": "Dừng"}))
                .await
                .status,
            200
        );

        let made = app
            .post(
                "/api/v1/reorganisations",
                Some(&sup),
                transfer(&tttt, &police, json!({"directive_id": security})),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        assert_eq!(made.body["directive_id"], security.as_str());
        let id = made.id();
        let preview = app
            .post(
                &format!("/api/v1/reorganisations/{id}/preview"),
                Some(&sup),
                json!({}),
            )
            .await;
        assert_eq!(preview.status, 200, "{}", preview.body);
        let mut moved: Vec<(String, String)> = preview.body["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["task_id"].as_str().unwrap().to_owned(),
                    t["role"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        moved.sort();
        let mut expected = vec![
            (led.clone(), "lead".to_owned()),
            (coordinated.clone(), "coordinator".to_owned()),
        ];
        expected.sort();
        assert_eq!(moved, expected);
        assert_eq!(preview.body["users"], json!([]));
        assert_eq!(preview.body["agencies_ending"], json!([]));
        let applied = app
            .post(
                &format!("/api/v1/reorganisations/{id}/apply"),
                Some(&admin),
                json!({}),
            )
            .await;
        assert_eq!(applied.status, 200, "{}", applied.body);
        assert_eq!(applied.body["outcome"], preview.body);

        assert_eq!(
            lead_and_coordinators(&app, &admin, &led).await,
            (police.clone(), vec![])
        );
        assert_eq!(
            lead_and_coordinators(&app, &admin, &coordinated).await,
            (other.clone(), vec![police.clone()])
        );
        assert_eq!(
            lead_and_coordinators(&app, &admin, &elsewhere).await.0,
            tttt
        );
        assert_eq!(lead_and_coordinators(&app, &admin, &finished).await.0, tttt);
        // Both agencies go on; the accounts stay; the receiver gains no history.
        let agency = app
            .get(&format!("/api/v1/agencies/{tttt}"), Some(&admin))
            .await;
        assert_eq!(agency.body["active"], true);
        let staff = app
            .get(&format!("/api/v1/users/{staff_id}"), Some(&admin))
            .await;
        assert_eq!(staff.body["agency_id"], tttt.as_str());
        let lineage = app
            .get(&format!("/api/v1/agencies/{police}/lineage"), Some(&admin))
            .await;
        assert_eq!(lineage.body["predecessors"], json!([]));
        for not_carried in [&elsewhere, &finished] {
            app.get(
                &format!("/api/v1/tasks/{not_carried}"),
                Some(&police_manager),
            )
            .await
            .assert_problem(404);
        }
        assert_eq!(
            app.get(&format!("/api/v1/tasks/{led}"), Some(&police_manager))
                .await
                .status,
            200
        );

        // Named tasks move alone.
        let named = app
            .post(
                "/api/v1/reorganisations",
                Some(&admin),
                transfer(&tttt, &police, json!({"task_ids": [elsewhere]})),
            )
            .await;
        assert_eq!(named.status, 201, "{}", named.body);
        let apply = format!("/api/v1/reorganisations/{}/apply", named.id());
        assert_eq!(app.post(&apply, Some(&admin), json!({})).await.status, 200);
        assert_eq!(
            lead_and_coordinators(&app, &admin, &elsewhere).await.0,
            police
        );
        assert_eq!(lead_and_coordinators(&app, &admin, &finished).await.0, tttt);
    }
);

backend_test!(malformed_transfers_are_422_and_write_nothing, |app| {
    let admin = app.token_for("admin");
    let sup = app.insert_user("supervisor", "supervisor", None).1;
    let tttt = app.create_agency(&admin, "SO-TTTT", None).await;
    let police = app.create_agency(&admin, "CONG-AN-TINH", None).await;
    let other = app.create_agency(&admin, "SO-KHAC", None).await;
    let d = common::fixtures::directive(&app, &sup).await;
    let foreign = task(&app, &sup, &d, &other, &[]).await;
    let unknown = uuid::Uuid::now_v7().to_string();
    let cases = [
        (transfer(&tttt, &police, json!({})), "task_ids"),
        (
            transfer(
                &tttt,
                &police,
                json!({"directive_id": d, "task_ids": [foreign]}),
            ),
            "task_ids",
        ),
        (
            transfer(
                &tttt,
                &police,
                json!({"directive_id": d, "accounts": "move"}),
            ),
            "accounts",
        ),
        (
            transfer(&tttt, &police, json!({"task_ids": []})),
            "task_ids",
        ),
        (
            transfer(&tttt, &police, json!({"task_ids": [foreign]})),
            "task_ids",
        ),
        (
            transfer(&tttt, &police, json!({"task_ids": [unknown]})),
            "task_ids",
        ),
        (
            transfer(&tttt, &police, json!({"directive_id": unknown})),
            "directive_id",
        ),
    ];
    for (body, field) in cases {
        let refused = app
            .post("/api/v1/reorganisations", Some(&sup), body.clone())
            .await;
        refused.assert_problem(422);
        assert_eq!(refused.error_fields(), [field], "{body}");
    }
    let mut two = transfer(&tttt, &police, json!({"directive_id": d}));
    two["agency_ids"] = json!([tttt, other]);
    let refused = app.post("/api/v1/reorganisations", Some(&sup), two).await;
    assert_eq!(refused.error_fields(), ["agency_ids"]);
    let mut merge = crate::reorganisations::merge(&[&tttt], &police, &today_plus(0));
    merge["directive_id"] = json!(d);
    let refused = app.post("/api/v1/reorganisations", Some(&sup), merge).await;
    assert_eq!(refused.error_fields(), ["directive_id"]);
    let listed = app.get("/api/v1/reorganisations", Some(&admin)).await;
    assert_eq!(listed.body["items"], json!([]));
    // A foreign task is refused like an unknown one.
    let (foreign_body, unknown_body) = (
        app.post(
            "/api/v1/reorganisations",
            Some(&sup),
            transfer(&tttt, &police, json!({"task_ids": [foreign]})),
        )
        .await
        .body,
        app.post(
            "/api/v1/reorganisations",
            Some(&sup),
            transfer(&tttt, &police, json!({"task_ids": [uuid::Uuid::nil()]})),
        )
        .await
        .body,
    );
    let message = |b: &Value| {
        b["errors"][0]["message"]
            .as_str()
            .unwrap()
            .split(' ')
            .skip(1)
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(message(&foreign_body), message(&unknown_body));
});
