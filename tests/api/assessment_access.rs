//! Assessments' scope and refusals through the real App: another department gets 404 on every
//! route, read-only roles read, and bad input is a clear 4xx that writes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::http::Method;
use actix_web::test::TestRequest;
use common::campaigns::{campaign, day, published_framework, register_a, scores, supervisor, year};
use serde_json::json;

const BOUNDARY: &str = "----assessment-evidence-boundary";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

/// A multipart body with an optional `criterion_code` field before the file.
fn multipart(criterion: Option<&str>) -> Vec<u8> {
    let mut body = Vec::new();
    if let Some(code) = criterion {
        body.extend(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"criterion_code\"\r\n\r\n{code}\r\n").bytes());
    }
    body.extend(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bien-ban.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").bytes());
    body.extend_from_slice(PDF);
    body.extend(format!("\r\n--{BOUNDARY}--\r\n").bytes());
    body
}

async fn upload(
    app: &common::TestApp,
    token: &str,
    id: &str,
    criterion: Option<&str>,
) -> common::Resp {
    app.call(
        TestRequest::post()
            .uri(&format!("/api/v1/assessments/{id}/evidence"))
            .insert_header(("authorization", format!("Bearer {token}")))
            .insert_header((
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            ))
            .set_payload(multipart(criterion)),
    )
    .await
}

/// An open campaign with department A registered; returns (supervisor, campaign, assessment).
async fn registered(app: &common::TestApp, p: &common::Province) -> (String, String, String) {
    let sup = supervisor(app).await;
    let framework = published_framework(app, &p.admin).await;
    let (d1, d2, d3) = (
        day(30).to_string(),
        day(60).to_string(),
        day(90).to_string(),
    );
    let campaign = campaign(app, &sup, &framework, p, year(), [&d1, &d2, &d3]).await;
    let id = register_a(app, p, &campaign, &day(-1).to_string()).await;
    (sup, campaign, id)
}

