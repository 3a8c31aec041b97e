//! A delegation's notices through the real App: members draft the outline, the head issues it,
//! the subject sees only its own and only once issued; a non-member inspector writes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::delegations::{formed, setup};

use serde_json::{json, Value};

fn outline() -> Value {
    json!({"sections": [
        {"number": "1", "title": "Công tác quán triệt, tuyên truyền",
         "guidance": "Nêu số hội nghị quán triệt Nghị quyết 28-NQ/TW",
         "figures": [{"code": "1.1", "label": "Số cán bộ được quán triệt", "unit": "người"}]},
        {"number": "2", "title": "Xây dựng kế hoạch thông tin trong tác chiến phòng thủ", "figures": []}
    ]})
}

backend_test!(
    members_draft_the_notice_and_the_subject_sees_it_once_issued,
    |app| {
        let s = setup(&app).await;
        let id = formed(&app, &s).await;
        let notice = format!("/api/v1/delegations/{id}/subjects/{}/notice", s.p.dept_a);
        // A member drafts it; the due date defaults to 5 working days before Tuesday 24/07/2018.
        let drafted = app
            .put(&notice, Some(&s.p.staff_b), json!({"outline": outline()}))
            .await;
        assert_eq!(drafted.status, 200, "{}", drafted.body);
        assert_eq!(drafted.body["report_due_on"], "2018-07-17");
        assert_eq!(drafted.body["issued"], false);
        assert_eq!(
            drafted.body["outline"]["sections"][0]["figures"][0]["unit"],
            "người"
        );
        // The subject does not see a draft, may not write it, and an outsider finds nothing.
        app.get(&notice, Some(&s.p.manager_a))
            .await
            .assert_problem(404);
        app.put(&notice, Some(&s.p.manager_a), json!({"outline": outline()}))
            .await
            .assert_problem(403);
        app.get(&notice, Some(&s.outsider))
            .await
            .assert_problem(404);
        let (_, other_inspector) = app.insert_user("inspector.2", "inspector", None);
        app.put(
            &notice,
            Some(&other_inspector),
            json!({"outline": outline()}),
        )
        .await
        .assert_problem(403);
        // Only the head (or an overseer) issues it; then the subject reads it and it is fixed.
        let issue = format!("{notice}/issue");
        app.post(&issue, Some(&s.p.staff_b), json!({}))
            .await
            .assert_problem(403);
        let issued = app.post(&issue, Some(&s.head), json!({})).await;
        assert_eq!(issued.status, 200, "{}", issued.body);
        assert_eq!(issued.body["issued"], true);
        let read = app.get(&notice, Some(&s.p.manager_a)).await;
        assert_eq!(read.body["outline"], issued.body["outline"]);
        app.get(&notice, Some(&s.p.manager_b))
            .await
            .assert_problem(404);
        app.put(&notice, Some(&s.head), json!({"outline": outline()}))
            .await
            .assert_problem(409);
        app.post(&issue, Some(&s.head), json!({}))
            .await
            .assert_problem(409);
    }
);

backend_test!(a_bad_notice_is_refused_with_nothing_written, |app| {
    let s = setup(&app).await;
    let id = formed(&app, &s).await;
    // Department B has no planned days: its notice needs a due date.
    let notice = format!("/api/v1/delegations/{id}/subjects/{}/notice", s.p.dept_b);
    let before = app.count("audit_events");
    let cases = [
        (json!({"outline": outline()}), vec!["report_due_on"]),
        (
            json!({"outline": outline(), "report_due_on": "2018-01-01"}),
            vec!["report_due_on"],
        ),
        (
            json!({"outline": {"sections": []}, "report_due_on": "2018-07-20"}),
            vec!["outline.sections"],
        ),
        (
            json!({"outline": {"sections": [
                {"number": "1", "title": "A", "figures": [{"code": "x", "label": "Số"}]},
                {"number": "1", "title": " ", "figures": [{"code": "x", "label": "Số"}]}
            ]}, "report_due_on": "2018-07-20"}),
            vec![
                "outline.sections[1].number",
                "outline.sections[1].title",
                "outline.sections[1].figures[0].code",
            ],
        ),
    ];
    for (bad, fields) in cases {
        let refused = app.put(&notice, Some(&s.head), bad).await;
        refused.assert_problem(422);
        assert_eq!(refused.error_fields(), fields, "{}", refused.body);
    }
    app.post(&format!("{notice}/issue"), Some(&s.head), json!({}))
        .await
        .assert_problem(409);
    let not_subject = format!(
        "/api/v1/delegations/{id}/subjects/{}/notice",
        s.p.division_a
    );
    app.get(&not_subject, Some(&s.head))
        .await
        .assert_problem(404);
    assert_eq!(app.count("audit_events"), before);
    let given = app
        .put(
            &notice,
            Some(&s.head),
            json!({"outline": outline(), "report_due_on": "2018-07-25"}),
        )
        .await;
    assert_eq!(given.body["report_due_on"], "2018-07-25");
});
