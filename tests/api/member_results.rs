//! Members' results of the field work through the real App: each member sends its own during
//! or after the field work, late against the delegation's due date, never shown to subjects;
//! bad input and other callers refused with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::delegations::{formed, setup};

use actix_web::test::TestRequest;
use serde_json::{json, Value};

/// The results part of the member `user_id` in a delegation answer.
fn results_of(delegation: &Value, user_id: &str) -> Value {
    delegation["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == user_id)
        .map(|m| m["results"].clone())
        .unwrap_or_else(|| panic!("no member {user_id} in {delegation}"))
}

backend_test!(members_send_their_own_results_after_the_field_work, |app| {
    let s = setup(&app).await;
    let delegation = format!("/api/v1/delegations/{}", formed(&app, &s).await);
    let mine = format!("{delegation}/members/{}/results", s.p.staff_b_id);
    let sent = json!({"results": "Đã kiểm tra hồ sơ quán triệt Nghị quyết 28-NQ/TW: 120 cán bộ."});
    app.put(&mine, Some(&s.p.staff_b), sent.clone())
        .await
        .assert_problem(409);
    app.post(
        &format!("{delegation}/start-field-work"),
        Some(&s.head),
        json!({}),
    )
    .await;
    let before = (
        app.count("audit_events"),
        app.get(&delegation, Some(&s.head)).await,
    );
    for bad in [
        json!({"results": "   "}),
        json!({"results": "x".repeat(20_001)}),
        json!({"results": "ok", "extra": 1}),
        json!({}),
    ] {
        app.put(&mine, Some(&s.p.staff_b), bad)
            .await
            .assert_problem(422);
    }
    let blank = app
        .put(&mine, Some(&s.p.staff_b), json!({"results": " "}))
        .await;
    assert_eq!(blank.error_fields(), vec!["results".to_owned()]);
    // Only the member itself sends its results; anyone outside the delegation gets 404.
    app.put(&mine, Some(&s.head), sent.clone())
        .await
        .assert_problem(403);
    app.put(&mine, Some(&s.p.manager_a), sent.clone())
        .await
        .assert_problem(403);
    app.put(&mine, Some(&s.outsider), sent.clone())
        .await
        .assert_problem(404);
    let not_member = format!("{delegation}/members/{}/results", uuid::Uuid::now_v7());
    app.put(&not_member, Some(&s.head), sent.clone())
        .await
        .assert_problem(404);
    let stale = TestRequest::put()
        .uri(&mine)
        .insert_header(("authorization", format!("Bearer {}", s.p.staff_b)))
        .insert_header(("if-match", "\"99\""))
        .set_json(sent.clone());
    assert_eq!(app.call(stale).await.status, 412);
    // Bad input is a 422 whatever If-Match says.
    let bad_with_header = TestRequest::put()
        .uri(&mine)
        .insert_header(("authorization", format!("Bearer {}", s.p.staff_b)))
        .insert_header(("if-match", ""))
        .set_json(json!({"results": "\u{85}text"}));
    assert_eq!(app.call(bad_with_header).await.status, 422);
    let unchanged = app.get(&delegation, Some(&s.head)).await;
    assert_eq!(
        (app.count("audit_events"), &unchanged.body),
        (before.0, &before.1.body)
    );
    assert_eq!(
        results_of(&unchanged.body, &s.p.staff_b_id),
        json!({"text": null, "sent_at": null, "late": false})
    );

    let answered = app.put(&mine, Some(&s.p.staff_b), sent.clone()).await;
    assert_eq!(answered.status, 200, "{}", answered.body);
    let results = results_of(&answered.body, &s.p.staff_b_id);
    assert_eq!(results["text"], sent["results"]);
    assert!(results["sent_at"].is_string(), "{results}");
    assert_eq!(
        answered.header("etag").as_deref(),
        Some(format!("\"{}\"", answered.body["version"]).as_str())
    );
    // The subjects never see the members' results.
    let as_subject = app.get(&delegation, Some(&s.p.manager_a)).await;
    assert_eq!(results_of(&as_subject.body, &s.p.staff_b_id), Value::Null);
    assert_eq!(
        results_of(
            &app.get(&delegation, Some(&s.viewer)).await.body,
            &s.p.staff_b_id
        )["text"],
        sent["results"]
    );

    // Due from the end of the field work: in time before the day, late once it has passed.
    app.post(
        &format!("{delegation}/end-field-work"),
        Some(&s.head),
        json!({}),
    )
    .await;
    let set_due = |days: i64| {
        use diesel::connection::SimpleConnection;
        let day = common::fixtures::today_plus(days);
        let sql = format!("UPDATE delegations SET results_due_on = '{day}'");
        app.pool.get().expect("connection").batch_execute(&sql)
    };
    set_due(2).expect("results due in two days");
    let in_time = app.get(&delegation, Some(&s.head)).await;
    assert_eq!(results_of(&in_time.body, &s.p.staff_b_id)["late"], false);
    assert_eq!(results_of(&in_time.body, &s.head_id)["late"], false);
    set_due(-1).expect("results were due yesterday");
    let overdue = app.get(&delegation, Some(&s.head)).await;
    assert_eq!(results_of(&overdue.body, &s.head_id)["late"], true);
    assert_eq!(
        results_of(&overdue.body, &s.p.staff_b_id)["late"],
        true,
        "sent today, after the day"
    );

    // A removed member no longer reaches the delegation.
    let removed = app
        .delete(
            &format!("{delegation}/members/{}", s.p.staff_b_id),
            Some(&s.supervisor),
        )
        .await;
    assert_eq!(removed.status, 200, "{}", removed.body);
    app.put(&mine, Some(&s.p.staff_b), sent)
        .await
        .assert_problem(404);
});
