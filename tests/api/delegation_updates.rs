//! Correcting a delegation's decision through the real App: checked as on creation, the
//! subjects' planned days kept inside the field work, overseers only, nothing written on bad
//! input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::delegations::{body, members, setup};

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
