//! The dashboard's campaign, delegation and recommendation figures through the real App,
//! counted inside the caller's scope.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};

use crate::common::{self, campaigns, TestApp};
use crate::conclusions::sent_conclusion;
use crate::delegations::setup;

fn total(states: &Value) -> i64 {
    states
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_i64().unwrap())
        .sum()
}

/// Sets a column of one row directly: the workflows that lead there are tested elsewhere.
fn set(app: &TestApp, sql: &str) {
    use diesel::RunQueryDsl;
    let mut conn = app.pool.get().expect("connection");
    diesel::sql_query(sql).execute(&mut *conn).expect(sql);
}

backend_test!(
    a_years_campaign_counts_the_scopes_registrations_and_ratings,
    |app| {
        let p = common::province(&app).await;
        let sup = campaigns::supervisor(&app).await;
        let (campaign, assessment) = campaigns::open_with_a_registered(&app, &p, &sup).await;
        let period = format!("/api/v1/dashboard?period={}", campaigns::year());
        let admin = app.get(&period, Some(&p.admin)).await;
        assert_eq!(admin.status, 200, "{}", admin.body);
        let expected = |registrations: i64, submitted: i64, ratings: Value| {
            json!([{"campaign_id": campaign, "name": admin.body["current"]["campaigns"][0]["name"],
                "registrations": registrations, "submitted": submitted,
                "decided": total(&ratings), "ratings": ratings}])
        };
        assert_eq!(
            admin.body["current"]["campaigns"],
            expected(1, 0, json!({}))
        );
        assert_eq!(admin.body["previous_year"]["campaigns"], json!([]));
        let b = app.get(&period, Some(&p.manager_b)).await;
        assert_eq!(b.body["current"]["campaigns"], expected(0, 0, json!({})));
        set(&app, &format!("UPDATE assessments SET status = 'decided', rating = 'good' WHERE id = '{assessment}'"));
        let decided = app.get(&period, Some(&p.manager_a)).await;
        assert_eq!(
            decided.body["current"]["campaigns"],
            expected(1, 1, json!({"good": 1}))
        );
        let b = app.get(&period, Some(&p.manager_b)).await;
        assert_eq!(b.body["current"]["campaigns"], expected(0, 0, json!({})));
    }
);

backend_test!(
    delegations_and_recommendations_are_counted_for_their_subjects,
    |app| {
        let s = setup(&app).await;
        let (delegation, conclusion) = sent_conclusion(&app, &s).await;
        app.post(
            &format!("{delegation}/end-field-work"),
            Some(&s.head),
            json!({}),
        )
        .await;
        let issued = app
            .post(
                &format!("{conclusion}/issue"),
                Some(&s.head),
                json!({"number": "127-KL/TU", "issued_on": "2018-08-31"}),
            )
            .await;
        assert_eq!(issued.status, 200, "{}", issued.body);
        // The recommendations were made when the conclusion was issued, in 2018.
        set(
            &app,
            "UPDATE recommendations SET created_at = '2018-09-01 02:00:00'",
        );
        let period = "/api/v1/dashboard?period=2018";
        let admin = app.get(period, Some(&s.p.admin)).await;
        let current = &admin.body["current"];
        assert_eq!(
            total(&current["delegations"]),
            1,
            "{}",
            current["delegations"]
        );
        assert_eq!(current["recommendations"], json!({"open": 2}));
        let subject = app.get(period, Some(&s.p.manager_a)).await;
        assert_eq!(
            subject.body["current"]["delegations"],
            current["delegations"]
        );
        assert_eq!(
            subject.body["current"]["recommendations"],
            json!({"open": 2})
        );
        // A division of the subject is not what the delegation supervised.
        let division = app.get(period, Some(&s.p.staff_a)).await;
        assert_eq!(division.body["current"]["delegations"], json!({}));
        assert_eq!(division.body["current"]["recommendations"], json!({}));
        // Department B is a subject of the delegation too, but received no recommendation.
        let b = app.get(period, Some(&s.p.manager_b)).await;
        assert_eq!(b.body["current"]["delegations"], current["delegations"]);
        assert_eq!(b.body["current"]["recommendations"], json!({}));
        let outsider = app.get(period, Some(&s.outsider)).await;
        assert_eq!(outsider.body["current"]["delegations"], json!({}));
        assert_eq!(outsider.body["current"]["recommendations"], json!({}));
        let later = app
            .get("/api/v1/dashboard?period=2019", Some(&s.p.admin))
            .await;
        assert_eq!(later.body["current"]["delegations"], json!({}));
        assert_eq!(
            later.body["previous_year"]["recommendations"],
            json!({"open": 2})
        );
    }
);

