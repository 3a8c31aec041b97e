//! User management through the real App: who may create and change which accounts, scope,
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! and bad input.

use crate::common;

use serde_json::json;

backend_test!(admin_creates_accounts_that_can_log_in, |app| {
    let admin = app.admin_token().await;
    let dept = app.create_agency(&admin, "STTTT", None).await;
    let created = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"username": "nguyen.van.a", "full_name": "Nguyễn Văn A",
            "password": common::PASSWORD, "role": "agency_manager", "agency_id": dept}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["role"], "agency_manager");
    assert!(created.body.get("password_hash").is_none() && created.body.get("password").is_none());
    assert!(!created.body.to_string().contains("argon2"));
    let token = app.login("nguyen.van.a", common::PASSWORD).await;
    let me = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me.body["username"], "nguyen.van.a");
    assert_eq!(me.body["agency_id"], json!(dept));
    let list = app.get("/api/v1/users?q=nguyen%20van", Some(&admin)).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    assert!(!list.body.to_string().contains("argon2"));
});

backend_test!(managers_manage_staff_of_their_own_subtree_only, |app| {
    let p = common::province(&app).await;
    // A manager creates staff in its division.
    let id = app
        .create_user(
            &p.manager_a,
            "new.staff",
            "agency_staff",
            Some(&p.division_a),
        )
        .await;
    // It cannot hand out a higher role, even inside its agency.
    let before = app.count("users");
    for role in ["agency_manager", "admin", "supervisor", "viewer"] {
        app.post(
            "/api/v1/users",
            Some(&p.manager_a),
            json!({"username": format!("x.{role}"), "full_name": "X",
            "password": common::PASSWORD, "role": role, "agency_id": p.dept_a}),
        )
        .await
        .assert_problem(403);
    }
    // Nor place staff in another department.
    let outside = app
        .post(
            "/api/v1/users",
            Some(&p.manager_a),
            json!({"username": "spy", "full_name": "X",
        "password": common::PASSWORD, "role": "agency_staff", "agency_id": p.dept_b}),
        )
        .await;
    outside.assert_problem(422);
    assert_eq!(outside.error_fields(), ["agency_id"]);
    assert_eq!(app.count("users"), before);
    // Changing staff: allowed inside, raising the role or moving out is not.
    let path = format!("/api/v1/users/{id}");
    let renamed = app
        .patch(
            &path,
            Some(&p.manager_a),
            json!({"full_name": "Trần Thị B"}),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    app.patch(&path, Some(&p.manager_a), json!({"role": "agency_manager"}))
        .await
        .assert_problem(403);
    app.patch(&path, Some(&p.manager_a), json!({"agency_id": p.dept_b}))
        .await
        .assert_problem(422);
    // Another manager (a peer) is off limits.
    app.patch(
        &format!("/api/v1/users/{}", p.manager_a_id),
        Some(&p.manager_a),
        json!({"full_name": "Tự sửa"}),
    )
    .await
    .assert_problem(403);
    // Staff manage nobody.
    app.patch(&path, Some(&p.staff_a), json!({"full_name": "Z"}))
        .await
        .assert_problem(403);
    app.post(
        "/api/v1/users",
        Some(&p.staff_a),
        json!({"username": "z.z.z", "full_name": "Z",
        "password": common::PASSWORD, "role": "agency_staff", "agency_id": p.division_a}),
    )
    .await
    .assert_problem(403);
});

backend_test!(another_departments_users_are_invisible, |app| {
    let p = common::province(&app).await;
    for token in [&p.manager_a, &p.staff_a] {
        let list = app.get("/api/v1/users", Some(token)).await;
        let names: Vec<_> = list.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["username"].as_str().unwrap().to_owned())
            .collect();
        assert!(names.iter().all(|n| n.ends_with(".a")), "{names:?}");
        assert!(!names.is_empty());
        app.get(&format!("/api/v1/users/{}", p.staff_b_id), Some(token))
            .await
            .assert_problem(404);
        let filtered = app
            .get(
                &format!("/api/v1/users?agency_id={}", p.division_b),
                Some(token),
            )
            .await;
        assert_eq!(filtered.body["items"].as_array().unwrap().len(), 0);
        let searched = app.get("/api/v1/users?q=staff.b", Some(token)).await;
        assert_eq!(searched.body["items"].as_array().unwrap().len(), 0);
    }
    app.patch(
        &format!("/api/v1/users/{}", p.staff_b_id),
        Some(&p.manager_a),
        json!({"active": false}),
    )
    .await
    .assert_problem(404);
    // Provincial read roles see everyone, write nobody.
    app.create_user(&p.admin, "viewer", "viewer", None).await;
    let viewer = app.login("viewer", common::PASSWORD).await;
    assert_eq!(
        app.get(&format!("/api/v1/users/{}", p.staff_b_id), Some(&viewer))
            .await
            .status,
        200
    );
    app.patch(
        &format!("/api/v1/users/{}", p.staff_b_id),
        Some(&viewer),
        json!({"active": false}),
    )
    .await
    .assert_problem(403);
    app.post(
        "/api/v1/users",
        Some(&viewer),
        json!({"username": "v.v.v", "full_name": "V",
        "password": common::PASSWORD, "role": "viewer"}),
    )
    .await
    .assert_problem(403);
});

