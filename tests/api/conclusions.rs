//! A subject's conclusion through the real App: drafted by the delegation once the field work
//! began, hidden from the subject until sent, commented on by the subject's manager, issued by
//! the head as a directive whose recommendations become the subject's follow-up tasks, and
//! never seen by another subject.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use crate::delegations::{body, formed, members, setup, Setup};
use common::TestApp;

use serde_json::{json, Value};

pub(crate) fn draft() -> Value {
    json!({
        "findings": {
            "strengths": "Đã quán triệt Nghị quyết 28-NQ/TW đến 100% cán bộ",
            "shortcomings": "Chưa xây dựng kế hoạch chuyển ngành sang thời chiến",
            "causes": "Chưa bố trí cán bộ chuyên trách"
        },
        "recommendations": [
            {"content": "Hoàn thiện báo cáo với các nội dung Đoàn đã nêu", "due_on": "2018-09-30",
                "target": {"value": 100, "unit": "%"}},
            {"content": "Xây dựng kế hoạch thông tin trong tác chiến phòng thủ", "due_on": "2018-12-31"}
        ]
    })
}

/// A delegation in field work with a draft conclusion for `dept_a` sent to it; the path of
/// that conclusion.
pub(crate) async fn sent_conclusion(app: &TestApp, s: &Setup) -> (String, String) {
    let created = app
        .post(
            "/api/v1/delegations",
            Some(&s.supervisor),
            body(s, members(s)),
        )
        .await;
    let id = created.id();
    let delegation = format!("/api/v1/delegations/{id}");
    let started = app
        .post(
            &format!("{delegation}/start-field-work"),
            Some(&s.head),
            json!({}),
        )
        .await;
    assert_eq!(started.status, 200, "{}", started.body);
    let conclusion = format!("{delegation}/subjects/{}/conclusion", s.p.dept_a);
    let drafted = app.put(&conclusion, Some(&s.p.staff_b), draft()).await;
    assert_eq!(drafted.status, 200, "{}", drafted.body);
    let sent = app
        .post(&format!("{conclusion}/send"), Some(&s.head), json!({}))
        .await;
    assert_eq!(sent.body["status"], "sent", "{}", sent.body);
    (delegation, conclusion)
}

