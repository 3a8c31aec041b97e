//! Renames (đổi tên) through the real App: the agency goes on under its new name, its records
//! stay with it, and its lineage keeps the name they were made under; malformed renames write
//! nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};

use crate::common::{self, fixtures::today_plus};
use crate::reorganisations::{merge, task};

fn rename(agency: &str, name: &str) -> Value {
    json!({"kind": "rename", "decision_number": "88/QĐ-UBND", "decision_date": "2025-02-20",
        "effective_on": today_plus(0), "agency_ids": [agency], "new_name": name,
        "new_short_name": "Sở KH&CN"})
}

backend_test!(
    a_rename_keeps_the_agency_and_remembers_its_former_name,
    |app| {
        let admin = app.token_for("admin");
        let sup = app.insert_user("supervisor", "supervisor", None).1;
        let created = app
        .post("/api/v1/agencies", Some(&admin), json!({"code": "SO-TTTT",
            "name": "Sở Thông tin và Truyền thông", "short_name": "Sở TT&TT", "kind": "department"}))
        .await;
        let agency = created.id();
        let (_, manager) = app.insert_user("manager.so", "agency_manager", Some(&agency));
        let d = common::fixtures::directive(&app, &sup).await;
        let open = task(&app, &sup, &d, &agency, &[]).await;

        let made = app
            .post(
                "/api/v1/reorganisations",
                Some(&sup),
                rename(&agency, "Sở Khoa học và Công nghệ"),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        assert_eq!(made.body["successor_id"], agency.as_str());
        let id = made.id();
        let preview = app
            .post(
                &format!("/api/v1/reorganisations/{id}/preview"),
                Some(&sup),
                json!({}),
            )
            .await;
        assert_eq!(preview.status, 200, "{}", preview.body);
        assert_eq!(
            preview.body["renamed"],
            json!({"agency_id": agency, "name_before": "Sở Thông tin và Truyền thông",
            "short_name_before": "Sở TT&TT", "name_after": "Sở Khoa học và Công nghệ",
            "short_name_after": "Sở KH&CN"})
        );
        assert_eq!(
            (&preview.body["tasks"], &preview.body["users"]),
            (&json!([]), &json!([]))
        );
        let applied = app
            .post(
                &format!("/api/v1/reorganisations/{id}/apply"),
                Some(&admin),
                json!({}),
            )
            .await;
        assert_eq!(applied.status, 200, "{}", applied.body);
        assert_eq!(applied.body["outcome"], preview.body);

        let now = app
            .get(&format!("/api/v1/agencies/{agency}"), Some(&manager))
            .await;
        assert_eq!(
            (
                &now.body["name"],
                &now.body["short_name"],
                &now.body["active"]
            ),
            (
                &json!("Sở Khoa học và Công nghệ"),
                &json!("Sở KH&CN"),
                &json!(true)
            )
        );
        let lineage = app
            .get(
                &format!("/api/v1/agencies/{agency}/lineage"),
                Some(&manager),
            )
            .await;
        assert_eq!(
            lineage.body["former_names"],
            json!([{"name": "Sở Thông tin và Truyền thông", "short_name": "Sở TT&TT",
            "valid_to": today_plus(-1), "reorganisation_id": id}])
        );
        assert_eq!(lineage.body["predecessors"], json!([]));
        // Its work and people stay where they are.
        let read = app
            .get(&format!("/api/v1/tasks/{open}"), Some(&manager))
            .await;
        assert_eq!(read.body["lead_agency_id"], agency.as_str());
        let found = app.get("/api/v1/agencies?q=khoa%20hoc", Some(&admin)).await;
        assert_eq!(found.body["items"][0]["id"], agency.as_str());
        app.post(
            &format!("/api/v1/reorganisations/{id}/apply"),
            Some(&admin),
            json!({}),
        )
        .await
        .assert_problem(409);
    }
);

backend_test!(malformed_renames_are_422_and_write_nothing, |app| {
    let admin = app.token_for("admin");
    let a = app.create_agency(&admin, "SO-A", None).await;
    let b = app.create_agency(&admin, "SO-B", None).await;
    let before = (app.count("reorganisations"), app.count("audit_events"));
    let mut with_successor = rename(&a, "Sở mới");
    with_successor["successor_id"] = json!(b);
    let mut nameless = rename(&a, "x");
    nameless.as_object_mut().unwrap().remove("new_name");
    nameless.as_object_mut().unwrap().remove("new_short_name");
    let mut named_merge = merge(&[&a], &b, &today_plus(0));
    named_merge["new_name"] = json!("Sở mới");
    let mut no_successor = merge(&[&a], &b, &today_plus(0));
    no_successor.as_object_mut().unwrap().remove("successor_id");
    let mut two = rename(&a, "Sở mới");
    two["agency_ids"] = json!([a, b]);
    let cases = [
        (with_successor, "successor_id"),
        (nameless, "new_name"),
        (rename(&a, "   "), "new_name"),
        (rename(&a, &"x".repeat(201)), "new_name"),
        (named_merge, "new_name"),
        (no_successor, "successor_id"),
        (two, "agency_ids"),
    ];
    for (body, field) in cases {
        let refused = app
            .post("/api/v1/reorganisations", Some(&admin), body.clone())
            .await;
        refused.assert_problem(422);
        assert_eq!(refused.error_fields(), [field], "{body}");
    }
    assert_eq!(
        (app.count("reorganisations"), app.count("audit_events")),
        before
    );
});
