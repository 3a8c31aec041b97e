//! Yearly supervision plans through the real App: drafted and approved by those who form the
//! body's delegations, read by the province and the body's own subtree, and refused with
//! nothing written when an item is wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::delegations::{body, members, setup};

use serde_json::{json, Value};

fn plan(body: &str, directive: &str, subjects: &[&str]) -> Value {
    json!({
        "year": 2018,
        "body_agency_id": body,
        "title": "Kế hoạch kiểm tra, giám sát năm 2018",
        "items": [{
            "topic": "Giám sát việc thực hiện Nghị quyết 28-NQ/TW",
            "kind": "supervision",
            "planned_month": 7,
            "legal_bases": [directive],
            "subject_ids": subjects
        }]
    })
}

fn items(list: &Value) -> usize {
    list["items"].as_array().unwrap().len()
}

backend_test!(a_body_plans_its_year_and_approves_the_plan, |app| {
    let s = setup(&app).await;
    let (a, b) = (s.p.dept_a.as_str(), s.p.dept_b.as_str());
    let plans = "/api/v1/supervision-plans";
    let created = app
        .post(
            plans,
            Some(&s.supervisor),
            plan(&s.lead, &s.directive, &[a, b]),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["status"], "draft");
    let path = format!("{plans}/{}", created.id());
    // One plan per body and year; bad items are refused with nothing written.
    app.post(
        plans,
        Some(&s.supervisor),
        plan(&s.lead, &s.directive, &[a]),
    )
    .await
    .assert_problem(409);
    let mut bad = plan(&s.lead, &s.directive, &[a, a]);
    bad["items"][0]["planned_month"] = json!(13);
    let refused = app.post(plans, Some(&s.supervisor), bad).await;
    refused.assert_problem(422);
    assert_eq!(
        refused.error_fields(),
        vec!["items[0].planned_month", "items[0].subject_ids[1]"]
    );
    let mut wrong = plan(&s.lead, &s.p.dept_b, &[&s.lead]);
    wrong["year"] = json!(2019);
    let refused = app.post(plans, Some(&s.supervisor), wrong).await;
    assert_eq!(
        refused.error_fields(),
        vec!["items[0].legal_bases[0]", "items[0].subject_ids[0]"]
    );
    assert_eq!(app.count("supervision_plans"), 1);
    // A manager plans for its own agency and subtree only.
    let own = plan(a, &s.directive, &[&s.p.division_a]);
    let manager_plan = app.post(plans, Some(&s.p.manager_a), own).await;
    assert_eq!(manager_plan.status, 201, "{}", manager_plan.body);
    let foreign = app
        .post(
            plans,
            Some(&s.p.manager_a),
            plan(&s.lead, &s.directive, &[a]),
        )
        .await;
    assert_eq!(foreign.error_fields(), vec!["body_agency_id"]);
    app.post(
        plans,
        Some(&s.p.staff_a),
        plan(a, &s.directive, &[&s.p.division_a]),
    )
    .await
    .assert_problem(403);
    // The province and the body's subtree read a plan; others find nothing.
    assert_eq!(app.get(&path, Some(&s.viewer)).await.status, 200);
    app.get(&path, Some(&s.p.manager_b))
        .await
        .assert_problem(404);
    let mine = format!("{plans}/{}", manager_plan.id());
    app.get(&mine, Some(&s.p.staff_a)).await.assert_problem(404);
    assert_eq!(items(&app.get(plans, Some(&s.p.manager_a)).await.body), 1);
    assert_eq!(items(&app.get(plans, Some(&s.p.manager_b)).await.body), 0);
    let by_year = app
        .get(&format!("{plans}?year=2018"), Some(&s.supervisor))
        .await;
    assert_eq!(items(&by_year.body), 2);
    app.get(&format!("{plans}?year=1999"), Some(&s.supervisor))
        .await
        .assert_problem(422);
    // A draft changes over its version; an approved plan does not.
    let stale = app
        .call(
            actix_web::test::TestRequest::patch()
                .uri(&path)
                .insert_header(("authorization", format!("Bearer {}", s.supervisor)))
                .insert_header(("if-match", "\"7\""))
                .set_json(json!({"title": "Kế hoạch năm 2018 (sửa đổi)"})),
        )
        .await;
    stale.assert_problem(412);
    app.patch(&path, Some(&s.viewer), json!({"title": "x"}))
        .await
        .assert_problem(403);
    let renamed = app
        .patch(
            &path,
            Some(&s.supervisor),
            json!({"title": "Kế hoạch năm 2018 (sửa đổi)"}),
        )
        .await;
    assert_eq!(renamed.body["version"], 2, "{}", renamed.body);
    let approved = app
        .post(&format!("{path}/approve"), Some(&s.supervisor), json!({}))
        .await;
    assert_eq!(approved.body["status"], "approved", "{}", approved.body);
    app.patch(&path, Some(&s.supervisor), json!({"title": "y"}))
        .await
        .assert_problem(409);
    app.post(&format!("{path}/approve"), Some(&s.supervisor), json!({}))
        .await
        .assert_problem(409);
    // A delegation carries out an approved plan of its own leading body.
    let formed = |plan: String| {
        let mut formed = body(&s, members(&s));
        formed["plan_id"] = json!(plan);
        formed
    };
    let draft = app
        .post(
            "/api/v1/delegations",
            Some(&s.supervisor),
            formed(manager_plan.id()),
        )
        .await;
    assert_eq!(draft.error_fields(), vec!["plan_id"]);
    let delegation = app
        .post(
            "/api/v1/delegations",
            Some(&s.supervisor),
            formed(created.id()),
        )
        .await;
    assert_eq!(delegation.status, 201, "{}", delegation.body);
    assert_eq!(delegation.body["plan_id"], created.id());
});