backend_test!(
    a_series_gives_each_months_figure_as_the_dashboard_counts_it,
    |app| {
        let p = common::province(&app).await;
        let d = common::fixtures::directive(&app, &p.admin).await;
        #[rustfmt::skip]
    let history = [
        ("2025-01-02", "2025-01-10", Some("2025-01-09")),
        ("2025-01-02", "2025-01-14", Some("2025-01-20")),
        ("2025-01-02", "2025-01-15", None),
        ("2025-01-02", "2025-03-01", Some("2025-02-20")),
    ];
        for (created, due, completed) in history {
            let body =
                common::fixtures::task_body(&d, &p.division_a, &common::fixtures::today_plus(30));
            let id = app.post("/api/v1/tasks", Some(&p.admin), body).await.id();
            let status = if completed.is_some() {
                "completed"
            } else {
                "in_progress"
            };
            let done = common::fixtures::History {
                created,
                due,
                completed,
                status,
            };
            common::fixtures::set_task_history(&app, &id, &done);
        }
        let series = |metric: &str, from: &str, to: &str| {
            format!(
                "/api/v1/dashboard/series?metric={metric}&granularity=month&from={from}&to={to}"
            )
        };
        let answer = app
            .get(&series("tasks", "2025-M01", "2025-M04"), Some(&p.manager_a))
            .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        let values = |body: &Value| -> Vec<(String, f64)> {
            body["points"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    (
                        p["period"].as_str().unwrap().to_owned(),
                        p["value"].as_f64().unwrap(),
                    )
                })
                .collect()
        };
        // January (15/12-14/01) holds the tasks due on the 10th and 14th; February the one due on
        // the 15th and the one due on the 14th, completed in February; March the one due 01/03 and
        // the open one, which April still carries.
        let months = ["2025-M01", "2025-M02", "2025-M03", "2025-M04"].map(str::to_owned);
        assert_eq!(
            values(&answer.body),
            months
                .iter()
                .cloned()
                .zip([2.0, 2.0, 2.0, 1.0])
                .collect::<Vec<_>>()
        );
        assert_eq!(answer.body["points"][1]["from"], "2025-01-15");
        for month in &months {
            let dashboard = app
                .get(
                    &format!("/api/v1/dashboard?period={month}"),
                    Some(&p.manager_a),
                )
                .await;
            let point = answer.body["points"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["period"] == month.as_str())
                .unwrap();
            assert_eq!(
                point["value"].as_f64(),
                dashboard.body["current"]["tasks"]["total"].as_f64()
            );
        }
        let late = app
            .get(&series("done_late", "2025-M01", "2025-M02"), Some(&p.admin))
            .await;
        // Completed after January's last day, the task due on the 14th is on track in January and
        // done late in February.
        assert_eq!(
            values(&late.body).iter().map(|v| v.1).collect::<Vec<_>>(),
            vec![0.0, 1.0]
        );
        let other = app
            .get(&series("tasks", "2025-M01", "2025-M04"), Some(&p.manager_b))
            .await;
        assert!(values(&other.body).iter().all(|v| v.1 == 0.0));
        let quarters =
            "/api/v1/dashboard/series?metric=tasks&granularity=quarter&from=2025-Q1&to=2025-Q2";
        let quarters = app.get(quarters, Some(&p.admin)).await;
        assert_eq!(
            values(&quarters.body),
            vec![("2025-Q1".to_owned(), 4.0), ("2025-Q2".to_owned(), 1.0)]
        );

        for (from, to, field) in [
            ("2025-Q1", "2025-M02", "from"),
            ("2025-M01", "2025", "to"),
            ("2025-M05", "2025-M01", "to"),
            ("2025-M01", "2028-M01", "to"),
            ("2025-M13", "2025-M01", "from"),
        ] {
            let refused = app.get(&series("tasks", from, to), Some(&p.admin)).await;
            refused.assert_problem(422);
            assert!(
                refused.error_fields().contains(&field.to_owned()),
                "{from} {to}: {}",
                refused.body
            );
        }
        let foreign = app
            .get(
                &format!(
                    "{}&agency_id={}",
                    series("tasks", "2025-M01", "2025-M02"),
                    p.dept_a
                ),
                Some(&p.manager_b),
            )
            .await;
        foreign.assert_problem(422);
        assert_eq!(foreign.error_fields(), vec!["agency_id"]);
        app.get(&series("colour", "2025-M01", "2025-M02"), Some(&p.admin))
            .await
            .assert_problem(422);
    }
);
