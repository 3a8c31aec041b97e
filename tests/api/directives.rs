//! Directives through the real App: identity, number shapes, bases, filters, who may write.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use serde_json::{json, Value};

fn nq28(issued_on: &str, issuer: &str, term: &str) -> Value {
    json!({"kind": "resolution", "number": "28-NQ/TW", "issuer": issuer, "issued_on": issued_on,
           "title": "Về tiếp tục xây dựng các tỉnh, thành phố trực thuộc Trung ương thành khu vực phòng thủ vững chắc",
           "term": term})
}

backend_test!(
    same_number_on_different_dates_are_different_documents,
    |app| {
        let admin = app.admin_token().await;
        let first = app
            .post(
                "/api/v1/directives",
                Some(&admin),
                nq28("2008-09-22", "Bộ Chính trị", "X"),
            )
            .await;
        assert_eq!(first.status, 201, "{}", first.body);
        assert_eq!(first.body["status"], "in_force");
        assert_eq!(first.body["issued_on"], "2008-09-22");
        let second = app
            .post(
                "/api/v1/directives",
                Some(&admin),
                nq28("2013-10-25", "Ban Chấp hành Trung ương", "XI"),
            )
            .await;
        assert_eq!(second.status, 201, "{}", second.body);
        let before = app.count("directives");
        let duplicate = app
            .post(
                "/api/v1/directives",
                Some(&admin),
                nq28("2008-09-22", "Bộ Chính trị", "X"),
            )
            .await;
        duplicate.assert_problem(409);
        assert_eq!(app.count("directives"), before);
        let by_year = app.get("/api/v1/directives?year=2013", Some(&admin)).await;
        let items = by_year.body["items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["term"], "XI");
    }
);

backend_test!(plans_record_what_they_are_based_on, |app| {
    let p = common::province(&app).await;
    let nq = app
        .post(
            "/api/v1/directives",
            Some(&p.admin),
            nq28("2008-09-22", "Bộ Chính trị", "X"),
        )
        .await
        .id();
    let decree = app
        .post(
            "/api/v1/directives",
            Some(&p.admin),
            json!({"kind": "decree", "number": "152/2007/NĐ-CP",
        "issuer": "Chính phủ", "issued_on": "2007-10-10", "title": "Về khu vực phòng thủ"}),
        )
        .await
        .id();
    // A department head records its own plan, based on both.
    let plan = app
        .post(
            "/api/v1/directives",
            Some(&p.manager_a),
            json!({"kind": "plan", "number": "84/KH-STTTT",
        "issuer_agency_id": p.dept_a, "issued_on": "2022-01-21",
        "title": "Bảo đảm an ninh, trật tự năm 2022", "based_on": [nq, decree]}),
        )
        .await;
    assert_eq!(plan.status, 201, "{}", plan.body);
    assert_eq!(plan.body["issuer"], "Cơ quan DEPT-A");
    let mut bases: Vec<String> = serde_json::from_value(plan.body["based_on"].clone()).unwrap();
    bases.sort();
    let mut expected = vec![nq.clone(), decree.clone()];
    expected.sort();
    assert_eq!(bases, expected);
    let fetched = app
        .get(
            &format!("/api/v1/directives/{}", plan.id()),
            Some(&p.staff_b),
        )
        .await;
    assert_eq!(fetched.status, 200, "directives are readable by every role");
    assert_eq!(fetched.body["based_on"].as_array().unwrap().len(), 2);
    // Superseding: the 2008 resolution replaced by the 2013 one.
    let newer = app
        .post(
            "/api/v1/directives",
            Some(&p.admin),
            nq28("2013-10-25", "Ban Chấp hành Trung ương", "XI"),
        )
        .await
        .id();
    let superseded = app
        .patch(
            &format!("/api/v1/directives/{nq}"),
            Some(&p.admin),
            json!({"superseded_by": newer, "status": "superseded"}),
        )
        .await;
    assert_eq!(superseded.status, 200, "{}", superseded.body);
    assert_eq!(superseded.body["version"], 2);
    let in_force = app
        .get(
            "/api/v1/directives?status=in_force&kind=resolution",
            Some(&p.admin),
        )
        .await;
    assert_eq!(in_force.body["items"].as_array().unwrap().len(), 1);
    // Replacing the bases.
    let plan_path = format!("/api/v1/directives/{}", plan.id());
    let rebased = app
        .patch(
            &plan_path,
            Some(&p.manager_a),
            json!({"based_on": [decree]}),
        )
        .await;
    assert_eq!(rebased.body["based_on"], json!([decree]));
});

backend_test!(search_and_filters_ignore_diacritics, |app| {
    let admin = app.admin_token().await;
    app.post(
        "/api/v1/directives",
        Some(&admin),
        nq28("2008-09-22", "Bộ Chính trị", "X"),
    )
    .await;
    app.post("/api/v1/directives", Some(&admin), json!({"kind": "directive", "number": "09-CT/TW", "issuer": "Ban Bí thư",
        "issued_on": "2011-12-01", "title": "Về tăng cường sự lãnh đạo của Đảng đối với phong trào Toàn dân bảo vệ an ninh Tổ quốc"})).await;
    for (query, number) in [
        ("q=phong%20thu", "28-NQ/TW"),
        ("q=bao%20ve%20an%20ninh", "09-CT/TW"),
        ("q=09-ct", "09-CT/TW"),
        ("issuer=bo%20chinh%20tri", "28-NQ/TW"),
        ("issuer=BAN%20BI%20THU", "09-CT/TW"),
        ("kind=directive", "09-CT/TW"),
    ] {
        let found = app
            .get(&format!("/api/v1/directives?{query}"), Some(&admin))
            .await;
        let items = found.body["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{query}: {}", found.body);
        assert_eq!(items[0]["number"], number);
    }
    // "Ban Bí thư" is an issuer, not a title word of 28-NQ/TW.
    let none = app
        .get("/api/v1/directives?issuer=phong%20thu", Some(&admin))
        .await;
    assert_eq!(none.body["items"].as_array().unwrap().len(), 0);
    app.get("/api/v1/directives?year=1800", Some(&admin))
        .await
        .assert_problem(422);
    app.get("/api/v1/directives?kind=memo", Some(&admin))
        .await
        .assert_problem(422);
});

backend_test!(only_supervisors_admins_and_issuing_managers_write, |app| {
    let p = common::province(&app).await;
    let (_, supervisor) = app.insert_user("supervisor", "supervisor", None);
    let (_, viewer) = app.insert_user("viewer", "viewer", None);
    let decree = json!({"kind": "decree", "number": "04/NĐ-CP", "issuer": "Chính phủ", "issued_on": "1995-01-16",
        "title": "Về bảo vệ công trình quốc phòng và khu quân sự"});
    assert_eq!(
        app.post("/api/v1/directives", Some(&supervisor), decree.clone())
            .await
            .status,
        201
    );
    let before = app.count("directives");
    for token in [&viewer, &p.staff_a, &p.manager_a] {
        app.post("/api/v1/directives", Some(token), decree.clone())
            .await
            .assert_problem(403);
    }
    // A manager's plan must be issued by its own agency; another department's agency answers
    // like an unknown one.
    let plan = |agency: &str| {
        json!({"kind": "plan", "number": "21/KH-STTTT", "issuer_agency_id": agency,
        "issued_on": "2018-05-21", "title": "Kế hoạch"})
    };
    app.post("/api/v1/directives", Some(&p.manager_a), plan(&p.dept_b))
        .await
        .assert_problem(422);
    app.post("/api/v1/directives", Some(&p.staff_a), plan(&p.dept_a))
        .await
        .assert_problem(403);
    assert_eq!(app.count("directives"), before);
    // Nor may it take over another agency's plan.
    let theirs = app
        .post("/api/v1/directives", Some(&p.manager_b), plan(&p.dept_b))
        .await;
    assert_eq!(theirs.status, 201);
    let path = format!("/api/v1/directives/{}", theirs.id());
    app.patch(&path, Some(&p.manager_a), json!({"title": "Sửa"}))
        .await
        .assert_problem(403);
    app.patch(
        &path,
        Some(&p.manager_b),
        json!({"issuer_agency_id": p.dept_a}),
    )
    .await
    .assert_problem(422);
    app.patch(&path, Some(&p.manager_b), json!({"kind": "resolution"}))
        .await
        .assert_problem(403);
    assert_eq!(
        app.patch(
            &path,
            Some(&p.manager_b),
            json!({"title": "Kế hoạch đã sửa"})
        )
        .await
        .status,
        200
    );
});

backend_test!(bad_directive_input_is_refused_and_writes_nothing, |app| {
    let admin = app.admin_token().await;
    let existing = app
        .post(
            "/api/v1/directives",
            Some(&admin),
            nq28("2008-09-22", "Bộ Chính trị", "X"),
        )
        .await
        .id();
    let before = (
        app.count("directives"),
        app.count("directive_bases"),
        app.count("audit_events"),
    );
    let base = json!({"kind": "decree", "number": "152/2007/NĐ-CP", "issuer": "Chính phủ", "issued_on": "2007-10-10", "title": "Về khu vực phòng thủ"});
    let with = |field: &str, value: Value| {
        let mut body = base.clone();
        body[field] = value;
        body
    };
    let cases = [
        (with("number", json!("NQ 28")), "number"),
        (with("number", json!("28-nq/tw")), "number"),
        (with("title", json!("  ")), "title"),
        (with("issued_on", json!("1800-01-01")), "issued_on"),
        (with("issuer", Value::Null), "issuer"),
        (with("based_on", json!([uuid::Uuid::now_v7()])), "based_on"),
        (
            with("superseded_by", json!(uuid::Uuid::now_v7())),
            "superseded_by",
        ),
        (
            with("issuer_agency_id", json!(uuid::Uuid::now_v7())),
            "issuer_agency_id",
        ),
    ];
    for (body, field) in cases {
        let response = app
            .post("/api/v1/directives", Some(&admin), body.clone())
            .await;
        response.assert_problem(422);
        assert_eq!(response.error_fields(), [field], "{body}");
    }
    app.post(
        "/api/v1/directives",
        Some(&admin),
        with("kind", json!("memo")),
    )
    .await
    .assert_problem(422);
    app.post(
        "/api/v1/directives",
        Some(&admin),
        with("issued_on", json!("22/09/2008")),
    )
    .await
    .assert_problem(422);
    let path = format!("/api/v1/directives/{existing}");
    app.patch(&path, Some(&admin), json!({"superseded_by": existing}))
        .await
        .assert_problem(422);
    app.patch(&path, Some(&admin), json!({"based_on": [existing]}))
        .await
        .assert_problem(422);
    app.get(
        &format!("/api/v1/directives/{}", uuid::Uuid::now_v7()),
        Some(&admin),
    )
    .await
    .assert_problem(404);
    assert_eq!(
        (
            app.count("directives"),
            app.count("directive_bases"),
            app.count("audit_events")
        ),
        before
    );
});
