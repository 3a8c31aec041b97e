//! Agencies through the real App: tree, search, scope, roles, concurrency and bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::TestRequest;
use serde_json::json;

backend_test!(admin_builds_the_tree_and_reads_it_back, |app| {
    let admin = app.admin_token().await;
    let created = app
        .post(
            "/api/v1/agencies",
            Some(&admin),
            json!({"code": "STTTT", "name": "Sở Thông tin và Truyền thông", "short_name": "Sở TT&TT",
                   "kind": "department", "headcount": 26}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.id();
    assert_eq!(created.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(
        created.header("location"),
        Some(format!("/api/v1/agencies/{id}"))
    );
    assert_eq!(created.body["headcount"], 26);
    let division = app
        .post("/api/v1/agencies", Some(&admin), json!({"code": "STTTT-VP", "name": "Văn phòng Sở", "kind": "division", "parent_id": id}))
        .await;
    assert_eq!(division.status, 201);
    assert_eq!(division.body["parent_id"], json!(id));

    let fetched = app
        .get(&format!("/api/v1/agencies/{id}"), Some(&admin))
        .await;
    assert_eq!(fetched.status, 200);
    assert_eq!(fetched.body["name"], "Sở Thông tin và Truyền thông");

    let children = app
        .get(&format!("/api/v1/agencies?parent_id={id}"), Some(&admin))
        .await;
    assert_eq!(children.body["items"].as_array().unwrap().len(), 1);
    let by_kind = app
        .get("/api/v1/agencies?kind=division", Some(&admin))
        .await;
    assert_eq!(by_kind.body["items"][0]["code"], "STTTT-VP");
});

backend_test!(search_ignores_case_and_vietnamese_diacritics, |app| {
    let admin = app.admin_token().await;
    app.post(
        "/api/v1/agencies",
        Some(&admin),
        json!({"code": "STTTT", "name": "Sở Thông tin và Truyền thông", "kind": "department"}),
    )
    .await;
    app.post(
        "/api/v1/agencies",
        Some(&admin),
        json!({"code": "DTT-XA", "name": "Đài Truyền thanh cấp xã", "kind": "attached_unit"}),
    )
    .await;
    for (q, code) in [
        ("so%20thong%20tin", "STTTT"),
        ("S%E1%BB%9E%20TH%C3%94NG", "STTTT"),
        ("dai%20truyen", "DTT-XA"),
        ("%C4%91%C3%A0i", "DTT-XA"),
    ] {
        let found = app
            .get(&format!("/api/v1/agencies?q={q}"), Some(&admin))
            .await;
        let items = found.body["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "q={q}: {}", found.body);
        assert_eq!(items[0]["code"], code);
    }
    let none = app.get("/api/v1/agencies?q=100%25", Some(&admin)).await;
    assert_eq!(none.body["items"].as_array().unwrap().len(), 0);
});

backend_test!(pages_follow_the_cursor_to_the_end, |app| {
    let admin = app.admin_token().await;
    for i in 0..5 {
        app.create_agency(&admin, &format!("AG-{i}"), None).await;
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/agencies?limit=2".to_owned();
    loop {
        let page = app.get(&path, Some(&admin)).await;
        assert_eq!(page.status, 200);
        seen.extend(
            page.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["code"].as_str().unwrap().to_owned()),
        );
        match page.body["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/agencies?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, ["AG-0", "AG-1", "AG-2", "AG-3", "AG-4"]);
    app.get("/api/v1/agencies?limit=0", Some(&admin))
        .await
        .assert_problem(422);
    app.get("/api/v1/agencies?limit=201", Some(&admin))
        .await
        .assert_problem(422);
    app.get("/api/v1/agencies?cursor=garbage", Some(&admin))
        .await
        .assert_problem(422);
    app.get("/api/v1/agencies?limit=abc", Some(&admin))
        .await
        .assert_problem(422);
});

backend_test!(agency_users_see_only_their_subtree, |app| {
    let p = common::province(&app).await;
    for token in [&p.manager_a, &p.staff_a] {
        let list = app.get("/api/v1/agencies", Some(token)).await;
        let mut codes: Vec<_> = list.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["code"].as_str().unwrap().to_owned())
            .collect();
        codes.sort();
        if token == &p.manager_a {
            assert_eq!(codes, ["DEPT-A", "DEPT-A-DIV"]);
        } else {
            assert_eq!(codes, ["DEPT-A-DIV"]);
        }
        app.get(&format!("/api/v1/agencies/{}", p.dept_b), Some(token))
            .await
            .assert_problem(404);
        app.get(&format!("/api/v1/agencies/{}", p.division_b), Some(token))
            .await
            .assert_problem(404);
        let filtered = app
            .get(
                &format!("/api/v1/agencies?parent_id={}", p.dept_b),
                Some(token),
            )
            .await;
        assert_eq!(filtered.body["items"].as_array().unwrap().len(), 0);
        let searched = app.get("/api/v1/agencies?q=DEPT-B", Some(token)).await;
        assert_eq!(searched.body["items"].as_array().unwrap().len(), 0);
    }
    // Another agency's agency answers 404 to writes too, so ids leak nothing.
    app.patch(
        &format!("/api/v1/agencies/{}", p.dept_b),
        Some(&p.manager_a),
        json!({"name": "x"}),
    )
    .await
    .assert_problem(404);
    app.delete(
        &format!("/api/v1/agencies/{}", p.dept_b),
        Some(&p.manager_a),
    )
    .await
    .assert_problem(404);
    // Inside the scope, agency roles may read but not write.
    app.patch(
        &format!("/api/v1/agencies/{}", p.dept_a),
        Some(&p.manager_a),
        json!({"name": "x"}),
    )
    .await
    .assert_problem(403);
    app.delete(
        &format!("/api/v1/agencies/{}", p.division_a),
        Some(&p.manager_a),
    )
    .await
    .assert_problem(403);
});

backend_test!(only_admins_write_agencies, |app| {
    let admin = app.admin_token().await;
    let dept = app.create_agency(&admin, "DEPT", None).await;
    for role in ["supervisor", "inspector", "viewer"] {
        let (_, token) = app.insert_user(role, role, None);
        assert_eq!(
            app.get(&format!("/api/v1/agencies/{dept}"), Some(&token))
                .await
                .status,
            200,
            "{role} reads"
        );
        let before = app.count("agencies");
        app.post(
            "/api/v1/agencies",
            Some(&token),
            json!({"code": "NEW", "name": "Mới", "kind": "other"}),
        )
        .await
        .assert_problem(403);
        app.patch(
            &format!("/api/v1/agencies/{dept}"),
            Some(&token),
            json!({"name": "Đổi"}),
        )
        .await
        .assert_problem(403);
        app.delete(&format!("/api/v1/agencies/{dept}"), Some(&token))
            .await
            .assert_problem(403);
        assert_eq!(app.count("agencies"), before);
    }
    app.get("/api/v1/agencies", None).await.assert_problem(401);
    app.post("/api/v1/agencies", None, json!({}))
        .await
        .assert_problem(401);
});

backend_test!(
    moving_an_agency_moves_its_subtree_and_refuses_cycles,
    |app| {
        let p = common::province(&app).await;
        // Move department B under department A: B's staff and division come into A's scope.
        let moved = app
            .patch(
                &format!("/api/v1/agencies/{}", p.dept_b),
                Some(&p.admin),
                json!({"parent_id": p.dept_a}),
            )
            .await;
        assert_eq!(moved.status, 200, "{}", moved.body);
        assert_eq!(moved.body["version"], 2);
        assert_eq!(
            app.get(
                &format!("/api/v1/agencies/{}", p.division_b),
                Some(&p.manager_a)
            )
            .await
            .status,
            200
        );
        assert_eq!(
            app.get(
                &format!("/api/v1/users/{}", p.staff_b_id),
                Some(&p.manager_a)
            )
            .await
            .status,
            200
        );
        // A parent inside the agency's own subtree is a cycle.
        let before = app
            .get(&format!("/api/v1/agencies/{}", p.dept_a), Some(&p.admin))
            .await;
        let cycle = app
            .patch(
                &format!("/api/v1/agencies/{}", p.dept_a),
                Some(&p.admin),
                json!({"parent_id": p.division_b}),
            )
            .await;
        cycle.assert_problem(422);
        assert_eq!(cycle.error_fields(), ["parent_id"]);
        app.patch(
            &format!("/api/v1/agencies/{}", p.dept_a),
            Some(&p.admin),
            json!({"parent_id": p.dept_a}),
        )
        .await
        .assert_problem(422);
        let after = app
            .get(&format!("/api/v1/agencies/{}", p.dept_a), Some(&p.admin))
            .await;
        assert_eq!(before.body, after.body);
        // Back to the root.
        let root = app
            .patch(
                &format!("/api/v1/agencies/{}", p.dept_b),
                Some(&p.admin),
                json!({"parent_id": null}),
            )
            .await;
        assert_eq!(root.body["parent_id"], json!(null));
        app.get(
            &format!("/api/v1/agencies/{}", p.division_b),
            Some(&p.manager_a),
        )
        .await
        .assert_problem(404);
    }
);

backend_test!(stale_if_match_is_refused, |app| {
    let admin = app.admin_token().await;
    let id = app.create_agency(&admin, "DEPT", None).await;
    let path = format!("/api/v1/agencies/{id}");
    let ok = app
        .call(
            TestRequest::patch()
                .uri(&path)
                .insert_header(("authorization", format!("Bearer {admin}")))
                .insert_header(("if-match", "\"1\""))
                .set_json(json!({"headcount": 10})),
        )
        .await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.header("etag").as_deref(), Some("\"2\""));
    let stale = app
        .call(
            TestRequest::patch()
                .uri(&path)
                .insert_header(("authorization", format!("Bearer {admin}")))
                .insert_header(("if-match", "\"1\""))
                .set_json(json!({"headcount": 99})),
        )
        .await;
    stale.assert_problem(412);
    assert_eq!(app.get(&path, Some(&admin)).await.body["headcount"], 10);
});

backend_test!(bad_agency_input_is_refused_and_writes_nothing, |app| {
    let admin = app.admin_token().await;
    let parent = app.create_agency(&admin, "DEPT", None).await;
    let before = (app.count("agencies"), app.count("audit_events"));
    let cases = [
        (
            json!({"code": "bad code", "name": "Tên", "kind": "department"}),
            422,
            Some("code"),
        ),
        (
            json!({"code": "OK", "name": "   ", "kind": "department"}),
            422,
            Some("name"),
        ),
        (
            json!({"code": "OK", "name": "Tên", "kind": "department", "headcount": -1}),
            422,
            Some("headcount"),
        ),
        (
            json!({"code": "OK", "name": "Tên", "kind": "ministry"}),
            422,
            None,
        ),
        (
            json!({"code": "OK", "name": "Tên", "kind": "department", "role": "admin"}),
            422,
            None,
        ),
        (
            json!({"code": "OK", "name": "Tên", "kind": "department", "parent_id": uuid::Uuid::now_v7()}),
            422,
            Some("parent_id"),
        ),
        (
            json!({"code": "DEPT", "name": "Trùng mã", "kind": "department"}),
            409,
            None,
        ),
        (json!({"name": "Thiếu mã", "kind": "department"}), 422, None),
    ];
    for (body, status, field) in cases {
        let response = app
            .post("/api/v1/agencies", Some(&admin), body.clone())
            .await;
        response.assert_problem(status);
        if let Some(field) = field {
            assert_eq!(response.error_fields(), [field], "{body}");
        }
    }
    let path = format!("/api/v1/agencies/{parent}");
    app.patch(&path, Some(&admin), json!({"code": "x y"}))
        .await
        .assert_problem(422);
    app.patch(&path, Some(&admin), json!({"unknown": 1}))
        .await
        .assert_problem(422);
    app.get("/api/v1/agencies/not-a-uuid", Some(&admin))
        .await
        .assert_problem(404);
    app.get(
        &format!("/api/v1/agencies/{}", uuid::Uuid::now_v7()),
        Some(&admin),
    )
    .await
    .assert_problem(404);
    app.get("/api/v1/agencies?kind=ministry", Some(&admin))
        .await
        .assert_problem(422);
    assert_eq!((app.count("agencies"), app.count("audit_events")), before);
});

backend_test!(deleting_refuses_agencies_with_children_or_users, |app| {
    let p = common::province(&app).await;
    let with_children = app
        .delete(&format!("/api/v1/agencies/{}", p.dept_a), Some(&p.admin))
        .await;
    with_children.assert_problem(409);
    let with_users = app
        .delete(
            &format!("/api/v1/agencies/{}", p.division_a),
            Some(&p.admin),
        )
        .await;
    with_users.assert_problem(409);
    let empty = app.create_agency(&p.admin, "EMPTY", Some(&p.dept_a)).await;
    assert_eq!(
        app.delete(&format!("/api/v1/agencies/{empty}"), Some(&p.admin))
            .await
            .status,
        204
    );
    app.get(&format!("/api/v1/agencies/{empty}"), Some(&p.admin))
        .await
        .assert_problem(404);
});
