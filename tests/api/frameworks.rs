//! Frameworks and campaigns through the real App: versions, immutability, checks, calendar
//! defaults, cloning.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::campaigns::{campaign, framework_body, published_framework, supervisor};
use serde_json::json;

backend_test!(
    frameworks_are_versioned_and_published_versions_never_change,
    |app| {
        let admin = app.admin_token().await;
        let created = app
            .post(
                "/api/v1/frameworks",
                Some(&admin),
                framework_body("ANTT-CQ"),
            )
            .await;
        assert_eq!(created.status, 201, "{}", created.body);
        assert_eq!(created.body["version"], 1);
        assert_eq!(created.body["status"], "draft");
        assert_eq!(created.body["total_points"], 100.0);
        assert_eq!(created.body["disqualified_rating"], "weak");
        assert_eq!(created.body["groups"][1]["criteria"][0]["max_points"], 0);
        let id = created.id();
        let renamed = app
            .patch(
                &format!("/api/v1/frameworks/{id}"),
                Some(&admin),
                json!({"name": "Bộ tiêu chí 2022"}),
            )
            .await;
        assert_eq!(renamed.status, 200, "{}", renamed.body);
        assert_eq!(renamed.header("etag").as_deref(), Some("\"2\""));
        let published = app
            .post(
                &format!("/api/v1/frameworks/{id}/publish"),
                Some(&admin),
                json!({}),
            )
            .await;
        assert_eq!(published.body["status"], "published");
        app.post(
            &format!("/api/v1/frameworks/{id}/publish"),
            Some(&admin),
            json!({}),
        )
        .await
        .assert_problem(409);
        let audit_before = app.count("audit_events");
        app.patch(
            &format!("/api/v1/frameworks/{id}"),
            Some(&admin),
            json!({"name": "Sửa"}),
        )
        .await
        .assert_problem(409);
        assert_eq!(app.count("audit_events"), audit_before);
        let copy = app
            .post(
                &format!("/api/v1/frameworks/{id}/new-version"),
                Some(&admin),
                json!({}),
            )
            .await;
        assert_eq!(copy.status, 201, "{}", copy.body);
        assert_eq!(copy.body["version"], 2);
        assert_eq!(copy.body["status"], "draft");
        assert_eq!(copy.body["code"], "ANTT-CQ");
        assert_eq!(copy.body["previous_version_id"], json!(id));
        assert_eq!(copy.body["groups"], published.body["groups"]);
        // One draft at a time; a second code-alike framework is a new version, not a new framework.
        app.post(
            &format!("/api/v1/frameworks/{id}/new-version"),
            Some(&admin),
            json!({}),
        )
        .await
        .assert_problem(409);
        app.post(
            "/api/v1/frameworks",
            Some(&admin),
            framework_body("ANTT-CQ"),
        )
        .await
        .assert_problem(409);
        let versions = app
            .get("/api/v1/frameworks?code=ANTT-CQ", Some(&admin))
            .await;
        assert_eq!(versions.body["items"].as_array().unwrap().len(), 2);
    }
);

backend_test!(drafts_are_for_admins_and_supervisors, |app| {
    let p = common::province(&app).await;
    let sup = supervisor(&app).await;
    let draft = app
        .post(
            "/api/v1/frameworks",
            Some(&p.admin),
            framework_body("DRAFT-1"),
        )
        .await
        .id();
    app.get(&format!("/api/v1/frameworks/{draft}"), Some(&p.staff_a))
        .await
        .assert_problem(404);
    assert_eq!(
        app.get(&format!("/api/v1/frameworks/{draft}"), Some(&sup))
            .await
            .status,
        200
    );
    let listed = app.get("/api/v1/frameworks", Some(&p.manager_a)).await;
    assert_eq!(listed.body["items"], json!([]));
    for token in [&sup, &p.manager_a] {
        app.post("/api/v1/frameworks", Some(token), framework_body("OTHER"))
            .await
            .assert_problem(403);
    }
    app.post(
        &format!("/api/v1/frameworks/{draft}/publish"),
        Some(&sup),
        json!({}),
    )
    .await
    .assert_problem(403);
    app.post(
        &format!("/api/v1/frameworks/{draft}/publish"),
        Some(&p.manager_a),
        json!({}),
    )
    .await
    .assert_problem(404);
});

