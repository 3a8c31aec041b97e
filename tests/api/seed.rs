//! `seed-demo` loads the demo province on both backends, and a second run changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use defense_compliance::seed::seed_demo;
use serde_json::json;

backend_test!(seeding_twice_changes_nothing, |app| {
    let first = seed_demo(&app.pool).unwrap();
    assert!(
        first
            .iter()
            .any(|l| l.contains("demo.manager") && l.contains("password")),
        "{first:?}"
    );
    let counts = |app: &common::TestApp| {
        [
            "agencies",
            "users",
            "directives",
            "directive_bases",
            "tasks",
            "task_comments",
            "reports",
            "frameworks",
            "campaigns",
            "assessments",
            "audit_events",
            "delegations",
            "delegation_reports",
            "delegation_sessions",
            "recommendations",
        ]
        .map(|t| app.count(t))
    };
    let after_first = counts(&app);
    assert_eq!(after_first[0], 18);
    assert_eq!(
        after_first[2], 13,
        "twelve directives and the 2018 conclusion"
    );
    assert_eq!(after_first[4], 11, "six tasks and five recommendations");
    assert_eq!(
        after_first[11..],
        [2, 3, 2, 5],
        "two delegations part-way and concluded"
    );
    assert_eq!(
        after_first[6], 7,
        "two revisions of one report, a draft and four remedy reports"
    );
    assert_eq!(
        after_first[7..10],
        [2, 2, 2],
        "two templates, two years, one department"
    );
    let second = seed_demo(&app.pool).unwrap();
    assert!(
        second[7..]
            .iter()
            .all(|l| l.ends_with("exists; password unchanged")),
        "{second:?}"
    );
    assert_eq!(counts(&app), after_first);
    // The demo manager of Sở TT&TT sees its department's subtree only.
    let line = first
        .iter()
        .find(|l| l.starts_with("demo.manager "))
        .unwrap();
    let password = line.rsplit(' ').next().unwrap();
    let token = app.login("demo.manager", password).await;
    let list = app.get("/api/v1/agencies?limit=200", Some(&token)).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 6);
    // This year's campaign: the department's assessment is visible to its manager, and the
    // 2022 one holds the recognition decision.
    let campaigns = app.get("/api/v1/campaigns?year=2022", Some(&token)).await;
    let past = campaigns.body["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let overview = app
        .get(
            &format!("/api/v1/campaigns/{past}/assessments"),
            Some(&token),
        )
        .await;
    let row = &overview.body["items"][0];
    assert_eq!(
        (row["agency_code"].as_str(), row["rating"].as_str()),
        (Some("STTTT"), Some("excellent"))
    );
    let assessment = app
        .get(
            &format!(
                "/api/v1/assessments/{}",
                row["assessment_id"].as_str().unwrap()
            ),
            Some(&token),
        )
        .await;
    assert_eq!(assessment.body["review_total"], 93.0);
    assert_eq!(assessment.body["proposed_rating"], "excellent");
    // The 2018 supervision: its five recommendations carried out, late, in progress, cancelled.
    let followed = app
        .get("/api/v1/recommendations?limit=10", Some(&token))
        .await;
    let states: Vec<&str> = followed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        [
            "done_on_time",
            "done_late",
            "done_on_time",
            "overdue",
            "cancelled"
        ]
    );
    // The department recorded its plan to carry the conclusion out, in time.
    let first = &followed.body["items"][0];
    let conclusion = format!(
        "/api/v1/delegations/{}/subjects/{}/conclusion",
        first["delegation_id"].as_str().unwrap(),
        first["agency_id"].as_str().unwrap()
    );
    let concluded = app.get(&conclusion, Some(&token)).await;
    assert_eq!(
        concluded.body["implementation_plan"]["number"], "52/KH-STTTT",
        "{}",
        concluded.body
    );
    assert_eq!(concluded.body["implementation_plan_late"], false);
    // Each step happened on the story's own days, so nothing of 2018 is late or due in 2026.
    let c = &concluded.body;
    assert_eq!(
        [
            &c["comments_due_on"],
            &c["conclusion_due_on"],
            &c["draft_due_on"]
        ],
        ["2018-08-24", "2018-09-01", "2018-08-22"],
        "{c}"
    );
    assert_eq!(
        [&c["comments_late"], &c["conclusion_late"], &c["draft_late"]],
        [false, false, false]
    );
    let report = app
        .get(&conclusion.replace("/conclusion", "/report"), Some(&token))
        .await;
    assert_eq!(
        (&report.body["due_on"], &report.body["late"]),
        (&json!("2018-07-17"), &json!(false)),
        "{}",
        report.body
    );
    // The department reported on what it remedied; the supervisor accepted it.
    let remedies = app
        .get(
            &format!(
                "/api/v1/tasks/{}/reports",
                first["task_id"].as_str().unwrap()
            ),
            Some(&token),
        )
        .await;
    let remedy = &remedies.body["items"][0];
    assert_eq!(
        (&remedy["status"], &remedy["period"]),
        (&json!("accepted"), &json!("2018-Q3")),
        "{}",
        remedies.body
    );
    assert!(remedy["submitted_at"]
        .as_str()
        .unwrap()
        .starts_with("2018-09-25"));
});
