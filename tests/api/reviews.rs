//! Periodic reviews through the real App: figures frozen at creation, narrative editing,
//! scope, roles and bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;

use crate::common::fixtures::{set_task_history, task_body, today_plus, History};
use crate::common::{self, Province, TestApp};

/// Two tasks of department A's division in 2025-H1, one done on time, one overdue.
async fn tasks(app: &TestApp, p: &Province) -> (String, Vec<String>) {
    let directive = common::fixtures::directive(app, &p.admin).await;
    let mut ids = Vec::new();
    for completed in [Some("2025-02-01"), None] {
        let body = task_body(&directive, &p.division_a, &today_plus(30));
        let id = app.post("/api/v1/tasks", Some(&p.admin), body).await.id();
        let status = if completed.is_some() {
            "completed"
        } else {
            "in_progress"
        };
        let history = History {
            created: "2025-01-05",
            due: "2025-03-01",
            completed,
            status,
        };
        set_task_history(app, &id, &history);
        ids.push(id);
    }
    (directive, ids)
}

fn half_year(title: &str) -> serde_json::Value {
    json!({"kind": "half_year", "period": "2025-H1", "title": title,
           "results": "Hoàn thành 1/2 nhiệm vụ", "shortcomings": ""})
}

backend_test!(a_reviews_figures_are_frozen_when_it_is_created, |app| {
    let p = common::province(&app).await;
    let (directive, ids) = tasks(&app, &p).await;
    let sup = app.insert_user("supervisor", "supervisor", None).1;
    let mut body = half_year("Báo cáo sơ kết 6 tháng đầu năm 2025");
    body["directive_ids"] = json!([directive]);
    let made = app.post("/api/v1/reviews", Some(&sup), body).await;
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(made.body["agency_id"], json!(null));
    assert_eq!(made.body["shortcomings"], json!(null));
    assert_eq!(made.body["directive_ids"], json!([directive]));
    let dashboard = app
        .get("/api/v1/dashboard?period=2025-H1", Some(&sup))
        .await;
    assert_eq!(made.body["figures"], dashboard.body);
    assert_eq!(made.body["figures"]["current"]["tasks"]["overdue"], 1);

    // The overdue task is completed later: the dashboard changes, the review does not.
    let late = History {
        created: "2025-01-05",
        due: "2025-03-01",
        completed: Some("2025-03-02"),
        status: "completed",
    };
    set_task_history(&app, &ids[1], &late);
    let now = app
        .get("/api/v1/dashboard?period=2025-H1", Some(&sup))
        .await;
    assert_eq!(now.body["current"]["tasks"]["done_late"], 1);
    let read = app
        .get(&format!("/api/v1/reviews/{}", made.id()), Some(&p.admin))
        .await;
    assert_eq!(read.body["figures"], made.body["figures"]);
    assert_eq!(read.body["figures"]["current"]["tasks"]["overdue"], 1);
    // A province review is the province's roles' to read.
    app.get(
        &format!("/api/v1/reviews/{}", made.id()),
        Some(&p.manager_a),
    )
    .await
    .assert_problem(404);
});