backend_test!(
    the_delegation_drafts_and_the_subject_sees_the_draft_once_sent,
    |app| {
        let s = setup(&app).await;
        let delegation = format!("/api/v1/delegations/{}", formed(&app, &s).await);
        let conclusion = format!("{delegation}/subjects/{}/conclusion", s.p.dept_a);
        // Findings come after the field work began.
        app.put(&conclusion, Some(&s.head), draft())
            .await
            .assert_problem(409);
        app.post(
            &format!("{delegation}/start-field-work"),
            Some(&s.head),
            json!({}),
        )
        .await;
        // The subject does not write the delegation's findings; another subject and outsiders
        // find nothing.
        app.put(&conclusion, Some(&s.p.manager_a), draft())
            .await
            .assert_problem(403);
        app.put(&conclusion, Some(&s.p.manager_b), draft())
            .await
            .assert_problem(404);
        app.put(&conclusion, Some(&s.outsider), draft())
            .await
            .assert_problem(404);
        let mut twice = draft();
        twice["recommendations"][1]["content"] = twice["recommendations"][0]["content"].clone();
        twice["recommendations"][0]["target"]["unit"] = json!(" ");
        let audit_before = app.count("audit_events");
        let refused = app.put(&conclusion, Some(&s.head), twice).await;
        refused.assert_problem(422);
        assert_eq!(
            refused.error_fields(),
            vec![
                "recommendations[0].target.unit",
                "recommendations[1].content"
            ]
        );
        let listed = json!({"findings": [null, null], "recommendations": [["A", "2018-09-30"]]});
        app.put(&conclusion, Some(&s.head), listed)
            .await
            .assert_problem(422);
        assert_eq!(app.count("delegation_conclusions"), 0);
        assert_eq!(app.count("audit_events"), audit_before);
        // A member drafts; the draft is the delegation's own until sent.
        let drafted = app.put(&conclusion, Some(&s.p.staff_b), draft()).await;
        assert_eq!(drafted.status, 200, "{}", drafted.body);
        assert_eq!(drafted.body["status"], "drafting");
        assert_eq!(drafted.body["recommendations"][1]["position"], 2);
        assert_eq!(drafted.body["recommendations"][1]["task_id"], Value::Null);
        let read = app.get(&conclusion, Some(&s.viewer)).await;
        assert_eq!(
            read.body["findings"]["causes"],
            draft()["findings"]["causes"]
        );
        app.get(&conclusion, Some(&s.p.manager_a))
            .await
            .assert_problem(404);
        // The draft is due by the delegation's date, set when its field work ends; as if it
        // had ended long ago, an unsent draft is late, and in time again with a later date.
        assert_eq!(drafted.body["draft_due_on"], Value::Null);
        assert_eq!(drafted.body["draft_late"], false);
        let set_due = |days: i64| {
            use diesel::connection::SimpleConnection;
            let day = crate::common::fixtures::today_plus(days);
            let sql = format!("UPDATE delegations SET conclusions_due_on = '{day}'");
            app.pool.get().expect("connection").batch_execute(&sql)
        };
        set_due(-1).expect("the field work ended long ago");
        let overdue = app.get(&conclusion, Some(&s.head)).await;
        assert_eq!(
            overdue.body["draft_due_on"],
            crate::common::fixtures::today_plus(-1)
        );
        assert_eq!(overdue.body["draft_late"], true);
        set_due(2).expect("the field work ended lately");
        let comments = format!("{conclusion}/comments");
        let comment = json!({"comments": "Đề nghị điều chỉnh thời hạn kiến nghị 2"});
        app.put(&comments, Some(&s.p.manager_a), comment.clone())
            .await
            .assert_problem(404);
        // The head sends it; a plain member may not.
        let send = format!("{conclusion}/send");
        app.post(&send, Some(&s.p.staff_b), json!({}))
            .await
            .assert_problem(403);
        let sent = app.post(&send, Some(&s.head), json!({})).await;
        assert_eq!(sent.body["status"], "sent", "{}", sent.body);
        assert_eq!(
            sent.body["draft_due_on"],
            crate::common::fixtures::today_plus(2)
        );
        assert_eq!(sent.body["draft_late"], false);
        assert!(sent.body["comments_due_on"].is_string());
        assert_eq!(
            sent.body["conclusion_due_on"],
            crate::common::fixtures::today_plus(15)
        );
        app.post(&send, Some(&s.head), json!({}))
            .await
            .assert_problem(409);
        let (_, staff) = app.insert_user("staff.a.dept", "agency_staff", Some(&s.p.dept_a));
        let seen = app.get(&conclusion, Some(&staff)).await;
        assert_eq!(seen.body["status"], "sent", "{}", seen.body);
        app.get(&conclusion, Some(&s.p.manager_b))
            .await
            .assert_problem(404);
        // The subject's manager comments; its staff may not, and blank comments are refused.
        app.put(&comments, Some(&staff), comment.clone())
            .await
            .assert_problem(403);
        app.put(&comments, Some(&s.p.manager_a), json!({"comments": " "}))
            .await
            .assert_problem(422);
        let commented = app.put(&comments, Some(&s.p.manager_a), comment).await;
        assert_eq!(commented.status, 200, "{}", commented.body);
        assert_eq!(commented.body["comments_late"], false);
        assert_eq!(
            app.get(&conclusion, Some(&s.head)).await.body["comments"],
            "Đề nghị điều chỉnh thời hạn kiến nghị 2"
        );
    }
);

