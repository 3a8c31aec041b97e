//! A campaign through a whole year, through the real App: registration, self-assessment with
//! evidence, submission, review, return, decision, the overview, and next year's copy.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::campaigns::{campaign, day, published_framework, register_a, scores, supervisor, year};
use serde_json::json;

backend_test!(a_year_from_registration_to_decision, |app| {
    let p = common::province(&app).await;
    let sup = supervisor(&app).await;
    let (_, staff) = app.insert_user("staff.dept.a", "agency_staff", Some(&p.dept_a));
    let framework = published_framework(&app, &p.admin).await;
    let (d1, d2, d3) = (
        day(30).to_string(),
        day(60).to_string(),
        day(90).to_string(),
    );
    let campaign = campaign(&app, &sup, &framework, &p, year(), [&d1, &d2, &d3]).await;
    let overview = app
        .get(
            &format!("/api/v1/campaigns/{campaign}/assessments"),
            Some(&sup),
        )
        .await;
    assert_eq!(overview.body["counts"]["by_status"]["not_registered"], 2);

    let id = register_a(&app, &p, &campaign, &day(-1).to_string()).await;
    let path = format!("/api/v1/assessments/{id}");
    let partial = app.put(&format!("{path}/self-scores"), Some(&staff),
        json!({"scores": [{"criterion_code": "1.1", "score": 50, "note": "Nghị quyết số 05-NQ/ĐU"}]})).await;
    assert_eq!(partial.status, 200, "{}", partial.body);
    assert_eq!(partial.body["status"], "self_assessing");
    assert_eq!(partial.body["self_total"], 50.0);
    assert_eq!(partial.body["self_missing"], json!(["1.2", "KX1"]));
    assert_eq!(partial.body["proposed_rating"], json!(null));
    app.post(&format!("{path}/submit"), Some(&p.manager_a), json!({}))
        .await
        .assert_problem(422);
    let full = app
        .put(
            &format!("{path}/self-scores"),
            Some(&staff),
            // The body may also be the bare list.
            json!([{"criterion_code": "1.2", "score": 40}, {"criterion_code": "KX1", "met": true}]),
        )
        .await;
    // 50 + 40 = 90: exactly the excellent threshold.
    assert_eq!(full.body["self_total"], 90.0);
    assert_eq!(full.body["proposed_rating"], "excellent");
    assert_eq!(
        full.body["criteria"][0]["self_score"]["note"],
        "Nghị quyết số 05-NQ/ĐU"
    );
    app.post(&format!("{path}/submit"), Some(&staff), json!({}))
        .await
        .assert_problem(403);
    let submitted = app
        .post(&format!("{path}/submit"), Some(&p.manager_a), json!({}))
        .await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    assert_eq!(submitted.body["status"], "submitted");
    assert_eq!(submitted.body["self_assessment_late"], false);
    app.put(
        &format!("{path}/self-scores"),
        Some(&staff),
        scores(60.0, true),
    )
    .await
    .assert_problem(409);

    // The reviewer takes 5 points off 1.1: 45 + 40 = 85, good.
    app.put(
        &format!("{path}/review-scores"),
        Some(&p.manager_a),
        scores(45.0, true),
    )
    .await
    .assert_problem(403);
    let reviewed = app.put(&format!("{path}/review-scores"), Some(&sup),
        json!({"scores": [{"criterion_code": "1.1", "score": 45, "note": "Kế hoạch chưa có phân công"}]})).await;
    assert_eq!(reviewed.body["status"], "under_review");
    assert_eq!(reviewed.body["self_total"], 90.0);
    assert_eq!(reviewed.body["review_total"], 85.0);
    assert_eq!(reviewed.body["proposed_rating"], "good");
    let returned = app
        .post(
            &format!("{path}/return"),
            Some(&sup),
            json!({"comment": "Bổ sung biên bản phổ biến"}),
        )
        .await;
    assert_eq!(returned.body["status"], "returned");
    assert_eq!(returned.body["return_comment"], "Bổ sung biên bản phổ biến");
    let again = app.put(&format!("{path}/self-scores"), Some(&staff),
        json!({"scores": [{"criterion_code": "1.2", "score": 40, "note": "Đã bổ sung biên bản"}]})).await;
    assert_eq!(again.body["status"], "self_assessing");
    assert_eq!(
        app.post(&format!("{path}/submit"), Some(&p.manager_a), json!({}))
            .await
            .body["status"],
        "submitted"
    );
    let decided = app
        .post(
            &format!("{path}/decide"),
            Some(&sup),
            json!({"recognised": true, "rating": "good",
        "decision_number": "15/QĐ-CAT", "decided_on": day(0)}),
        )
        .await;
    assert_eq!(decided.status, 200, "{}", decided.body);
    assert_eq!(decided.body["status"], "decided");
    assert_eq!(decided.body["rating"], "good");
    assert_eq!(decided.body["decision"]["decision_number"], "15/QĐ-CAT");
    app.post(
        &format!("{path}/decide"),
        Some(&sup),
        json!({"recognised": true, "rating": "good",
        "decision_number": "15/QĐ-CAT", "decided_on": day(0)}),
    )
    .await
    .assert_problem(409);

    let overview = app
        .get(
            &format!("/api/v1/campaigns/{campaign}/assessments"),
            Some(&sup),
        )
        .await;
    let items = overview.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let a = items
        .iter()
        .find(|i| i["agency_id"] == json!(p.dept_a))
        .unwrap();
    assert_eq!(
        (
            a["status"].as_str(),
            a["rating"].as_str(),
            a["review_total"].as_f64()
        ),
        (Some("decided"), Some("good"), Some(85.0))
    );
    let counts = &overview.body["counts"];
    assert_eq!(
        (
            counts["total"].as_u64(),
            counts["by_status"]["decided"].as_u64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(
        (
            counts["by_rating"]["good"].as_u64(),
            counts["by_rating"]["none"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(counts["recognised"], 1);
    let good = app
        .get(
            &format!("/api/v1/campaigns/{campaign}/assessments?rating=good"),
            Some(&sup),
        )
        .await;
    assert_eq!(good.body["counts"]["total"], 1);
    let mine = app
        .get(
            &format!("/api/v1/campaigns/{campaign}/assessments"),
            Some(&p.manager_b),
        )
        .await;
    assert_eq!(mine.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(mine.body["items"][0]["agency_id"], json!(p.dept_b));
    assert_eq!(mine.body["items"][0]["status"], "not_registered");

    let next = app
        .post(
            &format!("/api/v1/campaigns/{campaign}/clone"),
            Some(&sup),
            json!({"year": year() + 1}),
        )
        .await;
    let fresh = app
        .get(
            &format!("/api/v1/campaigns/{}/assessments", next.id()),
            Some(&sup),
        )
        .await;
    assert_eq!(fresh.body["counts"]["by_status"]["not_registered"], 2);
    assert!(fresh.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["assessment_id"].is_null()));
});

backend_test!(a_failed_condition_needs_an_override_to_recognise, |app| {
    let p = common::province(&app).await;
    let sup = supervisor(&app).await;
    let framework = published_framework(&app, &p.admin).await;
    let (d1, d2, d3) = (
        day(30).to_string(),
        day(60).to_string(),
        day(90).to_string(),
    );
    let campaign = campaign(&app, &sup, &framework, &p, year(), [&d1, &d2, &d3]).await;
    let id = register_a(&app, &p, &campaign, &day(-1).to_string()).await;
    let path = format!("/api/v1/assessments/{id}");
    let scored = app
        .put(
            &format!("{path}/self-scores"),
            Some(&p.manager_a),
            scores(60.0, false),
        )
        .await;
    // Full points, but KX1 failed: weak and not recognised.
    assert_eq!(scored.body["self_total"], 100.0);
    assert_eq!(scored.body["failed_conditions"], json!(["KX1"]));
    assert_eq!(scored.body["proposed_rating"], "weak");
    assert_eq!(scored.body["proposed_recognised"], false);
    app.post(&format!("{path}/submit"), Some(&p.manager_a), json!({}))
        .await;
    let decision = json!({"recognised": true, "rating": "excellent", "decision_number": "15/QĐ-CAT", "decided_on": day(0)});
    let audit_before = app.count("audit_events");
    let refused = app
        .post(&format!("{path}/decide"), Some(&sup), decision.clone())
        .await;
    refused.assert_problem(422);
    assert_eq!(refused.error_fields(), vec!["override_reason"]);
    assert_eq!(app.count("audit_events"), audit_before);
    assert_eq!(app.get(&path, Some(&sup)).await.body["status"], "submitted");
    let mut with_reason = decision;
    with_reason["override_reason"] = json!("Vụ việc do cá nhân ngoài cơ quan gây ra; đã xác minh");
    let decided = app
        .post(&format!("{path}/decide"), Some(&sup), with_reason)
        .await;
    assert_eq!(decided.status, 200, "{}", decided.body);
    assert_eq!(decided.body["recognised"], true);
    assert_eq!(
        decided.body["decision"]["override_reason"],
        "Vụ việc do cá nhân ngoài cơ quan gây ra; đã xác minh"
    );
    let trail = app
        .get(
            &format!("/api/v1/audit-events?entity_id={id}"),
            Some(&p.admin),
        )
        .await;
    let decide = trail.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "assessment.decide")
        .unwrap();
    assert!(
        decide["changes"]["against_rules"]
            .as_str()
            .unwrap()
            .contains("KX1"),
        "{decide}"
    );
    assert_eq!(
        decide["changes"]["override_reason"],
        "Vụ việc do cá nhân ngoài cơ quan gây ra; đã xác minh"
    );
});

backend_test!(deadlines_bind_agencies_until_a_supervisor_steps_in, |app| {
    let p = common::province(&app).await;
    let sup = supervisor(&app).await;
    let framework = published_framework(&app, &p.admin).await;
    // Registration and self-assessment closed yesterday (Vietnam time); review still open.
    let (d1, d3) = (day(-1).to_string(), day(20).to_string());
    let campaign = campaign(&app, &sup, &framework, &p, year(), [&d1, &d1, &d3]).await;
    let register =
        json!({"agency_id": p.dept_a, "document_number": "118/STTTT-VP", "registered_on": day(-1)});
    let late = app
        .post(
            &format!("/api/v1/campaigns/{campaign}/registrations"),
            Some(&p.manager_a),
            register.clone(),
        )
        .await;
    late.assert_problem(409);
    assert_eq!(app.count("assessments"), 0);
    let registered = app
        .post(
            &format!("/api/v1/campaigns/{campaign}/registrations"),
            Some(&sup),
            register,
        )
        .await;
    assert_eq!(registered.status, 201, "{}", registered.body);
    let path = format!("/api/v1/assessments/{}", registered.id());
    app.put(
        &format!("{path}/self-scores"),
        Some(&p.manager_a),
        scores(60.0, true),
    )
    .await
    .assert_problem(409);
    let overview = app
        .get(
            &format!("/api/v1/campaigns/{campaign}/assessments"),
            Some(&sup),
        )
        .await;
    let a = overview.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["agency_id"] == json!(p.dept_a))
        .unwrap()
        .clone();
    assert_eq!(
        (
            a["registration_late"].as_bool(),
            a["self_assessment_late"].as_bool()
        ),
        (Some(false), Some(true))
    );
    app.post(
        &format!("{path}/extend"),
        Some(&p.manager_a),
        json!({"until": day(5)}),
    )
    .await
    .assert_problem(403);
    app.post(
        &format!("{path}/extend"),
        Some(&sup),
        json!({"until": day(30)}),
    )
    .await
    .assert_problem(422);
    let extended = app
        .post(
            &format!("{path}/extend"),
            Some(&sup),
            json!({"until": day(5)}),
        )
        .await;
    assert_eq!(extended.status, 200, "{}", extended.body);
    assert_eq!(extended.body["self_assessment_deadline"], json!(day(5)));
    assert_eq!(
        app.put(
            &format!("{path}/self-scores"),
            Some(&p.manager_a),
            scores(60.0, true)
        )
        .await
        .status,
        200
    );
    let submitted = app
        .post(&format!("{path}/submit"), Some(&p.manager_a), json!({}))
        .await;
    assert_eq!(submitted.body["status"], "submitted");
    assert_eq!(submitted.body["self_assessment_late"], false);
});
