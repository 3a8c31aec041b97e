//! The working-day calendar through the real App: defaults, an admin's year, due dates counted
//! on it, who may change it and what bad input is refused with.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use serde_json::{json, Value};

fn due_date(from: &str, working_days: i32) -> String {
    format!("/api/v1/calendar/due-date?from={from}&working_days={working_days}")
}

fn listed(calendar: &Value, date: &str) -> Option<Value> {
    calendar["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == date)
        .cloned()
}

backend_test!(
    a_year_starts_from_the_public_holidays_with_days_in_lieu,
    |app| {
        let p = common::province(&app).await;
        let year = app.get("/api/v1/calendar/2026", Some(&p.staff_a)).await;
        assert_eq!(year.status, 200, "{}", year.body);
        assert_eq!(year.header("etag").as_deref(), Some("\"0\""));
        assert_eq!(year.body["maintained"], false);
        assert_eq!(year.body["lunar_holidays_known"], true);
        assert_eq!(listed(&year.body, "2026-02-17").unwrap()["kind"], "day_off");
        // Giỗ Tổ Hùng Vương falls on Sunday 26/04/2026: the day off is Monday 27/04.
        assert!(listed(&year.body, "2026-04-26").is_none());
        assert!(listed(&year.body, "2026-04-27").unwrap()["name"]
            .as_str()
            .unwrap()
            .starts_with("Nghỉ bù"));
        let far = app.get("/api/v1/calendar/2040", Some(&p.staff_a)).await;
        assert_eq!(far.body["lunar_holidays_known"], false);
        app.get("/api/v1/calendar/1999", Some(&p.staff_a))
            .await
            .assert_problem(404);
        app.get("/api/v1/calendar/2026", None)
            .await
            .assert_problem(401);
        // Friday 13/02/2026, then Tết from Monday 16 to Friday 20.
        let due = app.get(&due_date("2026-02-13", 1), Some(&p.staff_a)).await;
        assert_eq!(due.status, 200, "{}", due.body);
        assert_eq!(due.body["due_on"], "2026-02-23");
        let back = app.get(&due_date("2026-02-23", -1), Some(&p.staff_a)).await;
        assert_eq!(back.body["due_on"], "2026-02-13");
        // Any year counts, on its defaults: 1/1/2000 is a Saturday, made up on Monday 3/1.
        let old = app.get(&due_date("1999-12-31", 1), Some(&p.staff_a)).await;
        assert_eq!(old.body["due_on"], "2000-01-04");
        // Across the new year: Thursday 31/12/2026 + 1 is Monday 04/01/2027 (1/1 is a Friday).
        let next = app.get(&due_date("2026-12-31", 1), Some(&p.staff_a)).await;
        assert_eq!(next.body["due_on"], "2027-01-04");
    }
);

backend_test!(an_admin_maintains_a_year_and_due_dates_follow_it, |app| {
    let p = common::province(&app).await;
    let defaults = app.get("/api/v1/calendar/2026", Some(&p.admin)).await;
    let mut days = defaults.body["days"].as_array().unwrap().clone();
    // The announcement adds the Friday before Tết and a Saturday worked in exchange.
    days.push(json!({"date": "2026-02-13", "kind": "day_off", "name": "Nghỉ Tết (bổ sung)"}));
    days.push(json!({"date": "2026-02-28", "kind": "working_day", "name": "Làm bù ngày 13/02"}));
    let audit_before = app.count("audit_events");
    let saved = app
        .call(
            actix_web::test::TestRequest::put()
                .uri("/api/v1/calendar/2026")
                .insert_header(("authorization", format!("Bearer {}", p.admin)))
                .insert_header(("if-match", "\"0\""))
                .set_json(json!({"days": days})),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(saved.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(saved.body["maintained"], true);
    assert_eq!(
        listed(&saved.body, "2026-02-28").unwrap()["kind"],
        "working_day"
    );
    assert_eq!(app.count("audit_events"), audit_before + 1);
    let read = app.get("/api/v1/calendar/2026", Some(&p.staff_b)).await;
    assert_eq!(read.body, saved.body);
    // Thursday 12/02 + 1 skips the new Friday off and Tết; + 5 reaches Saturday 28/02.
    let due = app.get(&due_date("2026-02-12", 1), Some(&p.staff_a)).await;
    assert_eq!(due.body["due_on"], "2026-02-23");
    let due = app.get(&due_date("2026-02-20", 6), Some(&p.staff_a)).await;
    assert_eq!(due.body["due_on"], "2026-02-28");
    // The defaults' ETag is stale now.
    let stale = app
        .call(
            actix_web::test::TestRequest::put()
                .uri("/api/v1/calendar/2026")
                .insert_header(("authorization", format!("Bearer {}", p.admin)))
                .insert_header(("if-match", "\"0\""))
                .set_json(json!({"days": []})),
        )
        .await;
    stale.assert_problem(412);
    let cleared = app
        .put("/api/v1/calendar/2026", Some(&p.admin), json!({"days": []}))
        .await;
    assert_eq!(cleared.body["version"], 2);
    assert_eq!(cleared.body["days"], json!([]));
    assert_eq!(cleared.body["working_day_count"], 261);
});

backend_test!(
    only_admins_change_the_calendar_and_bad_days_write_nothing,
    |app| {
        let p = common::province(&app).await;
        let mut tokens = vec![p.manager_a.clone(), p.staff_a.clone()];
        for role in ["supervisor", "inspector", "viewer"] {
            tokens.push(app.insert_user(role, role, None).1);
        }
        let body = json!({"days": [{"date": "2026-03-02", "kind": "day_off", "name": "Nghỉ"}]});
        for token in &tokens {
            app.put("/api/v1/calendar/2026", Some(token), body.clone())
                .await
                .assert_problem(403);
        }
        let audit_before = app.count("audit_events");
        let bad_bodies = [
            (
                json!({"days": [{"date": "2025-12-31", "kind": "day_off", "name": "x"}]}),
                "days[0].date",
            ),
            (
                json!({"days": [{"date": "2026-03-07", "kind": "day_off", "name": "x"}]}),
                "days[0].kind",
            ),
            (
                json!({"days": [{"date": "2026-03-06", "kind": "working_day", "name": "x"}]}),
                "days[0].kind",
            ),
            (
                json!({"days": [{"date": "2026-03-06", "kind": "day_off", "name": "  "}]}),
                "days[0].name",
            ),
            (
                json!({"days": [
                    {"date": "2026-03-06", "kind": "day_off", "name": "a"},
                    {"date": "2026-03-06", "kind": "day_off", "name": "b"}
                ]}),
                "days[1].date",
            ),
            (
                json!({"days": [{"date": "2026-03-06", "kind": "holiday", "name": "x"}]}),
                "body",
            ),
        ];
        for (body, field) in bad_bodies {
            let refused = app.put("/api/v1/calendar/2026", Some(&p.admin), body).await;
            refused.assert_problem(422);
            assert_eq!(
                refused.error_fields(),
                vec![field.to_owned()],
                "{}",
                refused.body
            );
        }
        app.put("/api/v1/calendar/1999", Some(&p.admin), json!({"days": []}))
            .await
            .assert_problem(404);
        assert_eq!(app.count("calendar_years"), 0);
        assert_eq!(app.count("calendar_days"), 0);
        assert_eq!(app.count("audit_events"), audit_before);
        for (query, field) in [
            ("from=2026-02-13&working_days=501", "working_days"),
            ("from=2026-02-30&working_days=1", "query"),
            ("from=2026-02-13", "query"),
        ] {
            let refused = app
                .get(
                    &format!("/api/v1/calendar/due-date?{query}"),
                    Some(&p.staff_a),
                )
                .await;
            refused.assert_problem(422);
            assert_eq!(
                refused.error_fields(),
                vec![field.to_owned()],
                "{query}: {}",
                refused.body
            );
        }
    }
);