backend_test!(
    another_department_gets_404_on_every_assessment_route,
    |app| {
        let p = common::province(&app).await;
        let (sup, campaign, id) = registered(&app, &p).await;
        let evidence = upload(&app, &p.manager_a, &id, Some("1.2")).await;
        assert_eq!(evidence.status, 201, "{}", evidence.body);
        assert_eq!(evidence.body["criterion_code"], "1.2");
        let evidence = evidence.id();
        let path = format!("/api/v1/assessments/{id}");
        let routes = [
            (Method::GET, path.clone(), json!(null)),
            (
                Method::PUT,
                format!("{path}/self-scores"),
                scores(60.0, true),
            ),
            (
                Method::PUT,
                format!("{path}/review-scores"),
                scores(60.0, true),
            ),
            (Method::POST, format!("{path}/submit"), json!({})),
            (
                Method::POST,
                format!("{path}/return"),
                json!({"comment": "Bổ sung"}),
            ),
            (
                Method::POST,
                format!("{path}/extend"),
                json!({"until": day(70)}),
            ),
            (
                Method::POST,
                format!("{path}/decide"),
                json!({"recognised": false, "rating": "weak",
            "decision_number": "15/QĐ-CAT", "decided_on": day(0)}),
            ),
            (Method::GET, format!("{path}/evidence"), json!(null)),
            (
                Method::GET,
                format!("/api/v1/evidence/{evidence}"),
                json!(null),
            ),
            (
                Method::GET,
                format!("/api/v1/evidence/{evidence}/content"),
                json!(null),
            ),
            (
                Method::DELETE,
                format!("/api/v1/evidence/{evidence}"),
                json!(null),
            ),
        ];
        let audit_before = app.count("audit_events");
        // Department B's manager and staff, and department A's own division below it.
        for token in [&p.manager_b, &p.staff_b, &p.staff_a] {
            for (method, uri, body) in &routes {
                let response = if body.is_null() {
                    app.call(
                        TestRequest::default()
                            .method(method.clone())
                            .uri(uri)
                            .insert_header(("authorization", format!("Bearer {token}"))),
                    )
                    .await
                } else {
                    app.send(method.clone(), uri, Some(token), body.clone())
                        .await
                };
                assert_eq!(response.status, 404, "{method} {uri}: {}", response.body);
            }
            upload(&app, token, &id, None).await.assert_problem(404);
        }
        assert_eq!(app.count("audit_events"), audit_before);
        assert_eq!(app.count("evidence"), 1);
        let theirs = app
            .get(
                &format!("/api/v1/campaigns/{campaign}/assessments"),
                Some(&p.manager_b),
            )
            .await;
        assert!(theirs.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["agency_id"] == json!(p.dept_b)));
        // Read-only province roles read but do not write.
        let (_, inspector) = app.insert_user("thanh.tra", "inspector", None);
        assert_eq!(app.get(&path, Some(&inspector)).await.status, 200);
        app.put(
            &format!("{path}/self-scores"),
            Some(&inspector),
            scores(60.0, true),
        )
        .await
        .assert_problem(403);
        app.post(
            &format!("{path}/decide"),
            Some(&inspector),
            json!({"recognised": false, "rating": "weak",
        "decision_number": "15/QĐ-CAT", "decided_on": day(0)}),
        )
        .await
        .assert_problem(403);
        assert_eq!(
            app.get(&format!("{path}/evidence"), Some(&sup)).await.body["items"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }
);

backend_test!(bad_scores_and_repeated_steps_write_nothing, |app| {
    let p = common::province(&app).await;
    let (sup, campaign, id) = registered(&app, &p).await;
    let path = format!("/api/v1/assessments/{id}");
    let cases = [
        (
            json!({"scores": [{"criterion_code": "1.1", "score": 60.5}]}),
            "scores[0].score",
        ),
        (
            json!({"scores": [{"criterion_code": "1.1", "score": -1}]}),
            "scores[0].score",
        ),
        (
            json!({"scores": [{"criterion_code": "1.1", "score": 10.25}]}),
            "scores[0].score",
        ),
        (
            json!({"scores": [{"criterion_code": "9.9", "score": 1}]}),
            "scores[0].criterion_code",
        ),
        (
            json!({"scores": [{"criterion_code": "KX1", "score": 1}]}),
            "scores[0].score",
        ),
        (
            json!({"scores": [{"criterion_code": "1.1", "met": true}]}),
            "scores[0].met",
        ),
        (
            json!({"scores": [{"criterion_code": "1.1", "score": 1}, {"criterion_code": "1.1", "score": 2}]}),
            "scores[1].criterion_code",
        ),
        (
            json!({"scores": [{"criterion_code": "1.2", "score": 40}, {"criterion_code": "1.1", "score": 70}]}),
            "scores[1].score",
        ),
    ];
    let audit_before = app.count("audit_events");
    for (body, field) in cases {
        let refused = app
            .put(
                &format!("{path}/self-scores"),
                Some(&p.manager_a),
                body.clone(),
            )
            .await;
        refused.assert_problem(422);
        assert_eq!(
            refused.error_fields(),
            vec![field.to_owned()],
            "{body}: {}",
            refused.body
        );
    }
    app.put(
        &format!("{path}/self-scores"),
        Some(&p.manager_a),
        json!({"scores": []}),
    )
    .await
    .assert_problem(422);
    app.put(
        &format!("{path}/self-scores"),
        Some(&p.manager_a),
        json!([{"criterion_code": "1.1", "score": 1, "points": 2}]),
    )
    .await
    .assert_problem(422);
    for not_scores in [json!([]), json!("1.1"), json!({"scores": [], "extra": 1})] {
        app.put(
            &format!("{path}/self-scores"),
            Some(&p.manager_a),
            not_scores,
        )
        .await
        .assert_problem(422);
    }
    // Bad input is a 422 even with a stale If-Match; a stale one on good input is a 412.
    for (body, status) in [(json!({"scores": []}), 422), (scores(60.0, true), 412)] {
        let request = TestRequest::put()
            .uri(&format!("{path}/self-scores"))
            .insert_header(("authorization", format!("Bearer {}", p.manager_a)))
            .insert_header(("if-match", "\"99\""))
            .set_json(body);
        assert_eq!(app.call(request).await.status, status);
    }
    let unchanged = app.get(&path, Some(&p.manager_a)).await;
    assert_eq!(
        (
            unchanged.body["version"].as_i64(),
            unchanged.body["self_total"].as_f64()
        ),
        (Some(1), Some(0.0))
    );
    assert_eq!(app.count("audit_events"), audit_before);

    // Registering twice, for an agency outside one's scope, or as staff.
    let again =
        json!({"agency_id": p.dept_a, "document_number": "119/STTTT-VP", "registered_on": day(-1)});
    app.post(
        &format!("/api/v1/campaigns/{campaign}/registrations"),
        Some(&p.manager_a),
        again,
    )
    .await
    .assert_problem(409);
    let other =
        json!({"agency_id": p.dept_b, "document_number": "119/STTTT-VP", "registered_on": day(-1)});
    let refused = app
        .post(
            &format!("/api/v1/campaigns/{campaign}/registrations"),
            Some(&p.manager_a),
            other.clone(),
        )
        .await;
    assert_eq!(refused.error_fields(), vec!["agency_id"]);
    app.post(
        &format!("/api/v1/campaigns/{campaign}/registrations"),
        Some(&p.staff_b),
        other,
    )
    .await
    .assert_problem(403);
    let not_participating = json!({"agency_id": p.division_b, "document_number": "119/STTTT-VP", "registered_on": day(-1)});
    let refused = app
        .post(
            &format!("/api/v1/campaigns/{campaign}/registrations"),
            Some(&sup),
            not_participating,
        )
        .await;
    assert_eq!(refused.error_fields(), vec!["agency_id"]);
    let bad =
        json!({"agency_id": p.dept_b, "document_number": "một trăm", "registered_on": day(1)});
    let refused = app
        .post(
            &format!("/api/v1/campaigns/{campaign}/registrations"),
            Some(&p.manager_b),
            bad,
        )
        .await;
    assert_eq!(
        refused.error_fields(),
        vec!["document_number", "registered_on"]
    );
    assert_eq!(app.count("assessments"), 1);

    // Evidence naming an unknown criterion leaves no row and no file.
    upload(&app, &p.manager_a, &id, Some("9.9"))
        .await
        .assert_problem(422);
    assert_eq!(app.count("evidence"), 0);

    // Submitting twice, and steps out of order.
    app.post(&format!("{path}/submit"), Some(&p.manager_a), json!({}))
        .await
        .assert_problem(409);
    app.put(
        &format!("{path}/self-scores"),
        Some(&p.manager_a),
        scores(60.0, true),
    )
    .await;
    app.post(
        &format!("{path}/decide"),
        Some(&sup),
        json!({"recognised": true, "rating": "excellent",
        "decision_number": "15/QĐ-CAT", "decided_on": day(0)}),
    )
    .await
    .assert_problem(409);
    assert_eq!(
        app.post(&format!("{path}/submit"), Some(&p.manager_a), json!({}))
            .await
            .status,
        200
    );
    let audit_before = app.count("audit_events");
    app.post(&format!("{path}/submit"), Some(&p.manager_a), json!({}))
        .await
        .assert_problem(409);
    upload(&app, &p.manager_a, &id, None)
        .await
        .assert_problem(409);
    let weak_recognised = json!({"recognised": true, "rating": "weak", "decision_number": "15/QĐ-CAT", "decided_on": day(0)});
    assert_eq!(
        app.post(&format!("{path}/decide"), Some(&sup), weak_recognised)
            .await
            .error_fields(),
        vec!["rating"]
    );
    app.post(
        &format!("{path}/return"),
        Some(&sup),
        json!({"comment": " "}),
    )
    .await
    .assert_problem(422);
    assert_eq!(app.count("audit_events"), audit_before);
    assert_eq!(app.count("evidence"), 0);
    assert_eq!(app.get(&path, Some(&sup)).await.body["status"], "submitted");
});

backend_test!(closed_campaigns_take_nothing_more, |app| {
    let p = common::province(&app).await;
    let (sup, campaign, id) = registered(&app, &p).await;
    let closed = app
        .patch(
            &format!("/api/v1/campaigns/{campaign}"),
            Some(&sup),
            json!({"status": "closed"}),
        )
        .await;
    assert_eq!(closed.body["status"], "closed");
    app.put(
        &format!("/api/v1/assessments/{id}/self-scores"),
        Some(&p.manager_a),
        scores(60.0, true),
    )
    .await
    .assert_problem(409);
    let register =
        json!({"agency_id": p.dept_b, "document_number": "7/STTTT-VP", "registered_on": day(-1)});
    app.post(
        &format!("/api/v1/campaigns/{campaign}/registrations"),
        Some(&sup),
        register,
    )
    .await
    .assert_problem(409);
    assert_eq!(app.count("assessments"), 1);
});

backend_test!(a_write_from_a_stale_read_is_refused, |app| {
    use defense_compliance::assessments::{access, model::AssessmentChanges};
    let p = common::province(&app).await;
    let (_, _, id) = registered(&app, &p).await;
    let admin = common::province_admin();
    let mut conn = app.pool.get().unwrap();
    let stale_read = access::load_visible(
        &mut conn,
        &admin,
        &defense_compliance::domain::ids::AssessmentId::from_stored(id.clone()),
    )
    .unwrap();
    // Another request scores after this one read version 1 (PostgreSQL lets both read it).
    let scored = app
        .put(
            &format!("/api/v1/assessments/{id}/self-scores"),
            Some(&p.manager_a),
            scores(60.0, true),
        )
        .await;
    assert_eq!(scored.body["version"], 2);
    let stale = AssessmentChanges {
        self_scores: Some("{}".into()),
        ..Default::default()
    };
    let refused = access::save(
        &mut conn,
        &admin,
        stale_read,
        stale,
        "assessment.self_score",
        json!({}),
    );
    assert!(
        matches!(
            refused,
            Err(defense_compliance::error::ApiError::LostRace(_))
        ),
        "{:?}",
        refused.err()
    );
    drop(conn);
    let kept = app
        .get(&format!("/api/v1/assessments/{id}"), Some(&p.manager_a))
        .await;
    assert_eq!(kept.body["self_total"], 100.0);
});