backend_test!(
    deactivation_and_password_reset_end_sessions_at_once,
    |app| {
        let p = common::province(&app).await;
        let path = format!("/api/v1/users/{}", p.staff_a_id);
        assert_eq!(app.get("/api/v1/me", Some(&p.staff_a)).await.status, 200);
        let reset = app
            .patch(
                &path,
                Some(&p.manager_a),
                json!({"password": "another-long-password"}),
            )
            .await;
        assert_eq!(reset.status, 200);
        app.get("/api/v1/me", Some(&p.staff_a))
            .await
            .assert_problem(401);
        app.login_response("staff.a", common::PASSWORD)
            .await
            .assert_problem(401);
        let fresh = app.login("staff.a", "another-long-password").await;
        let off = app
            .patch(&path, Some(&p.admin), json!({"active": false}))
            .await;
        assert_eq!(off.body["active"], false);
        app.get("/api/v1/me", Some(&fresh))
            .await
            .assert_problem(401);
        app.login_response("staff.a", "another-long-password")
            .await
            .assert_problem(401);
    }
);

backend_test!(admins_cannot_lock_themselves_out, |app| {
    let admin = app.admin_token().await;
    let me = app.get("/api/v1/me", Some(&admin)).await;
    let path = format!("/api/v1/users/{}", me.id());
    app.patch(&path, Some(&admin), json!({"active": false}))
        .await
        .assert_problem(409);
    app.patch(&path, Some(&admin), json!({"role": "viewer"}))
        .await
        .assert_problem(409);
    assert_eq!(
        app.get("/api/v1/me", Some(&admin)).await.body["role"],
        "admin"
    );
});

backend_test!(bad_user_input_is_refused_and_writes_nothing, |app| {
    let p = common::province(&app).await;
    let before = (app.count("users"), app.count("audit_events"));
    let cases = [
        (
            json!({"username": "Bad Name", "full_name": "X", "password": common::PASSWORD, "role": "viewer"}),
            422,
            Some("username"),
        ),
        (
            json!({"username": "short.pw", "full_name": "X", "password": "too-short", "role": "viewer"}),
            422,
            Some("password"),
        ),
        (
            json!({"username": "no.name", "full_name": " ", "password": common::PASSWORD, "role": "viewer"}),
            422,
            Some("full_name"),
        ),
        (
            json!({"username": "no.agency", "full_name": "X", "password": common::PASSWORD, "role": "agency_staff"}),
            422,
            Some("agency_id"),
        ),
        (
            json!({"username": "ghost", "full_name": "X", "password": common::PASSWORD, "role": "agency_staff", "agency_id": uuid::Uuid::now_v7()}),
            422,
            Some("agency_id"),
        ),
        (
            json!({"username": "bad.role", "full_name": "X", "password": common::PASSWORD, "role": "root"}),
            422,
            None,
        ),
        (
            json!({"username": "extra", "full_name": "X", "password": common::PASSWORD, "role": "viewer", "password_hash": "x"}),
            422,
            None,
        ),
        (
            json!({"username": "staff.a", "full_name": "X", "password": common::PASSWORD, "role": "viewer"}),
            409,
            None,
        ),
    ];
    for (body, status, field) in cases {
        let response = app
            .post("/api/v1/users", Some(&p.admin), body.clone())
            .await;
        response.assert_problem(status);
        if let Some(field) = field {
            assert_eq!(response.error_fields(), [field], "{body}");
        }
    }
    let path = format!("/api/v1/users/{}", p.staff_a_id);
    app.patch(&path, Some(&p.admin), json!({"agency_id": null}))
        .await
        .assert_problem(422);
    app.patch(&path, Some(&p.admin), json!({"password": "short"}))
        .await
        .assert_problem(422);
    assert_eq!((app.count("users"), app.count("audit_events")), before);
});
