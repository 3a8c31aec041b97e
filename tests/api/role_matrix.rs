//! The role-by-endpoint matrix for agencies, users and the audit trail: each of the six roles
//! against each operation, inside and outside its scope.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::http::Method;
use serde_json::json;

/// Expected statuses per role, in the order admin, supervisor, inspector, viewer,
/// agency_manager (of department A), agency_staff (of department A's division).
type Row = [u16; 6];

backend_test!(every_role_gets_what_the_design_allows, |app| {
    let p = common::province(&app).await;
    let mut tokens = vec![p.admin.clone()];
    for role in ["supervisor", "inspector", "viewer"] {
        tokens.push(app.insert_user(role, role, None).1);
    }
    tokens.push(p.manager_a.clone());
    tokens.push(p.staff_a.clone());
    let target_staff = app
        .create_user(
            &p.admin,
            "target.staff",
            "agency_staff",
            Some(&p.division_a),
        )
        .await;

    let cases: Vec<(&str, Method, String, Row)> = vec![
        (
            "list agencies",
            Method::GET,
            "/api/v1/agencies".into(),
            [200, 200, 200, 200, 200, 200],
        ),
        (
            "read own division",
            Method::GET,
            format!("/api/v1/agencies/{}", p.division_a),
            [200, 200, 200, 200, 200, 200],
        ),
        (
            "read other department",
            Method::GET,
            format!("/api/v1/agencies/{}", p.dept_b),
            [200, 200, 200, 200, 404, 404],
        ),
        (
            "create agency",
            Method::POST,
            "/api/v1/agencies".into(),
            [201, 403, 403, 403, 403, 403],
        ),
        (
            "change own division",
            Method::PATCH,
            format!("/api/v1/agencies/{}", p.division_a),
            [200, 403, 403, 403, 403, 403],
        ),
        (
            "change other department",
            Method::PATCH,
            format!("/api/v1/agencies/{}", p.dept_b),
            [200, 403, 403, 403, 404, 404],
        ),
        (
            "list users",
            Method::GET,
            "/api/v1/users".into(),
            [200, 200, 200, 200, 200, 200],
        ),
        (
            "read own staff",
            Method::GET,
            format!("/api/v1/users/{target_staff}"),
            [200, 200, 200, 200, 200, 200],
        ),
        (
            "read other department's staff",
            Method::GET,
            format!("/api/v1/users/{}", p.staff_b_id),
            [200, 200, 200, 200, 404, 404],
        ),
        (
            "create staff in own division",
            Method::POST,
            "/api/v1/users".into(),
            [201, 403, 403, 403, 201, 403],
        ),
        (
            "change own staff",
            Method::PATCH,
            format!("/api/v1/users/{target_staff}"),
            [200, 403, 403, 403, 200, 403],
        ),
        (
            "change other department's staff",
            Method::PATCH,
            format!("/api/v1/users/{}", p.staff_b_id),
            [200, 403, 403, 403, 404, 404],
        ),
        (
            "read audit trail",
            Method::GET,
            "/api/v1/audit-events".into(),
            [200, 403, 403, 403, 403, 403],
        ),
    ];
    for (i, token) in tokens.iter().enumerate() {
        for (name, method, path, expected) in &cases {
            let body = match (*name, method) {
                ("create agency", _) => {
                    json!({"code": format!("NEW-{i}"), "name": "Mới", "kind": "other"})
                }
                ("create staff in own division", _) => {
                    json!({"username": format!("new.staff.{i}"), "full_name": "Mới",
                    "password": common::PASSWORD, "role": "agency_staff", "agency_id": p.division_a})
                }
                (_, &Method::PATCH) if path.contains("/users/") => {
                    json!({"full_name": format!("Tên {i}")})
                }
                (_, &Method::PATCH) => json!({"headcount": i}),
                _ => json!(null),
            };
            let response = if *method == Method::GET {
                app.get(path, Some(token)).await
            } else {
                app.send(method.clone(), path, Some(token), body).await
            };
            assert_eq!(
                response.status, expected[i],
                "{} as role #{i}: {}",
                name, response.body
            );
        }
    }
    // Deleting: an empty agency inside division A, fresh for each role.
    for (i, token) in tokens.iter().enumerate() {
        let empty = app
            .create_agency(&p.admin, &format!("EMPTY-{i}"), Some(&p.division_a))
            .await;
        let expected = [204, 403, 403, 403, 403, 403][i];
        let status = app
            .delete(&format!("/api/v1/agencies/{empty}"), Some(token))
            .await
            .status;
        assert_eq!(status, expected, "delete as role #{i}");
    }
});