backend_test!(framework_checks_name_each_field_and_write_nothing, |app| {
    let admin = app.admin_token().await;
    let cases = [
        ("/thresholds/good", json!(95), "thresholds"),
        ("/thresholds/excellent", json!(101), "thresholds"),
        ("/thresholds/average", json!(50.25), "thresholds"),
        (
            "/groups/0/criteria/1/code",
            json!("1.1"),
            "groups[0].criteria[1].code",
        ),
        ("/groups/1/code", json!("1"), "groups[1].code"),
        (
            "/groups/0/criteria/0/max_points",
            json!(0),
            "groups[0].criteria[0].max_points",
        ),
        (
            "/groups/0/criteria/0/max_points",
            json!(2.5),
            "groups[0].criteria[0].max_points",
        ),
        (
            "/groups/1/criteria/0/max_points",
            json!(5),
            "groups[1].criteria[0].max_points",
        ),
        (
            "/groups/0/criteria/0/title",
            json!("  "),
            "groups[0].criteria[0].title",
        ),
        ("/code", json!("lower"), "code"),
        ("/applies_to", json!([]), "applies_to"),
    ];
    for (pointer, value, field) in cases {
        let mut body = framework_body("ANTT-CQ");
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        body.pointer_mut(parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert(key.to_owned(), value);
        let refused = app.post("/api/v1/frameworks", Some(&admin), body).await;
        refused.assert_problem(422);
        assert_eq!(
            refused.error_fields(),
            vec![field.to_owned()],
            "{pointer}: {}",
            refused.body
        );
    }
    assert_eq!(app.count("frameworks"), 0);
});

backend_test!(
    campaigns_take_published_frameworks_and_default_the_calendar,
    |app| {
        let p = common::province(&app).await;
        let sup = supervisor(&app).await;
        let draft = app
            .post(
                "/api/v1/frameworks",
                Some(&p.admin),
                framework_body("DRAFT-1"),
            )
            .await
            .id();
        let refused = app
            .post(
                "/api/v1/campaigns",
                Some(&sup),
                json!({"framework_id": draft, "year": 2027}),
            )
            .await;
        refused.assert_problem(422);
        assert_eq!(refused.error_fields(), vec!["framework_id"]);
        let framework = published_framework(&app, &p.admin).await;
        let opened = app
            .post(
                "/api/v1/campaigns",
                Some(&sup),
                json!({"framework_id": framework, "year": 2027}),
            )
            .await;
        assert_eq!(opened.status, 201, "{}", opened.body);
        assert_eq!(opened.body["registration_deadline"], "2027-03-31");
        assert_eq!(opened.body["self_assessment_deadline"], "2027-11-30");
        assert_eq!(opened.body["review_deadline"], "2027-12-15");
        assert_eq!(opened.body["agency_kinds"], json!(["department"]));
        assert_eq!(opened.body["status"], "open");
        app.post(
            "/api/v1/campaigns",
            Some(&sup),
            json!({"framework_id": framework, "year": 2027}),
        )
        .await
        .assert_problem(409);
        app.post(
            "/api/v1/campaigns",
            Some(&p.manager_a),
            json!({"framework_id": framework, "year": 2028}),
        )
        .await
        .assert_problem(403);
        let bad_order =
            json!({"framework_id": framework, "year": 2028, "registration_deadline": "2028-12-01"});
        let refused = app.post("/api/v1/campaigns", Some(&sup), bad_order).await;
        assert_eq!(refused.error_fields(), vec!["self_assessment_deadline"]);
        let unknown =
            json!({"framework_id": framework, "year": 2028, "agency_ids": [uuid::Uuid::now_v7()]});
        assert_eq!(
            app.post("/api/v1/campaigns", Some(&sup), unknown)
                .await
                .error_fields(),
            vec!["agency_ids"]
        );
        let nobody =
            json!({"framework_id": framework, "year": 2028, "agency_ids": [], "agency_kinds": []});
        app.post("/api/v1/campaigns", Some(&sup), nobody)
            .await
            .assert_problem(422);
        assert_eq!(app.count("campaigns"), 1);
        let id = opened.id();
        let moved = app
            .patch(
                &format!("/api/v1/campaigns/{id}"),
                Some(&sup),
                json!({"review_deadline": "2028-01-15"}),
            )
            .await;
        assert_eq!(moved.status, 200, "{}", moved.body);
        assert_eq!(moved.body["review_deadline"], "2028-01-15");
        app.patch(
            &format!("/api/v1/campaigns/{id}"),
            Some(&sup),
            json!({"review_deadline": "2027-11-01"}),
        )
        .await
        .assert_problem(422);
        app.patch(
            &format!("/api/v1/campaigns/{id}"),
            Some(&sup),
            json!({"year": 2030}),
        )
        .await
        .assert_problem(422);
    }
);

backend_test!(cloning_moves_the_calendar_and_resets_everything, |app| {
    let p = common::province(&app).await;
    let sup = supervisor(&app).await;
    let framework = published_framework(&app, &p.admin).await;
    let year = common::campaigns::year();
    let last = campaign(
        &app,
        &sup,
        &framework,
        &p,
        year - 1,
        [
            &format!("{}-03-31", year - 1),
            &format!("{}-11-30", year - 1),
            &format!("{}-12-15", year - 1),
        ],
    )
    .await;
    app.post(&format!("/api/v1/campaigns/{last}/registrations"), Some(&sup),
        json!({"agency_id": p.dept_a, "document_number": "118/STTTT-VP", "registered_on": format!("{}-01-27", year - 1)}))
        .await;
    let copy = app
        .post(
            &format!("/api/v1/campaigns/{last}/clone"),
            Some(&sup),
            json!({"year": year + 1}),
        )
        .await;
    assert_eq!(copy.status, 201, "{}", copy.body);
    assert_eq!(copy.body["year"], year + 1);
    assert_eq!(
        copy.body["registration_deadline"],
        format!("{}-03-31", year + 1)
    );
    assert_eq!(copy.body["review_deadline"], format!("{}-12-15", year + 1));
    assert_eq!(copy.body["agency_ids"], json!([p.dept_a, p.dept_b]));
    assert_eq!(copy.body["framework_id"], json!(framework));
    assert_eq!(copy.body["cloned_from_id"], json!(last));
    assert_eq!(copy.body["status"], "open");
    let overview = app
        .get(
            &format!("/api/v1/campaigns/{}/assessments", copy.id()),
            Some(&sup),
        )
        .await;
    assert_eq!(overview.body["counts"]["by_status"]["not_registered"], 2);
    assert_eq!(overview.body["counts"]["total"], 2);
    app.post(
        &format!("/api/v1/campaigns/{last}/clone"),
        Some(&sup),
        json!({"year": year + 1}),
    )
    .await
    .assert_problem(409);
    app.post(
        &format!("/api/v1/campaigns/{last}/clone"),
        Some(&p.manager_a),
        json!({"year": year + 2}),
    )
    .await
    .assert_problem(403);
    app.post(
        &format!("/api/v1/campaigns/{last}/clone"),
        Some(&sup),
        json!({"year": 1999}),
    )
    .await
    .assert_problem(422);
    assert_eq!(app.count("assessments"), 1);
});
