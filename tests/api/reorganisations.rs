//! Reorganisations through the real App: a merge carries open work and accounts to the
//! successor exactly as previewed, once; refused events write nothing; lineage both ways.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};

use crate::common::{self, fixtures::today_plus, TestApp};

fn ids(value: &Value) -> Vec<String> {
    let mut ids: Vec<String> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

pub(crate) async fn task(
    app: &TestApp,
    token: &str,
    directive: &str,
    lead: &str,
    coordinators: &[&str],
) -> String {
    let mut body = common::fixtures::task_body(directive, lead, &today_plus(30));
    body["coordinating_agency_ids"] = json!(coordinators);
    let made = app.post("/api/v1/tasks", Some(token), body).await;
    assert_eq!(made.status, 201, "{}", made.body);
    made.id()
}

pub(crate) fn merge(sources: &[&str], successor: &str, effective_on: &str) -> Value {
    json!({"kind": "merge", "decision_number": "1234/QĐ-UBND", "decision_date": "2025-02-20",
           "effective_on": effective_on, "agency_ids": sources, "successor_id": successor})
}

backend_test!(
    a_merge_carries_open_work_and_accounts_as_previewed_once,
    |app| {
        let admin = app.token_for("admin");
        let sup = app.insert_user("supervisor", "supervisor", None).1;
        let tttt = app.create_agency(&admin, "SO-TTTT", None).await;
        let old = app.create_agency(&admin, "SO-KHCN-CU", None).await;
        let khcn = app.create_agency(&admin, "SO-KHCN", None).await;
        let other = app.create_agency(&admin, "SO-KHAC", None).await;
        let (_, staff) = app.insert_user("staff.tttt", "agency_staff", Some(&tttt));
        let d = common::fixtures::directive(&app, &sup).await;
        let open = task(&app, &sup, &d, &tttt, &[]).await;
        let cancelled = task(&app, &sup, &d, &tttt, &[]).await;
        let path = format!("/api/v1/tasks/{cancelled}/cancel");
        let done = app
            .post(&path, Some(&sup), json!({"comment": "Không còn phù hợp"}))
            .await;
        assert_eq!(done.status, 200, "{}", done.body);
        let coordinated = task(&app, &sup, &d, &other, &[&old, &khcn]).await;
        let both = task(&app, &sup, &d, &old, &[&tttt]).await;
        app.get(&format!("/api/v1/tasks/{open}"), Some(&staff))
            .await;

        let made = app
            .post(
                "/api/v1/reorganisations",
                Some(&admin),
                merge(&[&tttt, &old], &khcn, &today_plus(0)),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        assert_eq!(made.body["status"], "draft");
        let id = made.id();
        let preview = app
            .post(
                &format!("/api/v1/reorganisations/{id}/preview"),
                Some(&sup),
                json!({}),
            )
            .await;
        assert_eq!(preview.status, 200, "{}", preview.body);
        let moved: Vec<(String, String)> = preview.body["tasks"]
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
        assert_eq!(moved.len(), 4, "{moved:?}");
        assert!(
            !moved.iter().any(|(t, _)| t == &cancelled),
            "finished work stays"
        );
        assert_eq!(preview.body["users"][0]["username"], "staff.tttt");

        app.post(
            &format!("/api/v1/reorganisations/{id}/apply"),
            Some(&sup),
            json!({}),
        )
        .await
        .assert_problem(403);
        let applied = app
            .post(
                &format!("/api/v1/reorganisations/{id}/apply"),
                Some(&admin),
                json!({}),
            )
            .await;
        assert_eq!(applied.status, 200, "{}", applied.body);
        assert_eq!(
            applied.body["outcome"], preview.body,
            "the preview is what applying does"
        );
        assert_eq!(applied.body["reorganisation"]["status"], "applied");

        let get = |t: &str| format!("/api/v1/tasks/{t}");
        assert_eq!(
            app.get(&get(&open), Some(&admin)).await.body["lead_agency_id"],
            khcn.as_str()
        );
        assert_eq!(
            app.get(&get(&cancelled), Some(&admin)).await.body["lead_agency_id"],
            tttt.as_str()
        );
        let c = app.get(&get(&coordinated), Some(&admin)).await;
        assert_eq!(
            ids(&c.body["coordinating_agency_ids"]),
            std::slice::from_ref(&khcn)
        );
        let b = app.get(&get(&both), Some(&admin)).await;
        assert_eq!(
            (
                b.body["lead_agency_id"].as_str().unwrap(),
                b.body["coordinating_agency_ids"].clone()
            ),
            (khcn.as_str(), json!([]))
        );
        let ended = app
            .get(&format!("/api/v1/agencies/{tttt}"), Some(&admin))
            .await;
        assert_eq!(
            (ended.body["active"].clone(), ended.body["name"].clone()),
            (json!(false), json!("Cơ quan SO-TTTT"))
        );
        // Its last day is the day before the decision took effect.
        assert_eq!(ended.body["valid_to"], today_plus(-1));
        // The moved account now works for the successor.
        let me = app.get("/api/v1/me", Some(&staff)).await;
        assert_eq!(me.body["agency_id"], khcn.as_str());
        assert_eq!(app.get(&get(&open), Some(&staff)).await.status, 200);

        app.post(
            &format!("/api/v1/reorganisations/{id}/apply"),
            Some(&admin),
            json!({}),
        )
        .await
        .assert_problem(409);

        let lineage = app
            .get(&format!("/api/v1/agencies/{khcn}/lineage"), Some(&admin))
            .await;
        assert_eq!(lineage.status, 200, "{}", lineage.body);
        let step = &lineage.body["predecessors"][0];
        assert_eq!(step["decision_number"], "1234/QĐ-UBND");
        let from: Vec<&str> = step["from"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["code"].as_str().unwrap())
            .collect();
        assert_eq!(from.len(), 2);
        assert!(from.contains(&"SO-TTTT") && from.contains(&"SO-KHCN-CU"));
        let back = app
            .get(&format!("/api/v1/agencies/{tttt}/lineage"), Some(&admin))
            .await;
        assert_eq!(back.body["successors"][0]["to"]["code"], "SO-KHCN");
        assert_eq!(back.body["predecessors"], json!([]));
    }
);

backend_test!(refused_reorganisations_write_nothing, |app| {
    let p = common::province(&app).await;
    let admin = p.admin.clone();
    // Established on 01/06/2025 (Nghị quyết thành lập): nothing may end it before that.
    let a = app
        .post(
            "/api/v1/agencies",
            Some(&admin),
            json!({"code": "SO-A", "name": "Sở A",
            "kind": "department", "valid_from": "2025-06-01"}),
        )
        .await;
    assert_eq!(a.body["valid_from"], "2025-06-01");
    let a = a.id();
    let b = app.create_agency(&admin, "SO-B", None).await;
    let c = app.create_agency(&admin, "SO-C", None).await;
    let today = today_plus(0);
    let before = (app.count("reorganisations"), app.count("audit_events"));
    for (body, field) in [
        (merge(&[&a, &b], &b, &today), "successor_id"),
        (
            merge(&[&a], &uuid::Uuid::now_v7().to_string(), &today),
            "successor_id",
        ),
        (
            merge(&[&a, &uuid::Uuid::now_v7().to_string()], &c, &today),
            "agency_ids",
        ),
        (merge(&[&a, &a], &c, &today), "agency_ids"),
        (
            json!({"kind": "merge", "decision_number": "9/QĐ-UBND", "decision_date": "2019-12-01",
                "effective_on": "2020-01-01", "agency_ids": [a], "successor_id": c}),
            "effective_on",
        ),
        (merge(&[&a], &c, "2025-01-01"), "effective_on"),
        (
            json!({"kind": "dissolve", "decision_number": "12/QĐ-UBND", "decision_date": "2025-02-20",
                "effective_on": today, "agency_ids": [a, b], "successor_id": c}),
            "agency_ids",
        ),
        (
            json!({"kind": "merge", "decision_number": "QĐ 12", "decision_date": "2025-02-20",
                "effective_on": today, "agency_ids": [a], "successor_id": c}),
            "decision_number",
        ),
    ] {
        let refused = app
            .post("/api/v1/reorganisations", Some(&admin), body)
            .await;
        refused.assert_problem(422);
        assert_eq!(refused.error_fields(), [field], "{}", refused.body);
    }
    // Another department's agency is as unknown as a missing one; agency users may not prepare.
    app.post(
        "/api/v1/reorganisations",
        Some(&p.manager_a),
        merge(&[&p.division_a], &p.dept_a, &today),
    )
    .await
    .assert_problem(403);
    assert_eq!(
        (app.count("reorganisations"), app.count("audit_events")),
        before
    );

    // One agency ends once a day; an agency with units left cannot end; the future waits.
    let first = app
        .post(
            "/api/v1/reorganisations",
            Some(&admin),
            merge(&[&a], &c, &today),
        )
        .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let twice = app
        .post(
            "/api/v1/reorganisations",
            Some(&admin),
            merge(&[&a], &b, &today),
        )
        .await;
    twice.assert_problem(422);
    assert_eq!(twice.error_fields(), ["agency_ids"]);
    let parent = app
        .post(
            "/api/v1/reorganisations",
            Some(&admin),
            merge(&[&p.dept_b], &c, &today),
        )
        .await;
    let preview = format!("/api/v1/reorganisations/{}/preview", parent.id());
    app.post(&preview, Some(&admin), json!({}))
        .await
        .assert_problem(409);
    let later = app
        .post(
            "/api/v1/reorganisations",
            Some(&admin),
            merge(&[&b], &c, &today_plus(30)),
        )
        .await;
    let apply = format!("/api/v1/reorganisations/{}/apply", later.id());
    let scheduled = app.post(&apply, Some(&admin), json!({})).await;
    assert_eq!(
        (scheduled.status, scheduled.body["status"].clone()),
        (202, json!("scheduled"))
    );
    app.post(&apply, Some(&admin), json!({}))
        .await
        .assert_problem(409);
    assert_eq!(
        app.get(&format!("/api/v1/agencies/{b}"), Some(&admin))
            .await
            .body["active"],
        true
    );

    // Agency users neither list nor read them; a draft reads like a missing one.
    app.get("/api/v1/reorganisations", Some(&p.manager_a))
        .await
        .assert_problem(403);
    let draft = app
        .get(
            &format!("/api/v1/reorganisations/{}", first.id()),
            Some(&p.manager_a),
        )
        .await;
    let missing = app
        .get(
            &format!("/api/v1/reorganisations/{}", uuid::Uuid::now_v7()),
            Some(&p.manager_a),
        )
        .await;
    draft.assert_problem(404);
    assert_eq!(draft.body, missing.body);
    let listed = app.get("/api/v1/reorganisations", Some(&admin)).await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 3);
    // A lineage is read by those who see the agency.
    let foreign = app
        .get(
            &format!("/api/v1/agencies/{}/lineage", p.dept_b),
            Some(&p.manager_a),
        )
        .await;
    foreign.assert_problem(404);
    let own = app
        .get(
            &format!("/api/v1/agencies/{}/lineage", p.dept_a),
            Some(&p.manager_a),
        )
        .await;
    assert_eq!(own.body["predecessors"], json!([]));
});

backend_test!(
    a_scheduled_reorganisation_applies_itself_once_on_its_date,
    |app| {
        use defense_compliance::reorganisations::schedule::apply_due;
        let admin = app.token_for("admin");
        let sup = app.insert_user("supervisor", "supervisor", None).1;
        let ending = app.create_agency(&admin, "SO-D", None).await;
        let successor = app.create_agency(&admin, "SO-E", None).await;
        let d = common::fixtures::directive(&app, &sup).await;
        let open = task(&app, &sup, &d, &ending, &[]).await;
        let made = app
            .post(
                "/api/v1/reorganisations",
                Some(&sup),
                merge(&[&ending], &successor, &today_plus(2)),
            )
            .await;
        let id = made.id();
        let scheduled = app
            .post(
                &format!("/api/v1/reorganisations/{id}/apply"),
                Some(&admin),
                json!({}),
            )
            .await;
        assert_eq!(scheduled.status, 202, "{}", scheduled.body);
        let day =
            |offset| chrono::NaiveDate::parse_from_str(&today_plus(offset), "%Y-%m-%d").unwrap();
        let task_path = format!("/api/v1/tasks/{open}");
        assert_eq!(
            apply_due(&app.pool, day(1)).unwrap(),
            0,
            "not before its date"
        );
        assert_eq!(
            app.get(&task_path, Some(&admin)).await.body["lead_agency_id"],
            ending.as_str()
        );
        assert_eq!(apply_due(&app.pool, day(2)).unwrap(), 1);
        assert_eq!(
            app.get(&task_path, Some(&admin)).await.body["lead_agency_id"],
            successor.as_str()
        );
        assert_eq!(apply_due(&app.pool, day(3)).unwrap(), 0, "once");
        let read = app
            .get(&format!("/api/v1/reorganisations/{id}"), Some(&admin))
            .await;
        assert_eq!(read.body["status"], "applied");
        let events = app
            .get(
                &format!("/api/v1/audit-events?entity_id={open}"),
                Some(&admin),
            )
            .await;
        let actions: Vec<&str> = events.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert!(actions.contains(&"task.reorganise"), "{actions:?}");
    }
);

backend_test!(
    a_scheduled_reorganisation_does_not_apply_once_its_admin_is_demoted,
    |app| {
        use defense_compliance::reorganisations::schedule::apply_due;
        let admin = app.token_for("admin");
        let (second_id, second) = app.insert_user("admin.hai", "admin", None);
        let ending = app.create_agency(&admin, "SO-F", None).await;
        let successor = app.create_agency(&admin, "SO-G", None).await;
        let made = app
            .post(
                "/api/v1/reorganisations",
                Some(&second),
                merge(&[&ending], &successor, &today_plus(1)),
            )
            .await;
        let id = made.id();
        let apply = format!("/api/v1/reorganisations/{id}/apply");
        let scheduled = app.post(&apply, Some(&second), json!({})).await;
        assert_eq!(scheduled.status, 202, "{}", scheduled.body);
        let demoted = app
            .patch(
                &format!("/api/v1/users/{second_id}"),
                Some(&admin),
                json!({"role": "supervisor"}),
            )
            .await;
        assert_eq!(demoted.status, 200, "{}", demoted.body);
        let day = chrono::NaiveDate::parse_from_str(&today_plus(1), "%Y-%m-%d").unwrap();
        assert_eq!(apply_due(&app.pool, day).unwrap(), 0);
        let read = app
            .get(&format!("/api/v1/reorganisations/{id}"), Some(&admin))
            .await;
        assert_eq!(read.body["status"], "scheduled");
        assert_eq!(
            app.get(&format!("/api/v1/agencies/{ending}"), Some(&admin))
                .await
                .body["active"],
            true
        );
    }
);

backend_test!(a_dissolution_may_deactivate_the_accounts_it_ends, |app| {
    let admin = app.token_for("admin");
    let district = app.create_agency(&admin, "HUYEN-X", None).await;
    let province_body = app.create_agency(&admin, "UBND-TINH", None).await;
    let (_, staff) = app.insert_user("staff.huyen", "agency_staff", Some(&district));
    assert_eq!(app.get("/api/v1/me", Some(&staff)).await.status, 200);
    let body = json!({"kind": "dissolve", "decision_number": "1678/QĐ-UBND", "decision_date": "2025-06-20",
        "effective_on": today_plus(0), "agency_ids": [district], "successor_id": province_body,
        "accounts": "deactivate"});
    let made = app
        .post("/api/v1/reorganisations", Some(&admin), body)
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(made.body["accounts"], "deactivate");
    let id = made.id();
    let preview = app
        .post(
            &format!("/api/v1/reorganisations/{id}/preview"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(preview.body["users"][0]["action"], "deactivate");
    assert!(preview.body["users"][0]["to_agency_id"].is_null());
    let applied = app
        .post(
            &format!("/api/v1/reorganisations/{id}/apply"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(applied.status, 200, "{}", applied.body);
    assert_eq!(applied.body["outcome"], preview.body);
    app.get("/api/v1/me", Some(&staff))
        .await
        .assert_problem(401);
});