backend_test!(
    an_issued_conclusion_registers_a_directive_and_follow_up_tasks,
    |app| {
        let s = setup(&app).await;
        let (delegation, conclusion) = sent_conclusion(&app, &s).await;
        let issue = format!("{conclusion}/issue");
        let good = json!({"number": "127-KL/TU", "issued_on": "2018-08-31"});
        let plan = format!("{conclusion}/implementation-plan");
        let plan_body = json!({"number": "45/KH-STTTT", "issued_on": "2018-09-10"});
        // The subject's plan carries out an issued conclusion, not a draft.
        app.put(&plan, Some(&s.p.manager_a), plan_body.clone())
            .await
            .assert_problem(409);
        // Only after the field work, by the head.
        app.post(&issue, Some(&s.head), good.clone())
            .await
            .assert_problem(409);
        app.post(
            &format!("{delegation}/end-field-work"),
            Some(&s.head),
            json!({}),
        )
        .await;
        app.post(&issue, Some(&s.p.staff_b), good.clone())
            .await
            .assert_problem(403);
        app.post(&issue, Some(&s.p.manager_b), good.clone())
            .await
            .assert_problem(404);
        // A recommendation due before the issue date, or a bad number: nothing is registered.
        let (directives, tasks) = (app.count("directives"), app.count("tasks"));
        let late = app
            .post(
                &issue,
                Some(&s.head),
                json!({"number": "127-KL/TU", "issued_on": "2018-10-01"}),
            )
            .await;
        late.assert_problem(422);
        assert_eq!(late.error_fields(), vec!["recommendations[0].due_on"]);
        let bad = app
            .post(
                &issue,
                Some(&s.head),
                json!({"number": "kết luận", "issued_on": "2018-08-31"}),
            )
            .await;
        assert_eq!(bad.error_fields(), vec!["number"]);
        assert_eq!(
            (app.count("directives"), app.count("tasks")),
            (directives, tasks)
        );
        assert_eq!(app.count("recommendations"), 0);
        // The same notice registered already: nothing is written, the delegation does not move.
        let taken = json!({"kind": "notice", "number": "127-TB/TU", "issuer": "Tỉnh ủy",
            "issued_on": "2018-08-31", "title": "Thông báo đã có"});
        let registered = app
            .post("/api/v1/directives", Some(&s.supervisor), taken)
            .await;
        assert_eq!(registered.status, 201, "{}", registered.body);
        let again = json!({"kind": "notice", "number": "127-TB/TU", "issued_on": "2018-08-31"});
        app.post(&issue, Some(&s.head), again)
            .await
            .assert_problem(409);
        assert_eq!(app.count("tasks"), tasks);
        let status = app.get(&delegation, Some(&s.head)).await.body["status"].clone();
        assert_eq!(status, "field_work_ended");
        let issued = app.post(&issue, Some(&s.head), good.clone()).await;
        assert_eq!(issued.status, 200, "{}", issued.body);
        assert_eq!(issued.body["status"], "concluded");
        assert_eq!(issued.body["issued_on"], "2018-08-31");
        assert_eq!(issued.body["implementation_plan_due_on"], "2018-09-15");
        assert_eq!(issued.body["conclusion_late"], false);
        // Issued in 2018, the plan due 15 days later is overdue until the manager records it.
        assert_eq!(issued.body["implementation_plan"], Value::Null);
        assert_eq!(issued.body["implementation_plan_late"], true);
        let (_, staff) = app.insert_user("staff.a.plan", "agency_staff", Some(&s.p.dept_a));
        app.put(&plan, Some(&staff), plan_body.clone())
            .await
            .assert_problem(403);
        app.put(&plan, Some(&s.p.manager_b), plan_body.clone())
            .await
            .assert_problem(404);
        let before = app.count("audit_events");
        for (bad, field) in [
            (
                json!({"number": "kế hoạch", "issued_on": "2018-09-10"}),
                "number",
            ),
            (
                json!({"number": "45/KH-STTTT", "issued_on": "2018-08-30"}),
                "issued_on",
            ),
            (
                json!({"number": "45/KH-STTTT", "issued_on": "2999-01-01"}),
                "issued_on",
            ),
        ] {
            let refused = app.put(&plan, Some(&s.p.manager_a), bad).await;
            refused.assert_problem(422);
            assert_eq!(refused.error_fields(), vec![field]);
        }
        assert_eq!(app.count("audit_events"), before);
        let recorded = app.put(&plan, Some(&s.p.manager_a), plan_body).await;
        assert_eq!(recorded.status, 200, "{}", recorded.body);
        assert_eq!(
            recorded.body["implementation_plan"]["number"],
            "45/KH-STTTT"
        );
        assert_eq!(
            recorded.body["implementation_plan"]["issued_on"],
            "2018-09-10"
        );
        assert_eq!(recorded.body["implementation_plan_late"], false);
        assert_eq!(
            recorded.body["recommendations"][0]["id"],
            issued.body["recommendations"][0]["id"]
        );
        assert_eq!(app.count("audit_events"), before + 1);
        let first = &issued.body["recommendations"][0];
        let directive_id = issued.body["conclusion_id"].as_str().unwrap();
        // The conclusion is in the register, issued by the leading body under the legal bases.
        let directive = app
            .get(
                &format!("/api/v1/directives/{directive_id}"),
                Some(&s.p.staff_a),
            )
            .await;
        assert_eq!(directive.body["kind"], "conclusion", "{}", directive.body);
        assert_eq!(directive.body["issuer"], "Cơ quan TINH-UY");
        assert_eq!(directive.body["based_on"], json!([s.directive]));
        // Each recommendation is the subject's task under it, naming its recommendation.
        let task_path = format!("/api/v1/tasks/{}", first["task_id"].as_str().unwrap());
        let task = app.get(&task_path, Some(&s.p.manager_a)).await;
        assert_eq!(task.status, 200, "{}", task.body);
        assert_eq!(task.body["recommendation_id"], first["id"]);
        assert_eq!(task.body["lead_agency_id"], s.p.dept_a);
        assert_eq!(task.body["directive_id"], directive_id);
        assert_eq!(task.body["due_on"], "2018-09-30");
        assert_eq!(task.body["target"], json!({"value": 100.0, "unit": "%"}));
        app.get(&task_path, Some(&s.p.manager_b))
            .await
            .assert_problem(404);
        assert_eq!(app.count("recommendations"), 2);
        let moved = app.get(&delegation, Some(&s.head)).await;
        assert_eq!(moved.body["status"], "following_up");
        let read = app.get(&conclusion, Some(&s.p.manager_a)).await;
        assert!(read.body["recommendations"][1]["task_id"].is_string());
        // An issued conclusion does not change nor issue twice.
        app.put(&conclusion, Some(&s.head), draft())
            .await
            .assert_problem(409);
        app.post(&issue, Some(&s.head), good)
            .await
            .assert_problem(409);
    }
);

