//! `seed-demo` loads the demo province on both backends, and a second run changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use defense_compliance::seed::seed_demo;

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
            "audit_events",
        ]
        .map(|t| app.count(t))
    };
    let after_first = counts(&app);
    assert_eq!(after_first[0], 18);
    assert_eq!(after_first[2], 12);
    assert_eq!(after_first[4], 6);
    assert_eq!(after_first[6], 3, "two revisions of one report and a draft");
    let second = seed_demo(&app.pool).unwrap();
    assert!(
        second[4..]
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
});
