//! The province's time limits through the real App: read by everyone with their sources, set
//! by admins only with the rule that sets them, and counted with from then on.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::delegations::{body, members, setup};

use serde_json::json;

backend_test!(
    an_admin_sets_a_time_limit_that_later_decisions_count_with,
    |app| {
        let s = setup(&app).await;
        let list = app.get("/api/v1/time-limits", Some(&s.p.staff_a)).await;
        assert_eq!(list.status, 200, "{}", list.body);
        let comments = list
            .body
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["code"] == "comments")
            .unwrap();
        assert_eq!(comments["unit"], "working_days");
        assert_eq!(comments["count"], 5);
        assert_eq!(comments["changed"], false);
        assert!(comments["source"]
            .as_str()
            .unwrap()
            .contains("Luật Thanh tra 2025"));
        let field_work = "/api/v1/time-limits/field_work";
        let rule = json!({"count": 30, "source": "Quyết định 12/2026/QĐ-UBND"});
        // Only admins, with a count in the unit's range and a source; nothing written otherwise.
        app.put(field_work, Some(&s.supervisor), rule.clone())
            .await
            .assert_problem(403);
        let bad = app
            .put(
                field_work,
                Some(&s.p.admin),
                json!({"count": 400, "source": " "}),
            )
            .await;
        bad.assert_problem(422);
        assert_eq!(bad.error_fields(), vec!["count", "source"]);
        assert_eq!(app.count("time_limits"), 0);
        app.put(
            "/api/v1/time-limits/unknown",
            Some(&s.p.admin),
            rule.clone(),
        )
        .await
        .assert_problem(404);
        let set = app.put(field_work, Some(&s.p.admin), rule.clone()).await;
        assert_eq!(set.status, 200, "{}", set.body);
        assert_eq!(set.body["changed"], true);
        assert_eq!(set.body["default_count"], 45);
        assert_eq!(set.header("etag").as_deref(), Some("\"1\""));
        let stale = app
            .call(
                actix_web::test::TestRequest::put()
                    .uri(field_work)
                    .insert_header(("authorization", format!("Bearer {}", s.p.admin)))
                    .insert_header(("if-match", "\"0\""))
                    .set_json(rule),
            )
            .await;
        stale.assert_problem(412);
        // A delegation's 42 days of field work no longer fit.
        let refused = app
            .post(
                "/api/v1/delegations",
                Some(&s.supervisor),
                body(&s, members(&s)),
            )
            .await;
        refused.assert_problem(422);
        assert_eq!(refused.error_fields(), vec!["field_work_to"]);
    }
);
