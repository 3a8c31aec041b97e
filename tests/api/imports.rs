//! Bulk imports through the real App: CSV with Vietnamese headers, XLSX, JSON, dry runs,
//! every bad row reported with nothing written, and another department's agencies unknown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};

use crate::common::{self, fixtures::today_plus, TestApp};

const CSV: &str = "text/csv";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn supervisor(app: &TestApp) -> String {
    app.insert_user("supervisor", "supervisor", None).1
}

async fn directive(app: &TestApp, token: &str, number: &str) -> String {
    let body = json!({"kind": "plan", "number": number, "issuer": "UBND tỉnh",
        "issued_on": "2026-01-15", "title": "Kế hoạch bảo đảm an ninh, trật tự năm 2026"});
    app.post("/api/v1/directives", Some(token), body).await.id()
}

fn rows_of(errors: &Value) -> Vec<(u64, String)> {
    errors
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

backend_test!(
    tasks_import_from_csv_with_vietnamese_headers_after_a_dry_run,
    |app| {
        let _p = common::province(&app).await;
        let sup = supervisor(&app).await;
        directive(&app, &sup, "12/KH-UBND").await;
        let due = today_plus(30);
        let csv = format!(
        "Số, ký hiệu văn bản;Tên nhiệm vụ;Đơn vị chủ trì;Đơn vị phối hợp;Thời hạn;Mức độ ưu tiên;Chỉ tiêu;Đơn vị tính\n\
         12/KH-UBND;Tuyên truyền phòng chống tội phạm;DEPT-A;DEPT-B-DIV;{due};high;100;%\n\
         12/KH-UBND;Rà soát phương án phòng thủ;DEPT-A-DIV;;31/12/2026;;;\n\
         ;;;;;;;\n\
         12/KH-UBND;Diễn tập khu vực phòng thủ;DEPT-B;DEPT-A;{due};urgent;;\n"
    );
        let tasks_before = app.count("tasks");
        let dry = app
            .post_file(
                "/api/v1/imports/tasks?dry_run=true",
                &sup,
                CSV,
                csv.clone().into_bytes(),
            )
            .await;
        assert_eq!(dry.status, 200, "{}", dry.body);
        assert_eq!(
            (dry.body["rows"].clone(), dry.body["imported"].clone()),
            (json!(3), json!(3))
        );
        assert_eq!(dry.body["created"], json!([]));
        assert_eq!(app.count("tasks"), tasks_before, "a dry run writes nothing");

        let done = app
            .post_file("/api/v1/imports/tasks", &sup, CSV, csv.into_bytes())
            .await;
        assert_eq!(done.status, 200, "{}", done.body);
        let created = done.body["created"].as_array().unwrap();
        let rows: Vec<u64> = created.iter().map(|c| c["row"].as_u64().unwrap()).collect();
        assert_eq!(
            rows,
            [2, 3, 5],
            "blank row 4 is skipped, rows keep their numbers"
        );
        let first = app
            .get(
                &format!("/api/v1/tasks/{}", created[0]["id"].as_str().unwrap()),
                Some(&sup),
            )
            .await;
        assert_eq!(first.body["priority"], "high");
        assert_eq!(first.body["target"], json!({"value": 100.0, "unit": "%"}));
        assert_eq!(
            first.body["coordinating_agency_ids"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        let second = app
            .get(
                &format!("/api/v1/tasks/{}", created[1]["id"].as_str().unwrap()),
                Some(&sup),
            )
            .await;
        assert_eq!(second.body["due_on"], "2026-12-31", "DD/MM/YYYY is read");
        assert_eq!(app.count("tasks"), tasks_before + 3);
    }
);

backend_test!(every_bad_row_is_reported_and_nothing_is_written, |app| {
    let p = common::province(&app).await;
    let sup = supervisor(&app).await;
    let d = directive(&app, &sup, "13/KH-UBND").await;
    let due = today_plus(10);
    let csv = format!(
        "directive_id,title,lead_agency_id,due_on,priority\n\
         {d},Nhiệm vụ hợp lệ,{a},{due},normal\n\
         {d},Hạn sai,{a},2026-02-30,normal\n\
         {d},Ưu tiên sai,{a},{due},very\n\
         {d},,{a},{due},low\n\
         {d},Không có hạn,{a},,low\n",
        a = p.division_a
    );
    let (tasks, audit) = (app.count("tasks"), app.count("audit_events"));
    let refused = app
        .post_file("/api/v1/imports/tasks", &sup, CSV, csv.clone().into_bytes())
        .await;
    refused.assert_problem(422);
    assert_eq!(
        rows_of(&refused.body["errors"]),
        [
            (3, "due_on".to_owned()),
            (4, "priority".to_owned()),
            (5, "title".to_owned()),
            (6, "due_on".to_owned())
        ]
    );
    assert_eq!(
        (app.count("tasks"), app.count("audit_events")),
        (tasks, audit)
    );

    let partial = app
        .post_file(
            "/api/v1/imports/tasks?mode=valid_rows",
            &sup,
            CSV,
            csv.into_bytes(),
        )
        .await;
    assert_eq!(partial.status, 200, "{}", partial.body);
    assert_eq!(partial.body["imported"], 1);
    assert_eq!(partial.body["errors"].as_array().unwrap().len(), 4);
    assert_eq!(app.count("tasks"), tasks + 1);

    let unknown_column = "directive_id,title,colour\n";
    app.post_file("/api/v1/imports/tasks", &sup, CSV, unknown_column.into())
        .await
        .assert_problem(422);
    app.post_file(
        "/api/v1/imports/tasks",
        &sup,
        "text/plain",
        b"title\nx\n".to_vec(),
    )
    .await
    .assert_problem(415);
    app.post_file(
        "/api/v1/imports/tasks",
        &sup,
        XLSX,
        b"not a workbook".to_vec(),
    )
    .await
    .assert_problem(422);
    // A file over 10 MiB is refused before a row is read.
    let mut oversized = b"directive_id,title,lead_agency_id,due_on\n".to_vec();
    oversized.resize(10 * 1024 * 1024 + 1, b' ');
    app.post_file("/api/v1/imports/tasks", &sup, CSV, oversized)
        .await
        .assert_problem(413);
    assert_eq!(app.count("tasks"), tasks + 1);
});

backend_test!(
    another_departments_agency_is_as_unknown_as_a_missing_one,
    |app| {
        let p = common::province(&app).await;
        let sup = supervisor(&app).await;
        directive(&app, &sup, "14/KH-UBND").await;
        let due = today_plus(10);
        let csv = |lead: &str| {
            format!("directive_number,title,lead_agency_code,due_on\n14/KH-UBND,Nhiệm vụ,{lead},{due}\n")
        };
        let tasks = app.count("tasks");
        let foreign = app
            .post_file(
                "/api/v1/imports/tasks",
                &p.manager_a,
                CSV,
                csv("DEPT-B-DIV").into_bytes(),
            )
            .await;
        foreign.assert_problem(422);
        let missing = app
            .post_file(
                "/api/v1/imports/tasks",
                &p.manager_a,
                CSV,
                csv("NO-SUCH").into_bytes(),
            )
            .await;
        assert_eq!(foreign.body["errors"], missing.body["errors"]);
        // The department's own division is fine; staff may not assign at all.
        let own = app
            .post_file(
                "/api/v1/imports/tasks",
                &p.manager_a,
                CSV,
                csv("DEPT-A-DIV").into_bytes(),
            )
            .await;
        assert_eq!(own.status, 200, "{}", own.body);
        app.post_file(
            "/api/v1/imports/tasks",
            &p.staff_a,
            CSV,
            csv("DEPT-A-DIV").into_bytes(),
        )
        .await
        .assert_problem(403);
        assert_eq!(app.count("tasks"), tasks + 1);
    }
);

fn workbook(rows: &[&[&str]]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Ok(number) = cell.parse::<f64>() {
                sheet.write_number(r as u32, c as u16, number).unwrap();
            } else if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

backend_test!(
    agencies_import_from_xlsx_with_a_parent_of_an_earlier_row,
    |app| {
        let p = common::province(&app).await;
        let header: &[&str] = &[
            "Mã đơn vị",
            "Tên đơn vị",
            "Loại đơn vị",
            "Mã đơn vị cấp trên",
            "Biên chế",
        ];
        let file = workbook(&[
            header,
            &["SO-NV", "Sở Nội vụ", "department", "", "45"],
            &[
                "SO-NV-TCBM",
                "Phòng Tổ chức bộ máy",
                "division",
                "SO-NV",
                "7",
            ],
        ]);
        let done = app
            .post_file("/api/v1/imports/agencies", &p.admin, XLSX, file)
            .await;
        assert_eq!(done.status, 200, "{}", done.body);
        let ids: Vec<&str> = done.body["created"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        let child = app
            .get(&format!("/api/v1/agencies/{}", ids[1]), Some(&p.admin))
            .await;
        assert_eq!(child.body["parent_id"], ids[0]);
        assert_eq!(child.body["headcount"], 7);

        // A taken code is reported on its row; a manager may not create agencies.
        let agencies = app.count("agencies");
        let again = workbook(&[
            header,
            &["SO-TC", "Sở Tài chính", "department", "", "1"],
            &["SO-NV", "Trùng", "department", "", "1"],
        ]);
        let refused = app
            .post_file("/api/v1/imports/agencies", &p.admin, XLSX, again.clone())
            .await;
        refused.assert_problem(422);
        assert_eq!(rows_of(&refused.body["errors"]), [(3, "code".to_owned())]);
        app.post_file("/api/v1/imports/agencies", &p.manager_a, XLSX, again)
            .await
            .assert_problem(403);
        assert_eq!(app.count("agencies"), agencies);
    }
);

backend_test!(directives_import_from_json, |app| {
    let sup = supervisor(&app).await;
    let rows = |kind: &str| {
        json!([
            {"kind": "resolution", "number": "05-NQ/TU", "issuer": "Tỉnh ủy", "issued_on": "2025-06-01",
             "title": "Nghị quyết về công tác quốc phòng, an ninh"},
            {"kind": kind, "number": "22/CT-UBND", "issuer": "UBND tỉnh",
             "issued_on": "01/07/2025", "title": "Chỉ thị tăng cường bảo đảm an ninh, trật tự"}
        ])
    };
    let directives = app.count("directives");
    let bad = serde_json::to_vec(&rows("order")).unwrap();
    let refused = app
        .post_file("/api/v1/imports/directives", &sup, "application/json", bad)
        .await;
    refused.assert_problem(422);
    assert_eq!(rows_of(&refused.body["errors"]), [(2, "kind".to_owned())]);
    assert_eq!(app.count("directives"), directives);
    let good = serde_json::to_vec(&rows("directive")).unwrap();
    let done = app
        .post_file("/api/v1/imports/directives", &sup, "application/json", good)
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    let id = done.body["created"][1]["id"].as_str().unwrap().to_owned();
    let stored = app
        .get(&format!("/api/v1/directives/{id}"), Some(&sup))
        .await;
    assert_eq!(stored.body["issued_on"], "2025-07-01");
    assert_eq!(app.count("directives"), directives + 2);
});

backend_test!(a_client_needs_the_write_scope_of_what_it_imports, |app| {
    let p = common::province(&app).await;
    let reader =
        crate::api_clients::client_token(&app, &p.manager_a, &p.dept_a, json!(["tasks:read"]))
            .await;
    let csv = "title\nx\n";
    let refused = app
        .post_file("/api/v1/imports/tasks", &reader, CSV, csv.into())
        .await;
    refused.assert_problem(403);
    assert_eq!(refused.body["error"], "insufficient_scope");
});
