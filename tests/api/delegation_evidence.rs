//! Evidence of a delegation's records through the real App: files with a subject's report,
//! attached by the subject while it drafts and seen by the delegation once sent; files with a
//! session's minutes, attached by the delegation and seen by the subject it was held with.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::delegations::{formed, setup};
use crate::evidence::upload_to;

use serde_json::{json, Value};

const PDF: &[u8] = b"%PDF-1.4\n%% bien ban\n";
const NAME: &str = "filename=\"bien-ban.pdf\"";

fn count(list: &Value) -> usize {
    list["items"].as_array().unwrap().len()
}

backend_test!(a_subject_report_and_a_session_carry_their_evidence, |app| {
    let s = setup(&app).await;
    let delegation = format!("/api/v1/delegations/{}", formed(&app, &s).await);
    let subject = format!("{delegation}/subjects/{}", s.p.dept_a);
    let (_, staff) = app.insert_user("staff.a.dept", "agency_staff", Some(&s.p.dept_a));
    let outline = json!({"sections": [{"number": "1", "title": "Công tác quán triệt"}]});
    app.put(
        &format!("{subject}/notice"),
        Some(&s.head),
        json!({"outline": outline}),
    )
    .await;
    app.post(&format!("{subject}/notice/issue"), Some(&s.head), json!({}))
        .await;
    let files = format!("{subject}/report/evidence");
    // Nothing to attach to before a draft.
    upload_to(&app, &staff, &files, NAME, PDF)
        .await
        .assert_problem(409);
    let answers = json!({"answers": [{"section": "1", "text": "Đã quán triệt"}]});
    app.put(&format!("{subject}/report"), Some(&staff), answers)
        .await;
    let stored = upload_to(&app, &staff, &files, NAME, PDF).await;
    assert_eq!(stored.status, 201, "{}", stored.body);
    upload_to(&app, &s.head, &files, NAME, PDF)
        .await
        .assert_problem(403);
    upload_to(&app, &s.p.manager_b, &files, NAME, PDF)
        .await
        .assert_problem(404);
    assert_eq!(count(&app.get(&files, Some(&staff)).await.body), 1);
    // The delegation sees the files with the report, once it was sent.
    app.get(&files, Some(&s.head)).await.assert_problem(404);
    app.post(
        &format!("{subject}/report/submit"),
        Some(&s.p.manager_a),
        json!({}),
    )
    .await;
    assert_eq!(count(&app.get(&files, Some(&s.head)).await.body), 1);
    upload_to(&app, &staff, &files, NAME, PDF)
        .await
        .assert_problem(409);
    let evidence = format!("/api/v1/evidence/{}", stored.id());
    app.delete(&evidence, Some(&staff))
        .await
        .assert_problem(409);
    assert_eq!(app.get(&evidence, Some(&s.head)).await.status, 200);
    app.get(&evidence, Some(&s.p.manager_b))
        .await
        .assert_problem(404);
    // A session's minutes: attached by the delegation, seen by the subject it was held with.
    app.post(
        &format!("{delegation}/start-field-work"),
        Some(&s.head),
        json!({}),
    )
    .await;
    let session = app
        .post(
            &format!("{subject}/sessions"),
            Some(&s.head),
            json!({"held_on": "2018-07-24", "place": "Sở Thông tin và Truyền thông",
                "participants": ["Trưởng đoàn"], "minutes": "Biên bản làm việc"}),
        )
        .await;
    assert_eq!(session.status, 201, "{}", session.body);
    let minutes = format!("{subject}/sessions/{}/evidence", session.id());
    assert_eq!(
        upload_to(&app, &s.head, &minutes, NAME, PDF).await.status,
        201
    );
    upload_to(&app, &s.p.manager_a, &minutes, NAME, PDF)
        .await
        .assert_problem(403);
    assert_eq!(
        count(&app.get(&minutes, Some(&s.p.manager_a)).await.body),
        1
    );
    app.get(&minutes, Some(&s.p.manager_b))
        .await
        .assert_problem(404);
    let elsewhere = format!(
        "{delegation}/subjects/{}/sessions/{}/evidence",
        s.p.dept_b,
        session.id()
    );
    app.get(&elsewhere, Some(&s.head)).await.assert_problem(404);
});

backend_test!(
    the_delegation_reads_the_files_of_a_remedy_report_once_sent,
    |app| {
        let s = setup(&app).await;
        let (delegation, conclusion) = crate::conclusions::sent_conclusion(&app, &s).await;
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
        let task = issued.body["recommendations"][0]["task_id"]
            .as_str()
            .unwrap()
            .to_owned();
        // The subject reports its remedy on the follow-up task, with a file.
        let report = app
            .post(
                &format!("/api/v1/tasks/{task}/reports"),
                Some(&s.p.manager_a),
                json!({"period": "2018", "body": "Đã hoàn chỉnh báo cáo theo kết luận"}),
            )
            .await;
        assert_eq!(report.status, 201, "{}", report.body);
        let own = format!("/api/v1/reports/{}/evidence", report.id());
        let file = upload_to(&app, &s.p.manager_a, &own, NAME, PDF).await;
        assert_eq!(file.status, 201, "{}", file.body);
        let granted = format!(
            "{delegation}/subjects/{}/tasks/{task}/reports/{}/evidence",
            s.p.dept_a,
            report.id()
        );
        let content = format!("{granted}/{}/content", file.id());
        // A draft stays the subject's; once sent, the delegation's members read its files.
        app.get(&granted, Some(&s.p.staff_b))
            .await
            .assert_problem(404);
        app.post(
            &format!("/api/v1/reports/{}/submit", report.id()),
            Some(&s.p.manager_a),
            json!({}),
        )
        .await;
        assert_eq!(count(&app.get(&granted, Some(&s.p.staff_b)).await.body), 1);
        let bytes = app.get(&content, Some(&s.p.staff_b)).await;
        assert_eq!(bytes.status, 200);
        assert_eq!(
            bytes.body,
            Value::String(String::from_utf8_lossy(PDF).into())
        );
        app.get(&content, Some(&s.outsider))
            .await
            .assert_problem(404);
        app.get(&granted, Some(&s.p.manager_a))
            .await
            .assert_problem(403);
        let elsewhere = format!(
            "{delegation}/subjects/{}/tasks/{task}/reports/{}/evidence",
            s.p.dept_b,
            report.id()
        );
        app.get(&elsewhere, Some(&s.head)).await.assert_problem(404);
    }
);
