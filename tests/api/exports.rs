//! Exports of the agency, directive and task lists as CSV and XLSX through the real App:
//! the list's scope and filters, many pages, and an export that imports again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Reader, Xlsx};
use serde_json::json;

use crate::common::{self, fixtures::today_plus, TestApp};

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Imports `count` tasks for `lead` under `directive` in one CSV.
async fn import_tasks(app: &TestApp, token: &str, directive: &str, lead: &str, count: usize) {
    let due = today_plus(20);
    let mut csv = String::from("directive_id,title,lead_agency_id,due_on\n");
    for n in 0..count {
        csv.push_str(&format!("{directive},Nhiệm vụ số {n},{lead},{due}\n"));
    }
    let done = app
        .post_file("/api/v1/imports/tasks", token, "text/csv", csv.into())
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.body["imported"], count);
}

backend_test!(task_export_streams_every_page_of_the_callers_scope, |app| {
    let p = common::province(&app).await;
    let sup = app.insert_user("supervisor", "supervisor", None).1;
    let d = common::fixtures::directive(&app, &sup).await;
    import_tasks(&app, &sup, &d, &p.division_a, 1_050).await;
    import_tasks(&app, &sup, &d, &p.division_b, 3).await;

    let (status, headers, body) = app.get_raw("/api/v1/tasks?format=csv", &sup).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers.get("content-type").unwrap(),
        "text/csv; charset=utf-8"
    );
    let rows = csv_rows(&body);
    assert_eq!(rows[0][..4], ["id", "directive_id", "title", "description"]);
    assert_eq!(rows.len(), 1 + 1_053, "every task, across pages of 1,000");
    let ids: std::collections::HashSet<&String> = rows[1..].iter().map(|r| &r[0]).collect();
    assert_eq!(ids.len(), 1_053, "no task twice");

    // Department B's manager exports only B's tasks; a filter narrows the export.
    let (_, _, body_b) = app.get_raw("/api/v1/tasks?format=csv", &p.manager_b).await;
    assert_eq!(csv_rows(&body_b).len(), 1 + 3);
    let path = format!("/api/v1/tasks?format=csv&lead_agency_id={}", p.division_b);
    let (_, _, filtered) = app.get_raw(&path, &sup).await;
    assert_eq!(csv_rows(&filtered).len(), 1 + 3);
    // An unknown directive's task list is 404 before any byte of a file.
    let missing = format!(
        "/api/v1/directives/{}/tasks?format=csv",
        uuid::Uuid::now_v7()
    );
    app.get(&missing, Some(&sup)).await.assert_problem(404);
});

backend_test!(a_task_export_imports_again, |app| {
    let p = common::province(&app).await;
    let sup = app.insert_user("supervisor", "supervisor", None).1;
    let d = common::fixtures::directive(&app, &sup).await;
    let mut body = common::fixtures::task_body(&d, &p.division_a, &today_plus(9));
    body["coordinating_agency_ids"] = json!([p.division_b, p.dept_b]);
    app.post("/api/v1/tasks", Some(&sup), body).await;
    let req = actix_web::test::TestRequest::get()
        .uri("/api/v1/tasks")
        .insert_header(("authorization", format!("Bearer {sup}")))
        .insert_header(("accept", "text/csv"));
    let (status, _, exported) = app.call_raw(req).await;
    assert_eq!(status, 200);
    let done = app
        .post_file("/api/v1/imports/tasks", &sup, "text/csv", exported.to_vec())
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    let copy = done.body["created"][0]["id"].as_str().unwrap().to_owned();
    let copy = app.get(&format!("/api/v1/tasks/{copy}"), Some(&sup)).await;
    assert_eq!(copy.body["target"], json!({"value": 100.0, "unit": "%"}));
    assert_eq!(
        copy.body["coordinating_agency_ids"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
});

backend_test!(agency_and_directive_lists_export_as_xlsx, |app| {
    let p = common::province(&app).await;
    let (status, headers, body) = app.get_raw("/api/v1/agencies?format=xlsx", &p.admin).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers.get("content-type").unwrap(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(body.to_vec())).unwrap();
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][..3], ["id", "code", "name"]);
    assert_eq!(rows.len() as i64, 1 + app.count("agencies"));
    // A department's manager sees its own subtree only.
    let (_, _, mine) = app
        .get_raw("/api/v1/agencies?format=csv", &p.manager_a)
        .await;
    let codes: Vec<String> = csv_rows(&mine)[1..].iter().map(|r| r[1].clone()).collect();
    assert_eq!(codes.len(), 2);
    assert!(codes.iter().all(|c| c.starts_with("DEPT-A")));

    let sup = app.insert_user("supervisor", "supervisor", None).1;
    common::fixtures::directive(&app, &sup).await;
    let (status, _, directives) = app
        .get_raw("/api/v1/directives?format=csv&kind=plan", &p.staff_b)
        .await;
    assert_eq!(status, 200);
    let rows = csv_rows(&directives);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][2], "84/KH-STTTT");
});

backend_test!(at_most_four_exports_run_at_once_and_a_fifth_waits, |app| {
    let admin = app.token_for("admin");
    // Enough rows that an export whose body nobody reads blocks on its bounded channel.
    defense_compliance::seed::bench::seed_bench(&app.pool, 2, 3_000).unwrap();
    let mut running = Vec::new();
    for _ in 0..4 {
        let (status, response) = app.get_unread("/api/v1/tasks?format=csv", &admin).await;
        assert_eq!(status, 200);
        running.push(response);
    }
    let refused = app.get("/api/v1/tasks?format=csv", Some(&admin)).await;
    refused.assert_problem(429);
    assert!(refused.headers.contains_key("retry-after"));
    // A client that goes away gives its place back.
    drop(running);
    let mut status = 0;
    for _ in 0..100 {
        status = app.get_raw("/api/v1/agencies?format=csv", &admin).await.0;
        if status == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(status, 200);
});
