//! A subject's report to a delegation through the real App: drafted by the subject's own
//! staff once the notice is issued, submitted by its manager, seen by the delegation only once
//! sent, never by another subject, and returned for a supplementary report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::delegations::{formed, setup};

use serde_json::{json, Value};

fn outline() -> Value {
    json!({"sections": [{"number": "1", "title": "Công tác quán triệt",
        "figures": [{"code": "1.1", "label": "Số cán bộ được quán triệt", "unit": "người"}]}]})
}

fn answers(value: f64) -> Value {
    json!({"answers": [{"section": "1", "text": "Đã tổ chức 2 hội nghị quán triệt",
        "figures": [{"code": "1.1", "value": value}]}]})
}

backend_test!(
    the_subject_drafts_its_manager_submits_and_the_delegation_returns,
    |app| {
        let s = setup(&app).await;
        let id = formed(&app, &s).await;
        let subject = |agency: &str| format!("/api/v1/delegations/{id}/subjects/{agency}");
        let (_, staff) = app.insert_user("staff.a.dept", "agency_staff", Some(&s.p.dept_a));
        let report = format!("{}/report", subject(&s.p.dept_a));
        // Nothing is drafted before the notice is issued.
        app.put(&report, Some(&staff), answers(26.0))
            .await
            .assert_problem(409);
        let notice = format!("{}/notice", subject(&s.p.dept_a));
        app.put(&notice, Some(&s.head), json!({"outline": outline()}))
            .await;
        app.post(&format!("{notice}/issue"), Some(&s.head), json!({}))
            .await;
        let audit_before = app.count("audit_events");
        let bad = json!({"answers": [{"section": "9", "text": "x"}]});
        let refused = app.put(&report, Some(&staff), bad).await;
        refused.assert_problem(422);
        assert_eq!(
            refused.error_fields(),
            vec!["answers[0].section".to_owned()]
        );
        assert_eq!(app.count("audit_events"), audit_before);
        let drafted = app.put(&report, Some(&staff), answers(26.0)).await;
        assert_eq!(drafted.status, 200, "{}", drafted.body);
        assert_eq!(drafted.body["status"], "draft");
        assert_eq!(drafted.body["due_on"], "2018-07-17");
        assert_eq!(drafted.body["late"], true);
        // A draft is the subject's own: the delegation, other subjects and outsiders find nothing.
        app.get(&report, Some(&s.head)).await.assert_problem(404);
        app.get(&report, Some(&s.p.manager_b))
            .await
            .assert_problem(404);
        app.get(&report, Some(&s.outsider))
            .await
            .assert_problem(404);
        app.put(&report, Some(&s.p.manager_b), answers(1.0))
            .await
            .assert_problem(404);
        // Staff draft, the manager submits.
        let submit = format!("{report}/submit");
        app.post(&submit, Some(&staff), json!({}))
            .await
            .assert_problem(403);
        let submitted = app.post(&submit, Some(&s.p.manager_a), json!({})).await;
        assert_eq!(submitted.body["status"], "submitted", "{}", submitted.body);
        assert_eq!(submitted.body["late"], true);
        assert_eq!(
            app.get(&report, Some(&s.head)).await.body["answers"][0]["figures"][0]["value"],
            26.0
        );
        assert_eq!(
            app.get(&report, Some(&s.p.staff_b)).await.body["status"],
            "submitted"
        );
        app.get(&report, Some(&s.p.manager_b))
            .await
            .assert_problem(404);
        app.put(&report, Some(&staff), answers(27.0))
            .await
            .assert_problem(409);
        app.post(&submit, Some(&s.p.manager_a), json!({}))
            .await
            .assert_problem(409);
        // The head asks for a supplementary report; a member may not, and a reason is needed.
        let ret = format!("{report}/return");
        app.post(
            &ret,
            Some(&s.p.staff_b),
            json!({"reason": "Bổ sung số liệu"}),
        )
        .await
        .assert_problem(403);
        app.post(&ret, Some(&s.head), json!({"reason": " "}))
            .await
            .assert_problem(422);
        app.post(
            &ret,
            Some(&s.head),
            json!({"reason": "x", "due_on": "2018-01-01"}),
        )
        .await
        .assert_problem(422);
        let returned = app
            .post(
                &ret,
                Some(&s.head),
                json!({"reason": "Bổ sung số cán bộ được quán triệt"}),
            )
            .await;
        assert_eq!(returned.body["status"], "returned", "{}", returned.body);
        assert_eq!(returned.body["due_on"], common::fixtures::today_plus(5));
        assert_eq!(returned.body["late"], false);
        let supplemented = app.put(&report, Some(&staff), answers(30.0)).await;
        assert_eq!(supplemented.body["status"], "returned");
        let again = app.post(&submit, Some(&s.p.manager_a), json!({})).await;
        assert_eq!(again.body["status"], "submitted");
        assert_eq!(again.body["late"], false);
        assert_eq!(again.body["return_reason"], Value::Null);
        // Another subject without an issued notice drafts nothing.
        let other = format!("{}/report", subject(&s.p.dept_b));
        app.put(&other, Some(&s.p.manager_b), answers(1.0))
            .await
            .assert_problem(409);
    }
);
