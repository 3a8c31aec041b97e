//! Splits (chia tách) through the real App: each share's successor takes the tasks named in it,
//! the main successor the rest and the accounts, as previewed; both successors inherit the
//! agency's history; malformed splits write nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};

use crate::common::{self, fixtures::today_plus};
use crate::reorganisations::task;

fn split(agency: &str, main: &str, shares: Value) -> Value {
    json!({"kind": "split", "decision_number": "140/QĐ-UBND", "decision_date": "2025-02-25",
        "effective_on": today_plus(0), "agency_ids": [agency], "successor_id": main,
        "shares": shares})
}

backend_test!(a_split_gives_each_successor_its_share, |app| {
    let admin = app.token_for("admin");
    let sup = app.insert_user("supervisor", "supervisor", None).1;
    let split_agency = app.create_agency(&admin, "SO-TTTT", None).await;
    let main = app.create_agency(&admin, "SO-KHCN", None).await;
    let other = app.create_agency(&admin, "SO-VHTTDL", None).await;
    let (staff_id, _) = app.insert_user("staff.tttt", "agency_staff", Some(&split_agency));
    let (_, other_manager) = app.insert_user("manager.vh", "agency_manager", Some(&other));
    let d = common::fixtures::directive(&app, &sup).await;
    let press = task(&app, &sup, &d, &split_agency, &[]).await;
    let rest = task(&app, &sup, &d, &split_agency, &[]).await;
    let finished = task(&app, &sup, &d, &split_agency, &[]).await;
    let cancel = format!("/api/v1/tasks/{finished}/cancel");
    assert_eq!(
        app.post(&cancel, Some(&sup), json!({"comment": "Dừng"}))
            .await
            .status,
        200
    );

    let body = split(
        &split_agency,
        &main,
        json!([{"successor_id": other, "task_ids": [press]}]),
    );
    let made = app.post("/api/v1/reorganisations", Some(&sup), body).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = made.id();
    let preview = app
        .post(
            &format!("/api/v1/reorganisations/{id}/preview"),
            Some(&sup),
            json!({}),
        )
        .await;
    let mut moved: Vec<(String, String)> = preview.body["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["task_id"].as_str().unwrap().to_owned(),
                t["to_agency_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    moved.sort();
    let mut expected = vec![(press.clone(), other.clone()), (rest.clone(), main.clone())];
    expected.sort();
    assert_eq!(moved, expected, "{}", preview.body);
    assert_eq!(preview.body["users"][0]["to_agency_id"], main.as_str());
    let applied = app
        .post(
            &format!("/api/v1/reorganisations/{id}/apply"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(applied.status, 200, "{}", applied.body);
    assert_eq!(applied.body["outcome"], preview.body);

    let lead = |task: String| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let read = app
                .get(&format!("/api/v1/tasks/{task}"), Some(&admin))
                .await;
            read.body["lead_agency_id"].as_str().unwrap().to_owned()
        }
    };
    assert_eq!(lead(press.clone()).await, other);
    assert_eq!(lead(rest.clone()).await, main);
    assert_eq!(lead(finished.clone()).await, split_agency);
    let staff = app
        .get(&format!("/api/v1/users/{staff_id}"), Some(&admin))
        .await;
    assert_eq!(staff.body["agency_id"], main.as_str());
    // The share's successor inherits the history too, and its lineage shows the split.
    let history = app
        .get(&format!("/api/v1/tasks/{finished}"), Some(&other_manager))
        .await;
    assert_eq!(history.status, 200, "{}", history.body);
    let lineage = app
        .get(
            &format!("/api/v1/agencies/{other}/lineage"),
            Some(&other_manager),
        )
        .await;
    let step = &lineage.body["predecessors"][0];
    assert_eq!(
        (&step["kind"], &step["to"]["id"]),
        (&json!("split"), &json!(main))
    );
    assert_eq!(step["also_to"][0]["id"], other.as_str());
    let forward = app
        .get(
            &format!("/api/v1/agencies/{split_agency}/lineage"),
            Some(&admin),
        )
        .await;
    assert_eq!(forward.body["successors"].as_array().unwrap().len(), 1);
});

backend_test!(malformed_splits_are_422_and_write_nothing, |app| {
    let admin = app.token_for("admin");
    let sup = app.insert_user("supervisor", "supervisor", None).1;
    let a = app.create_agency(&admin, "SO-A", None).await;
    let b = app.create_agency(&admin, "SO-B", None).await;
    let c = app.create_agency(&admin, "SO-C", None).await;
    let d = common::fixtures::directive(&app, &sup).await;
    let held = task(&app, &sup, &d, &a, &[]).await;
    let foreign = task(&app, &sup, &d, &c, &[]).await;
    let before = (app.count("reorganisations"), app.count("audit_events"));
    let share = |to: &str, tasks: Value| json!([{"successor_id": to, "task_ids": tasks}]);
    let mut merge_with_shares = crate::reorganisations::merge(&[&a], &b, &today_plus(0));
    merge_with_shares["shares"] = share(&c, json!([held]));
    let mut no_shares = split(&a, &b, json!(null));
    no_shares.as_object_mut().unwrap().remove("shares");
    let cases = [
        (merge_with_shares, "shares"),
        (no_shares, "shares"),
        (split(&a, &b, share(&b, json!([held]))), "shares"),
        (split(&a, &b, share(&c, json!([]))), "shares"),
        (
            split(
                &a,
                &b,
                json!([{"successor_id": c, "task_ids": [held]}, {"successor_id": c, "task_ids": [held]}]),
            ),
            "shares",
        ),
        (split(&a, &b, share(&c, json!([foreign]))), "shares"),
        (
            split(
                &a,
                &b,
                share(&uuid::Uuid::now_v7().to_string(), json!([held])),
            ),
            "shares",
        ),
    ];
    for (body, field) in cases {
        let refused = app
            .post("/api/v1/reorganisations", Some(&sup), body.clone())
            .await;
        refused.assert_problem(422);
        assert_eq!(refused.error_fields(), [field], "{body}");
    }
    assert_eq!(
        (app.count("reorganisations"), app.count("audit_events")),
        before
    );
});
