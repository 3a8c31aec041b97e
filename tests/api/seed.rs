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
    assert_eq!(after_first[0], 20);
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
        second[8..]
            .iter()
            .all(|l| l.ends_with("exists; password unchanged")),
        "{second:?}"
    );
    assert_eq!(counts(&app), after_first);
    let password = |username: &str| {
        let line = first
            .iter()
            .find(|l| l.starts_with(&format!("{username} ")))
            .unwrap();
        line.rsplit(' ').next().unwrap().to_owned()
    };
    // From 01/03/2025 Sở TT&TT and its units are part of Sở KH&CN, and its manager with them.
    let manager = app.login("demo.manager", &password("demo.manager")).await;
    let me = app.get("/api/v1/me", Some(&manager)).await;
    let skhcn = me.body["agency_id"].as_str().unwrap().to_owned();
    let lineage = app
        .get(&format!("/api/v1/agencies/{skhcn}/lineage"), Some(&manager))
        .await;
    let merger = &lineage.body["predecessors"][0];
    assert_eq!(
        (
            &merger["kind"],
            &merger["effective_on"],
            merger["from"].as_array().unwrap().len()
        ),
        (&json!("merge"), &json!("2025-03-01"), 6),
        "{}",
        lineage.body
    );
    assert_eq!(lineage.body["agency"]["name"], "Sở Khoa học và Công nghệ");
    // Its open work came along; its 2022 work stays with the units that did it, readable by
    // their successor and listed with its own on request.
    let own = app.get("/api/v1/tasks", Some(&manager)).await;
    assert_eq!(
        own.body["items"].as_array().unwrap().len(),
        2,
        "{}",
        own.body
    );
    let all = app
        .get("/api/v1/tasks?include_predecessors=true", Some(&manager))
        .await;
    let statuses: Vec<&str> = all.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "completed",
            "completed",
            "completed",
            "open",
            "completed",
            "completed",
            "completed",
            "in_progress",
            "cancelled"
        ],
        "{}",
        all.body
    );
    // The 2018 recommendations were addressed to Sở TT&TT: the successor lists the open one,
    // whose task it carries, and all five on request.
    let addressed = |page: &serde_json::Value| page["items"].as_array().unwrap().len();
    let plain = app.get("/api/v1/recommendations", Some(&manager)).await;
    // The open one came with its follow-up task; the finished ones stay with Sở TT&TT.
    assert_eq!(addressed(&plain.body), 1, "{}", plain.body);
    assert_eq!(plain.body["items"][0]["state"], "overdue");
    let inherited = app
        .get(
            "/api/v1/recommendations?include_predecessors=true",
            Some(&manager),
        )
        .await;
    assert_eq!(addressed(&inherited.body), 5, "{}", inherited.body);
    // The network-security task went to the provincial police.
    let police = app
        .login("demo.police.manager", &password("demo.police.manager"))
        .await;
    let unrelated = app
        .get(
            "/api/v1/recommendations?include_predecessors=true",
            Some(&police),
        )
        .await;
    assert_eq!(addressed(&unrelated.body), 0, "{}", unrelated.body);
    let theirs = app
        .get("/api/v1/tasks?q=khong%20gian%20mang", Some(&police))
        .await;
    let task = &theirs.body["items"][0];
    assert_eq!(task["status"], "in_progress", "{}", theirs.body);
    let ca = app
        .get(
            &format!(
                "/api/v1/agencies/{}",
                task["lead_agency_id"].as_str().unwrap()
            ),
            Some(&police),
        )
        .await;
    assert_eq!(ca.body["code"], "CA-TINH");
    // The district level is gone; its recruitment task is the commune's.
    let supervisor = app
        .login("demo.supervisor", &password("demo.supervisor"))
        .await;
    let district = app
        .get("/api/v1/agencies?q=UBND-HUYEN", Some(&supervisor))
        .await;
    assert_eq!(
        district.body["items"][0]["active"], false,
        "{}",
        district.body
    );
    assert_eq!(district.body["items"][0]["valid_to"], "2025-06-30");
    // The 2022 campaign holds the recognition decision of Sở TT&TT, under that name.
    let token = supervisor;
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
    let row = overview.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["agency_code"] == "STTTT")
        .unwrap();
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
    // Its successor's manager reads it too (and scores nothing in it).
    let inherited = format!(
        "/api/v1/assessments/{}",
        row["assessment_id"].as_str().unwrap()
    );
    assert_eq!(
        app.get(&inherited, Some(&manager)).await.body["review_total"],
        93.0
    );
    // 2022 and this year side by side for the merged department: Sở TT&TT's row under its
    // own name in 2022, and this year's registration, which followed it into Sở KH&CN.
    let figures = |year: i32| {
        let app = &app;
        let manager = &manager;
        async move {
            let listed = app
                .get(&format!("/api/v1/campaigns?year={year}"), Some(manager))
                .await;
            let campaign = listed.body["items"][0]["id"].as_str().unwrap().to_owned();
            let path =
                format!("/api/v1/campaigns/{campaign}/assessments?include_predecessors=true");
            let rows = app.get(&path, Some(manager)).await.body["items"].clone();
            rows.as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["agency_code"].as_str().unwrap().to_owned(),
                        r["status"].as_str().unwrap().to_owned(),
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    let row = |code: &str, status: &str| (code.to_owned(), status.to_owned());
    assert_eq!(
        figures(2022).await,
        [row("SKHCN", "not_registered"), row("STTTT", "decided")]
    );
    assert_eq!(
        figures(common::campaigns::year()).await,
        [row("SKHCN", "self_assessing")]
    );
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
