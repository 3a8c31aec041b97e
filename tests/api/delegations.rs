//! Supervision delegations through the real App: forming one, the members' grant starting and
//! ending, subjects seeing only their own entry, and what is refused with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{fixtures, Province, TestApp};
use serde_json::{json, Value};

pub(crate) struct Setup {
    pub p: Province,
    pub lead: String,
    pub directive: String,
    pub supervisor: String,
    pub head_id: String,
    pub head: String,
    pub viewer: String,
    pub outsider: String,
}

pub(crate) async fn setup(app: &TestApp) -> Setup {
    let p = common::province(app).await;
    let lead = app.create_agency(&p.admin, "TINH-UY", None).await;
    let dept_c = app.create_agency(&p.admin, "DEPT-C", None).await;
    let directive = fixtures::directive(app, &p.admin).await;
    let (_, supervisor) = app.insert_user("supervisor", "supervisor", None);
    let (head_id, head) = app.insert_user("inspector", "inspector", None);
    let (_, viewer) = app.insert_user("viewer", "viewer", None);
    let (_, outsider) = app.insert_user("staff.c", "agency_staff", Some(&dept_c));
    Setup {
        p,
        lead,
        directive,
        supervisor,
        head_id,
        head,
        viewer,
        outsider,
    }
}

pub(crate) fn body(s: &Setup, members: Value) -> Value {
    json!({
        "kind": "supervision",
        "title": "Giám sát việc thực hiện Nghị quyết 28-NQ/TW",
        "leading_agency_id": s.lead,
        "decision_number": "125-QĐ/TU",
        "decided_on": "2018-07-02",
        "review_from": "2013-07-01",
        "review_to": "2018-06-30",
        "field_work_from": "2018-07-20",
        "field_work_to": "2018-08-30",
        "legal_bases": [s.directive],
        "members": members,
        "subjects": [
            {"agency_id": s.p.dept_a, "planned_from": "2018-07-24", "planned_to": "2018-07-24"},
            {"agency_id": s.p.dept_b}
        ]
    })
}