backend_test!(
    a_manager_reviews_its_own_agency_and_only_its_subtree_reads_it,
    |app| {
        let p = common::province(&app).await;
        tasks(&app, &p).await;
        let made = app
            .post(
                "/api/v1/reviews",
                Some(&p.manager_a),
                half_year("Sơ kết của Sở"),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        assert_eq!(made.body["agency_id"], json!(p.dept_a));
        assert_eq!(made.body["figures"]["current"]["tasks"]["total"], 2);
        let path = format!("/api/v1/reviews/{}", made.id());
        let (_, dept_staff) = app.insert_user("staff.dept.a", "agency_staff", Some(&p.dept_a));
        assert_eq!(app.get(&path, Some(&dept_staff)).await.status, 200);
        // A division below reads the department's figures no more than its dashboard does.
        app.get(&path, Some(&p.staff_a)).await.assert_problem(404);
        assert_eq!(app.get(&path, Some(&p.admin)).await.status, 200);
        let foreign = app.get(&path, Some(&p.manager_b)).await;
        let unknown = app
            .get(
                &format!("/api/v1/reviews/{}", uuid::Uuid::now_v7()),
                Some(&p.manager_b),
            )
            .await;
        foreign.assert_problem(404);
        assert_eq!(foreign.body, unknown.body);
        app.patch(&path, Some(&p.manager_b), json!({"title": "Sửa"}))
            .await
            .assert_problem(404);
        app.patch(&path, Some(&dept_staff), json!({"title": "Sửa"}))
            .await
            .assert_problem(403);

        let edit = json!({"next_tasks": "Tiếp tục tuyên truyền", "results": null});
        let edited = app
            .call(common::patch_if_match(&path, &p.manager_a, edit.clone(), 1))
            .await;
        assert_eq!(edited.status, 200, "{}", edited.body);
        assert_eq!(edited.body["version"], 2);
        assert_eq!(edited.body["next_tasks"], "Tiếp tục tuyên truyền");
        assert_eq!(edited.body["results"], json!(null));
        assert_eq!(edited.body["figures"], made.body["figures"]);
        app.call(common::patch_if_match(&path, &p.manager_a, edit, 1))
            .await
            .assert_problem(412);

        let mine = app.get("/api/v1/reviews", Some(&dept_staff)).await;
        assert_eq!(mine.body["items"].as_array().unwrap().len(), 1);
        let theirs = app.get("/api/v1/reviews", Some(&p.manager_b)).await;
        assert_eq!(theirs.body["items"], json!([]));
        let filtered = app.get("/api/v1/reviews?kind=year", Some(&p.admin)).await;
        assert_eq!(filtered.body["items"], json!([]));
        let by_period = app
            .get("/api/v1/reviews?period=2025-H1", Some(&p.admin))
            .await;
        assert_eq!(by_period.body["items"].as_array().unwrap().len(), 1);
    }
);

backend_test!(a_bad_review_is_refused_with_nothing_written, |app| {
    let p = common::province(&app).await;
    let viewer = app.insert_user("viewer", "viewer", None).1;
    let refusals = [
        (
            &p.admin,
            json!({"kind": "half_year", "period": "2025", "title": "X"}),
            422,
            "period",
        ),
        (
            &p.admin,
            json!({"kind": "year", "period": "2025-H3", "title": "X"}),
            422,
            "period",
        ),
        (
            &p.admin,
            json!({"kind": "year", "period": "2025", "title": " "}),
            422,
            "title",
        ),
        (
            &p.admin,
            json!({"kind": "year", "period": "2025", "title": "X", "directive_ids": [uuid::Uuid::now_v7()]}),
            422,
            "directive_ids",
        ),
        (
            &p.manager_a,
            json!({"kind": "year", "period": "2025", "title": "X", "agency_id": p.dept_b}),
            422,
            "agency_id",
        ),
        (
            &p.manager_a,
            json!({"kind": "year", "period": "2025", "title": "X", "agency_id": uuid::Uuid::now_v7()}),
            422,
            "agency_id",
        ),
        (
            &p.staff_a,
            json!({"kind": "year", "period": "2025", "title": "X"}),
            403,
            "",
        ),
        (
            &viewer,
            json!({"kind": "year", "period": "2025", "title": "X"}),
            403,
            "",
        ),
        (
            &p.admin,
            json!({"kind": "monthly", "period": "2025", "title": "X"}),
            422,
            "",
        ),
    ];
    let mut messages = Vec::new();
    for (token, body, status, field) in refusals {
        let refused = app.post("/api/v1/reviews", Some(token), body.clone()).await;
        refused.assert_problem(status);
        if !field.is_empty() {
            assert_eq!(
                refused.error_fields(),
                vec![field],
                "{body}: {}",
                refused.body
            );
        }
        if field == "agency_id" {
            messages.push(refused.body["errors"].clone());
        }
    }
    // Another department's agency reads exactly like an unknown one.
    assert_eq!(messages[0], messages[1]);
    assert_eq!(app.count("reviews"), 0);
});

/// The rows of a sheet of an XLSX answer, each cell as text, read with calamine.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    use calamine::{open_workbook_from_rs, Reader, Xlsx};
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = workbook.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

backend_test!(
    the_annex_holds_the_frozen_figures_in_vietnamese_tables,
    |app| {
        let p = common::province(&app).await;
        tasks(&app, &p).await;
        let made = app
            .post(
                "/api/v1/reviews",
                Some(&p.manager_a),
                half_year("Sơ kết của Sở"),
            )
            .await;
        let path = format!("/api/v1/reviews/{}/annex.xlsx", made.id());
        let (status, headers, body) = app.get_raw(&path, &p.manager_a).await;
        assert_eq!(status, 200);
        assert!(headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("spreadsheetml"));
        let summary = sheet(&body, "Tổng hợp");
        assert_eq!(summary[0][0], "Sơ kết của Sở");
        assert_eq!(
            summary[2],
            vec!["Chỉ tiêu", "Kỳ 2025-H1", "Cùng kỳ 2024-H1"]
        );
        let line = |label: &str| summary.iter().find(|r| r[0] == label).unwrap().clone();
        assert_eq!(line("Tổng số nhiệm vụ")[1..], ["2", "0"]);
        assert_eq!(line("Quá hạn")[1], "1");
        assert_eq!(line("Tỷ lệ hoàn thành (%)")[1], "50");
        let agencies = sheet(&body, "Theo cơ quan");
        assert_eq!(
            agencies[0][..4],
            ["STT", "Cơ quan, đơn vị", "", "Hoàn thành đúng hạn"]
        );
        let total = agencies.last().unwrap();
        assert_eq!(total[1], "Tổng cộng");
        let column_sum = |col: usize| -> f64 {
            agencies[1..agencies.len() - 1]
                .iter()
                .map(|r| r[col].parse::<f64>().unwrap())
                .sum()
        };
        for (col, cell) in total.iter().enumerate().take(8).skip(3) {
            assert_eq!(
                cell.parse::<f64>().unwrap(),
                column_sum(col),
                "column {col}"
            );
        }
        let directives = sheet(&body, "Theo văn bản");
        assert_eq!(directives[1][1], "84/KH-STTTT");
        let targets = sheet(&body, "Chỉ tiêu");
        assert_eq!(targets[1][..3], ["%", "2", "200"]);
        let (status, _, _) = app.get_raw(&path, &p.manager_b).await;
        assert_eq!(status, 404);
    }
);