fn ids(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

backend_test!(
    recommendations_are_followed_up_by_their_tasks_in_each_reach,
    |app| {
        let s = setup(&app).await;
        let (delegation, conclusion) = sent_conclusion(&app, &s).await;
        app.post(
            &format!("{delegation}/end-field-work"),
            Some(&s.head),
            json!({}),
        )
        .await;
        let issued = app
            .post(
                &format!("{conclusion}/issue"),
                Some(&s.head),
                json!({"number": "127-KL/TU", "issued_on": "2018-08-31"}),
            )
            .await;
        assert_eq!(issued.status, 200, "{}", issued.body);
        let list = "/api/v1/recommendations";
        // The subject, the delegation's head and the province see them; another subject and an
        // outsider see none.
        let subject = app.get(list, Some(&s.p.manager_a)).await;
        assert_eq!(subject.status, 200, "{}", subject.body);
        assert_eq!(ids(&subject.body).len(), 2);
        assert_eq!(subject.body["items"][0]["state"], "overdue");
        assert_eq!(subject.body["items"][0]["position"], 1);
        assert_eq!(ids(&app.get(list, Some(&s.head)).await.body).len(), 2);
        assert!(ids(&app.get(list, Some(&s.p.manager_b)).await.body).is_empty());
        assert!(ids(&app.get(list, Some(&s.outsider)).await.body).is_empty());
        // A cancelled task cancels its recommendation; states filter in SQL.
        let task = issued.body["recommendations"][1]["task_id"]
            .as_str()
            .unwrap();
        let cancelled = app
            .post(
                &format!("/api/v1/tasks/{task}/cancel"),
                Some(&s.supervisor),
                json!({"comment": "Đã có kết luận thay thế"}),
            )
            .await;
        assert_eq!(cancelled.status, 200, "{}", cancelled.body);
        let by_state = |state: &str| format!("{list}?state={state}");
        let got = app.get(&by_state("cancelled"), Some(&s.viewer)).await;
        assert_eq!(
            ids(&got.body),
            vec![issued.body["recommendations"][1]["id"].as_str().unwrap()]
        );
        let overdue = app.get(&by_state("overdue"), Some(&s.viewer)).await;
        assert_eq!(
            overdue.body["items"][0]["task_id"],
            issued.body["recommendations"][0]["task_id"]
        );
        assert_eq!(ids(&overdue.body).len(), 1);
        let flagged = app
            .get(&format!("{list}?overdue=true"), Some(&s.viewer))
            .await;
        assert_eq!(ids(&flagged.body), ids(&overdue.body));
        let not_overdue = app
            .get(&format!("{list}?overdue=false"), Some(&s.viewer))
            .await;
        assert_eq!(ids(&not_overdue.body), ids(&got.body));
        assert!(ids(&app
            .get(&by_state("done_on_time"), Some(&s.viewer))
            .await
            .body)
        .is_empty());
        // Filters by subject and delegation, pages by cursor, and refuses bad filters.
        let other = format!("{list}?agency_id={}", s.p.dept_b);
        assert!(ids(&app.get(&other, Some(&s.supervisor)).await.body).is_empty());
        let first = app
            .get(&format!("{list}?limit=1"), Some(&s.supervisor))
            .await;
        let cursor = first.body["next_cursor"].as_str().unwrap();
        let second = app
            .get(
                &format!("{list}?limit=1&cursor={cursor}"),
                Some(&s.supervisor),
            )
            .await;
        assert_eq!(second.body["items"][0]["position"], 2);
        assert_eq!(second.body["next_cursor"], Value::Null);
        // The next delegation to the subject reads the one still open in its dossier; the
        // delegation that made them does not.
        let mut next = body(&s, members(&s));
        next["decision_number"] = json!("140-QĐ/TU");
        let next = app
            .post("/api/v1/delegations", Some(&s.supervisor), next)
            .await;
        let dossier = |d: &str| format!("{d}/subjects/{}/dossier", s.p.dept_a);
        let later = format!("/api/v1/delegations/{}", next.id());
        let read = app.get(&dossier(&later), Some(&s.head)).await;
        assert_eq!(read.status, 200, "{}", read.body);
        let earlier = read.body["earlier_recommendations"].as_array().unwrap();
        assert_eq!(earlier.len(), 1);
        assert_eq!(earlier[0]["state"], "overdue");
        let own = app.get(&dossier(&delegation), Some(&s.head)).await;
        assert_eq!(own.body["earlier_recommendations"], json!([]));
        // The delegation's side reads the follow-up task and its sent reports through its grant.
        let followed = format!("{delegation}/subjects/{}/tasks/{task}", s.p.dept_a);
        let read = app.get(&followed, Some(&s.p.staff_b)).await;
        assert_eq!(read.status, 200, "{}", read.body);
        assert_eq!(read.body["status"], "cancelled");
        let reports = app
            .get(&format!("{followed}/reports"), Some(&s.p.staff_b))
            .await;
        assert_eq!(reports.body["items"], json!([]), "{}", reports.body);
        app.get(&followed, Some(&s.p.manager_a))
            .await
            .assert_problem(403);
        app.get(&followed, Some(&s.outsider))
            .await
            .assert_problem(404);
        let elsewhere = format!("{delegation}/subjects/{}/tasks/{task}", s.p.dept_b);
        app.get(&elsewhere, Some(&s.head)).await.assert_problem(404);
        // While one is open, only a closing decision closes the delegation.
        let close = format!("{delegation}/close");
        let refused = app
            .post(&close, Some(&s.head), json!({"reason": "Đã thực hiện"}))
            .await;
        refused.assert_problem(409);
        assert!(refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("1 of its recommendations"));
        app.post(
            &close,
            Some(&s.head),
            json!({"reason": "x", "closing_decision": "số 1"}),
        )
        .await
        .assert_problem(422);
        let closed = app
            .post(
                &close,
                Some(&s.head),
                json!({"reason": "Kết thúc theo quyết định", "closing_decision": "150-QĐ/TU"}),
            )
            .await;
        assert_eq!(closed.body["status"], "closed", "{}", closed.body);
        assert_eq!(closed.body["closing_decision"], "150-QĐ/TU");
        app.get(&by_state("done"), Some(&s.viewer))
            .await
            .assert_problem(422);
        app.get(&format!("{list}?limit=0"), Some(&s.viewer))
            .await
            .assert_problem(422);
    }
);