/// Forms the delegation of [`body`] with [`members`] as the supervisor; returns its id.
pub(crate) async fn formed(app: &TestApp, s: &Setup) -> String {
    let created = app
        .post(
            "/api/v1/delegations",
            Some(&s.supervisor),
            body(s, members(s)),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    created.id()
}

pub(crate) fn members(s: &Setup) -> Value {
    json!([{"user_id": s.head_id, "role": "head"}, {"user_id": s.p.staff_b_id, "role": "member"}])
}

fn subject_ids(delegation: &Value) -> Vec<String> {
    delegation["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["agency_id"].as_str().unwrap().to_owned())
        .collect()
}

backend_test!(
    a_members_grant_starts_with_the_delegation_and_ends_with_it,
    |app| {
        let s = setup(&app).await;
        let created = app
            .post(
                "/api/v1/delegations",
                Some(&s.supervisor),
                body(&s, members(&s)),
            )
            .await;
        assert_eq!(created.status, 201, "{}", created.body);
        assert_eq!(created.body["status"], "preparing");
        assert_eq!(created.body["standing"], "overseer");
        let id = created.id();
        let path = format!("/api/v1/delegations/{id}");
        // A subject sees its own entry only; a member and the province's readers see all.
        let as_a = app.get(&path, Some(&s.p.manager_a)).await;
        assert_eq!(as_a.body["standing"], "subject", "{}", as_a.body);
        assert_eq!(subject_ids(&as_a.body), vec![s.p.dept_a.clone()]);
        let as_b = app.get(&path, Some(&s.p.manager_b)).await;
        assert_eq!(subject_ids(&as_b.body), vec![s.p.dept_b.clone()]);
        let member = app.get(&path, Some(&s.p.staff_b)).await;
        assert_eq!(member.body["standing"], "member");
        assert_eq!(member.body["member_role"], "member");
        assert_eq!(subject_ids(&member.body).len(), 2);
        assert_eq!(
            app.get(&path, Some(&s.viewer)).await.body["standing"],
            "reader"
        );
        // Outside every standing: the same 404 as an id that does not exist.
        let foreign = app.get(&path, Some(&s.outsider)).await;
        foreign.assert_problem(404);
        let missing = app
            .get(
                &format!("/api/v1/delegations/{}", uuid::Uuid::now_v7()),
                Some(&s.outsider),
            )
            .await;
        assert_eq!(foreign.body["detail"], missing.body["detail"]);
        let listed = app.get("/api/v1/delegations", Some(&s.outsider)).await;
        assert_eq!(listed.body["items"], json!([]));
        // A subject filter naming another department reveals nothing to a subject.
        let probe = format!("/api/v1/delegations?subject_agency_id={}", s.p.dept_b);
        assert_eq!(
            app.get(&probe, Some(&s.p.manager_a)).await.body["items"],
            json!([])
        );
        assert_eq!(
            app.get(&probe, Some(&s.viewer)).await.body["items"][0]["id"],
            id.as_str()
        );
        // A division's staff does not see its department's delegation.
        app.get(&path, Some(&s.p.staff_a)).await.assert_problem(404);
        let own = format!("/api/v1/delegations?subject_agency_id={}", s.p.dept_a);
        assert_eq!(
            app.get(&own, Some(&s.p.manager_a)).await.body["items"][0]["id"],
            id.as_str()
        );
        // Removing the member ends its access at once; adding it again restores it.
        let member_path = format!("{path}/members/{}", s.p.staff_b_id);
        let removed = app.delete(&member_path, Some(&s.supervisor)).await;
        assert_eq!(removed.status, 200, "{}", removed.body);
        app.get(&path, Some(&s.p.staff_b)).await.assert_problem(404);
        let again = app
            .put(
                &member_path,
                Some(&s.supervisor),
                json!({"role": "secretary"}),
            )
            .await;
        assert_eq!(again.body["version"], 3);
        assert_eq!(
            app.get(&path, Some(&s.p.staff_b)).await.body["member_role"],
            "secretary"
        );
        // The head runs the field work; a member may not, and a step out of order is 409.
        let start = format!("{path}/start-field-work");
        app.post(&start, Some(&s.p.staff_b), json!({}))
            .await
            .assert_problem(403);
        let started = app.post(&start, Some(&s.head), json!({})).await;
        assert_eq!(started.body["status"], "field_work", "{}", started.body);
        let again = app.post(&start, Some(&s.head), json!({})).await;
        again.assert_problem(409);
        assert!(again.body["detail"]
            .as_str()
            .unwrap()
            .contains("field_work"));
        let ended = app
            .post(&format!("{path}/end-field-work"), Some(&s.head), json!({}))
            .await;
        assert_eq!(ended.body["status"], "field_work_ended");
        // The head closes it: the members' grant ends, the subjects keep their records.
        let close = format!("{path}/close");
        app.post(&close, Some(&s.p.staff_b), json!({"reason": "x"}))
            .await
            .assert_problem(403);
        let closed = app
            .post(
                &close,
                Some(&s.head),
                json!({"reason": "Các kiến nghị đã được thực hiện"}),
            )
            .await;
        assert_eq!(closed.status, 200, "{}", closed.body);
        assert_eq!(closed.body["status"], "closed");
        app.get(&path, Some(&s.p.staff_b)).await.assert_problem(404);
        assert_eq!(
            app.get(&path, Some(&s.p.manager_a)).await.body["standing"],
            "subject"
        );
        app.post(&close, Some(&s.supervisor), json!({"reason": "again"}))
            .await
            .assert_problem(409);
        app.put(&member_path, Some(&s.supervisor), json!({"role": "member"}))
            .await
            .assert_problem(409);
    }
);

backend_test!(
    forming_a_delegation_refuses_bad_input_and_writes_nothing,
    |app| {
        let s = setup(&app).await;
        app.post(
            "/api/v1/delegations",
            Some(&s.p.staff_a),
            body(&s, json!([])),
        )
        .await
        .assert_problem(403);
        let before = (app.count("delegations"), app.count("audit_events"));
        let random = uuid::Uuid::now_v7().to_string();
        let cases: Vec<(Value, &str)> = vec![
            (json!({"review_from": "2012-01-01"}), "review_to"),
            (json!({"review_to": "2013-01-01"}), "review_to"),
            (json!({"decided_on": "2018-07-25"}), "field_work_from"),
            (json!({"field_work_to": "2018-09-30"}), "field_work_to"),
            (json!({"field_work_to": null}), "field_work_to"),
            (json!({"legal_bases": [random]}), "legal_bases[0]"),
            (json!({"legal_bases": []}), "legal_bases"),
            (json!({"subjects": []}), "subjects"),
            (json!({"decision_number": "QĐ 125"}), "decision_number"),
            (json!({"title": " "}), "title"),
            (
                json!({"members": [{"user_id": s.head_id, "role": "head"}, {"user_id": s.p.staff_b_id, "role": "head"}]}),
                "members",
            ),
            (
                json!({"members": [{"user_id": random, "role": "member"}]}),
                "members[0].user_id",
            ),
            (
                json!({"subjects": [{"agency_id": s.lead}]}),
                "subjects[0].agency_id",
            ),
            (
                json!({"subjects": [{"agency_id": random}]}),
                "subjects[0].agency_id",
            ),
            (
                json!({"subjects": [{"agency_id": s.p.dept_a, "planned_from": "2018-09-01", "planned_to": "2018-09-02"}]}),
                "subjects[0].planned_to",
            ),
            (
                json!({"subjects": [{"agency_id": s.p.dept_a, "planned_from": "2018-07-24"}]}),
                "subjects[0].planned_to",
            ),
            (json!({"leading_agency_id": random}), "leading_agency_id"),
        ];
        for (change, field) in cases {
            let mut bad = body(&s, members(&s));
            for (key, value) in change.as_object().unwrap() {
                bad[key] = value.clone();
            }
            let refused = app
                .post("/api/v1/delegations", Some(&s.supervisor), bad)
                .await;
            refused.assert_problem(422);
            assert_eq!(
                refused.error_fields(),
                vec![field.to_owned()],
                "{change}: {}",
                refused.body
            );
        }
        assert_eq!(
            (app.count("delegations"), app.count("audit_events")),
            before
        );
        // A manager forms its own body's delegations, with subjects in its subtree only; another
        // department's agency answers like an unknown one.
        let mut own = body(&s, json!([]));
        own["leading_agency_id"] = json!(s.p.dept_a);
        own["subjects"] = json!([{"agency_id": s.p.division_a}]);
        let formed = app
            .post("/api/v1/delegations", Some(&s.p.manager_a), own.clone())
            .await;
        assert_eq!(formed.status, 201, "{}", formed.body);
        let mut foreign = own.clone();
        foreign["decision_number"] = json!("126-QĐ/TU");
        foreign["subjects"] = json!([{"agency_id": s.p.division_b}]);
        let refused = app
            .post("/api/v1/delegations", Some(&s.p.manager_a), foreign.clone())
            .await;
        foreign["subjects"] = json!([{"agency_id": random}]);
        let unknown = app
            .post("/api/v1/delegations", Some(&s.p.manager_a), foreign)
            .await;
        assert_eq!(refused.body["errors"], unknown.body["errors"]);
        let mut other_lead = own.clone();
        other_lead["leading_agency_id"] = json!(s.p.dept_b);
        let refused = app
            .post("/api/v1/delegations", Some(&s.p.manager_a), other_lead)
            .await;
        assert_eq!(refused.error_fields(), vec!["leading_agency_id".to_owned()]);
        // The same decision of the same body twice is a conflict.
        app.post("/api/v1/delegations", Some(&s.p.manager_a), own)
            .await
            .assert_problem(409);
        // Only overseers change members; a subject is forbidden, an outsider finds nothing.
        let member_path = format!("/api/v1/delegations/{}/members/{}", formed.id(), s.head_id);
        app.put(&member_path, Some(&s.p.staff_a), json!({"role": "member"}))
            .await
            .assert_problem(403);
        app.put(&member_path, Some(&s.outsider), json!({"role": "member"}))
            .await
            .assert_problem(404);
        let subject_path = format!(
            "/api/v1/delegations/{}/subjects/{}",
            formed.id(),
            s.p.dept_b
        );
        let refused = app
            .put(&subject_path, Some(&s.p.manager_a), json!({}))
            .await;
        assert_eq!(refused.error_fields(), vec!["agency_id".to_owned()]);
    }
);
