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
