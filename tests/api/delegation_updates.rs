//! Correcting a delegation's decision through the real App: checked as on creation, the
//! subjects' planned days kept inside the field work, overseers only, nothing written on bad
//! input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::delegations::{body, formed, members, setup};

use serde_json::json;

backend_test!(
    an_overseer_corrects_the_decision_and_bad_changes_write_nothing,
    |app| {
        let s = setup(&app).await;
        let id = app
            .post(
                "/api/v1/delegations",
                Some(&s.supervisor),
                body(&s, members(&s)),
            )
            .await
            .id();
        let path = format!("/api/v1/delegations/{id}");
        let before = (app.count("audit_events"), app.count("delegation_bases"));
        for (bad, field) in [
            (json!({"review_from": "2010-01-01"}), "review_to"),
            (json!({"field_work_to": "2018-07-23"}), "field_work_to"),
            (json!({"field_work_from": null}), "field_work_to"),
            (
                json!({"legal_bases": [uuid::Uuid::now_v7()]}),
                "legal_bases[0]",
            ),
            (json!({"legal_bases": []}), "legal_bases"),
            (json!({"decision_number": "không số"}), "decision_number"),
            (json!({"title": ""}), "title"),
        ] {
            let refused = app.patch(&path, Some(&s.supervisor), bad.clone()).await;
            refused.assert_problem(422);
            assert_eq!(
                refused.error_fields(),
                vec![field.to_owned()],
                "{bad}: {}",
                refused.body
            );
        }
        assert_eq!(
            (app.count("audit_events"), app.count("delegation_bases")),
            before
        );
        app.patch(&path, Some(&s.head), json!({"title": "Sửa"}))
            .await
            .assert_problem(403);
        app.patch(&path, Some(&s.outsider), json!({"title": "Sửa"}))
            .await
            .assert_problem(404);
        let changed = app
        .patch(
            &path,
            Some(&s.supervisor),
            json!({"decision_number": "126-QĐ/TU", "content": "", "field_work_to": "2018-08-31"}),
        )
        .await;
        assert_eq!(changed.status, 200, "{}", changed.body);
        assert_eq!(changed.body["decision_number"], "126-QĐ/TU");
        assert_eq!(changed.body["field_work_to"], "2018-08-31");
        assert_eq!(changed.body["version"], 2);
        assert_eq!(app.count("audit_events"), before.0 + 1);
    }
);

backend_test!(a_decision_extends_the_field_work_once_by_a_third, |app| {
    let s = setup(&app).await;
    let delegation = format!("/api/v1/delegations/{}", formed(&app, &s).await);
    let extend = format!("{delegation}/extend-field-work");
    let to = |day: &str| json!({"field_work_to": day, "decision_number": "131-QĐ/TU"});
    app.post(&extend, Some(&s.p.staff_b), to("2018-09-17"))
        .await
        .assert_problem(403);
    app.post(&extend, Some(&s.outsider), to("2018-09-17"))
        .await
        .assert_problem(404);
    let audit_before = app.count("audit_events");
    let earlier = app.post(&extend, Some(&s.head), to("2018-08-29")).await;
    assert_eq!(earlier.error_fields(), vec!["field_work_to"]);
    let beyond = app.post(&extend, Some(&s.head), to("2018-09-18")).await;
    assert_eq!(beyond.error_fields(), vec!["field_work_to"]);
    let unnumbered = json!({"field_work_to": "2018-09-17", "decision_number": "gia hạn"});
    let refused = app.post(&extend, Some(&s.head), unnumbered).await;
    assert_eq!(refused.error_fields(), vec!["decision_number"]);
    assert_eq!(app.count("audit_events"), audit_before);
    // 60 days from 20 July: the default 45 and one third.
    let extended = app.post(&extend, Some(&s.head), to("2018-09-17")).await;
    assert_eq!(extended.status, 200, "{}", extended.body);
    assert_eq!(extended.body["field_work_to"], "2018-09-17");
    assert_eq!(extended.body["extension_decision"], "131-QĐ/TU");
    app.post(&extend, Some(&s.head), to("2018-09-18"))
        .await
        .assert_problem(409);
    // Later corrections of the decision keep the extended limit.
    let renamed = app
        .patch(
            &delegation,
            Some(&s.supervisor),
            json!({"title": "Giám sát Nghị quyết 28-NQ/TW (gia hạn)"}),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
});
