//! A delegation's level (central, province, grassroots) through the real App: taken from the
//! leading agency unless the decision names it, and setting the longest field work from the
//! time limit of that level, which an admin may change.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::delegations::{body, members, setup};

use serde_json::json;

backend_test!(
    the_level_sets_the_longest_field_work_and_defaults_from_the_leading_agency,
    |app| {
        let s = setup(&app).await;
        let commune = app
            .post(
                "/api/v1/agencies",
                Some(&s.p.admin),
                json!({"code": "XA-A", "name": "Đảng ủy xã A", "kind": "commune"}),
            )
            .await
            .id();
        // Led by a commune, 41 days of field work exceed the grassroots limit of 20 days.
        let mut grassroots = body(&s, members(&s));
        grassroots["leading_agency_id"] = json!(commune);
        let refused = app
            .post(
                "/api/v1/delegations",
                Some(&s.supervisor),
                grassroots.clone(),
            )
            .await;
        refused.assert_problem(422);
        assert_eq!(refused.error_fields(), vec!["field_work_to"]);
        assert!(
            refused.body.to_string().contains("20 days"),
            "{}",
            refused.body
        );
        let mut unknown = body(&s, members(&s));
        unknown["level"] = json!("district");
        app.post("/api/v1/delegations", Some(&s.supervisor), unknown)
            .await
            .assert_problem(422);
        assert_eq!(app.count("delegations"), 0);

        // The time limit of the level is the province's to change.
        let limits = app.get("/api/v1/time-limits", Some(&s.p.staff_a)).await;
        let count_of = |code: &str| {
            limits
                .body
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["code"] == code)
                .unwrap()["count"]
                .clone()
        };
        assert_eq!(
            (
                count_of("field_work_central"),
                count_of("field_work"),
                count_of("field_work_grassroots")
            ),
            (json!(60), json!(45), json!(20))
        );
        let set = app
            .put(
                "/api/v1/time-limits/field_work_grassroots",
                Some(&s.p.admin),
                json!({"count": 45, "source": "Quyết định 12/2026/QĐ-UBND"}),
            )
            .await;
        assert_eq!(set.status, 200, "{}", set.body);
        let created = app
            .post("/api/v1/delegations", Some(&s.supervisor), grassroots)
            .await;
        assert_eq!(created.status, 201, "{}", created.body);
        assert_eq!(created.body["level"], "grassroots");

        // A department's delegation is province-level unless its decision says central.
        let province = app
            .post(
                "/api/v1/delegations",
                Some(&s.supervisor),
                body(&s, members(&s)),
            )
            .await;
        assert_eq!(province.body["level"], "province", "{}", province.body);
        let mut long = body(&s, members(&s));
        long["field_work_to"] = json!("2018-09-15");
        app.post("/api/v1/delegations", Some(&s.supervisor), long.clone())
            .await
            .assert_problem(422);
        long["level"] = json!("central");
        long["decision_number"] = json!("126-QĐ/TU");
        let central = app
            .post("/api/v1/delegations", Some(&s.supervisor), long)
            .await;
        assert_eq!(central.status, 201, "{}", central.body);
        assert_eq!(central.body["level"], "central");

        // A new level is checked against its own limit; nothing is written when it fails.
        let path = format!("/api/v1/delegations/{}", province.id());
        let before = app.count("audit_events");
        app.put(
            "/api/v1/time-limits/field_work_grassroots",
            Some(&s.p.admin),
            json!({"count": 20, "source": "Quyết định 331-QĐ/TW"}),
        )
        .await;
        let before = (before + 1, app.get(&path, Some(&s.supervisor)).await.body);
        let too_long = app
            .patch(&path, Some(&s.supervisor), json!({"level": "grassroots"}))
            .await;
        too_long.assert_problem(422);
        assert_eq!(too_long.error_fields(), vec!["field_work_to"]);
        app.patch(&path, Some(&s.outsider), json!({"level": "grassroots"}))
            .await
            .assert_problem(404);
        assert_eq!(
            (
                app.count("audit_events"),
                app.get(&path, Some(&s.supervisor)).await.body
            ),
            before
        );
        let shorter = app
            .patch(
                &path,
                Some(&s.supervisor),
                json!({"level": "grassroots", "field_work_to": "2018-08-08"}),
            )
            .await;
        assert_eq!(shorter.status, 200, "{}", shorter.body);
        assert_eq!(shorter.body["level"], "grassroots");
    }
);
