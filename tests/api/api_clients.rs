//! API clients through the real App: made by admins and agency managers, tokens by the
//! client-credentials grant, limited to their scopes and their agency's subtree, secrets
//! rotated with an overlap, and tokens refused as soon as the client is deactivated.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use crate::security_review::tasks_a_and_b;
use actix_web::test::TestRequest;
use base64::Engine;
use serde_json::{json, Value};

const TOKEN: &str = "/api/v1/oauth/token";

async fn token(app: &common::TestApp, form: &str, basic: Option<(&str, &str)>) -> common::Resp {
    let mut req = TestRequest::post()
        .uri(TOKEN)
        .insert_header(("content-type", "application/x-www-form-urlencoded"))
        .set_payload(form.to_owned());
    if let Some((id, secret)) = basic {
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
        req = req.insert_header(("authorization", format!("Basic {encoded}")));
    }
    app.call(req).await
}

pub(crate) async fn access_token(app: &common::TestApp, id: &str, secret: &str) -> String {
    let issued = token(app, "grant_type=client_credentials", Some((id, secret))).await;
    assert_eq!(issued.status, 200, "{}", issued.body);
    issued.body["access_token"].as_str().unwrap().to_owned()
}

/// A token of a new client of `agency` with `scopes`, made by `manager`.
pub(crate) async fn client_token(
    app: &common::TestApp,
    manager: &str,
    agency: &str,
    scopes: Value,
) -> String {
    let made = app
        .post(
            "/api/v1/api-clients",
            Some(manager),
            client_body(Some(agency), scopes),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = made.body["client"]["id"].as_str().unwrap();
    let secret = made.body["client_secret"].as_str().unwrap();
    access_token(app, id, secret).await
}

pub(crate) fn client_body(agency: Option<&str>, scopes: Value) -> Value {
    json!({"name": "Hệ thống quản lý văn bản và điều hành", "agency_id": agency, "scopes": scopes})
}

backend_test!(
    a_client_gets_tokens_limited_to_its_scopes_and_subtree,
    |app| {
        let p = common::province(&app).await;
        let (own, foreign) = tasks_a_and_b(&app, &p).await;
        let made = app
            .post(
                "/api/v1/api-clients",
                Some(&p.manager_a),
                client_body(Some(&p.dept_a), json!(["tasks:read", "reports:write"])),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        let id = made.body["client"]["id"].as_str().unwrap().to_owned();
        let secret = made.body["client_secret"].as_str().unwrap().to_owned();
        assert!(made.header("location").unwrap().ends_with(&id));
        let read = app
            .get(&format!("/api/v1/api-clients/{id}"), Some(&p.manager_a))
            .await;
        assert_eq!(
            read.body["scopes"],
            json!(["tasks:read", "reports:write"]),
            "{}",
            read.body
        );
        assert!(
            !read.body.to_string().contains(&secret),
            "the secret is shown once"
        );
        assert!(read.body["last_used_at"].is_null());

        // The grant, with HTTP Basic or the form; the token answers with the client's scopes.
        let issued = token(&app, "grant_type=client_credentials", Some((&id, &secret))).await;
        assert_eq!(issued.status, 200, "{}", issued.body);
        assert_eq!(issued.body["token_type"], "Bearer");
        assert_eq!(issued.body["scope"], "tasks:read reports:write");
        assert_eq!(issued.header("cache-control").as_deref(), Some("no-store"));
        let narrow = format!(
            "grant_type=client_credentials&client_id={id}&client_secret={secret}&scope=tasks:read"
        );
        let narrowed = token(&app, &narrow, None).await;
        assert_eq!(narrowed.body["scope"], "tasks:read", "{}", narrowed.body);
        let bearer = issued.body["access_token"].as_str().unwrap().to_owned();

        // Inside its subtree and its scopes only; another agency's task is missing to it.
        let listed = app.get("/api/v1/tasks", Some(&bearer)).await;
        assert_eq!(listed.status, 200, "{}", listed.body);
        assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
        assert_eq!(
            app.get(&format!("/api/v1/tasks/{own}"), Some(&bearer))
                .await
                .status,
            200
        );
        let hidden = app
            .get(&format!("/api/v1/tasks/{foreign}"), Some(&bearer))
            .await;
        let missing = app
            .get(
                &format!("/api/v1/tasks/{}", uuid::Uuid::now_v7()),
                Some(&bearer),
            )
            .await;
        hidden.assert_problem(404);
        assert_eq!(hidden.body, missing.body);
        let assessment = format!("/api/v1/assessments/{}", uuid::Uuid::now_v7());
        let refused = app.get(&assessment, Some(&bearer)).await;
        refused.assert_problem(403);
        assert_eq!(refused.body["error"], "insufficient_scope");
        assert!(refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("assessments:read"));
        let tree = app.get("/api/v1/agencies", Some(&bearer)).await;
        tree.assert_problem(403);
        assert!(tree.body["detail"]
            .as_str()
            .unwrap()
            .contains("agencies:read"));
        for closed in ["/api/v1/users", "/api/v1/me", "/api/v1/api-clients"] {
            let answer = app.get(closed, Some(&bearer)).await;
            answer.assert_problem(403);
            assert!(answer.body["detail"]
                .as_str()
                .unwrap()
                .contains("not open to API clients"));
        }
        let scoped = access_token(&app, &id, &secret).await;
        let read_only = token(&app, &narrow, None).await.body["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        let report = json!({"period": "2026-Q4", "body": "Đã triển khai"});
        let uri = format!("/api/v1/tasks/{own}/reports");
        app.post(&uri, Some(&read_only), report.clone())
            .await
            .assert_problem(403);
        let filed = app.post(&uri, Some(&scoped), report).await;
        assert_eq!(filed.status, 201, "{}", filed.body);
        let client_user = read.body["user_id"].as_str().unwrap();
        assert_eq!(filed.body["created_by"], client_user, "{}", filed.body);
        let used = app
            .get(&format!("/api/v1/api-clients/{id}"), Some(&p.manager_a))
            .await;
        assert!(used.body["last_used_at"].is_string());
        // Another client of the department, reading the agency tree: its subtree only.
        let reader = app
            .post(
                "/api/v1/api-clients",
                Some(&p.manager_a),
                client_body(Some(&p.dept_a), json!(["agencies:read"])),
            )
            .await;
        let reader_token = access_token(
            &app,
            reader.body["client"]["id"].as_str().unwrap(),
            reader.body["client_secret"].as_str().unwrap(),
        )
        .await;
        let agencies = app.get("/api/v1/agencies", Some(&reader_token)).await;
        assert_eq!(agencies.status, 200, "{}", agencies.body);
        assert_eq!(agencies.body["items"].as_array().unwrap().len(), 2);
        app.get(
            &format!("/api/v1/agencies/{}", p.dept_b),
            Some(&reader_token),
        )
        .await
        .assert_problem(404);
        // Its account cannot log in with a password.
        let username = format!("client.{}", id.replace('-', ""));
        let login = app
            .post(
                "/api/v1/auth/login",
                None,
                json!({"username": username, "password": "x"}),
            )
            .await;
        assert_eq!(login.status, 401);

        // Deactivated, its tokens are refused at once and it gets no new one.
        let off = app
            .patch(
                &format!("/api/v1/api-clients/{id}"),
                Some(&p.admin),
                json!({"active": false}),
            )
            .await;
        assert_eq!(off.status, 200, "{}", off.body);
        app.get("/api/v1/tasks", Some(&bearer))
            .await
            .assert_problem(401);
        let again = token(&app, "grant_type=client_credentials", Some((&id, &secret))).await;
        again.assert_problem(401);
        assert_eq!(again.body["error"], "invalid_client");
    }
);

backend_test!(
    secrets_rotate_with_an_overlap_and_token_requests_are_checked,
    |app| {
        let p = common::province(&app).await;
        let made = app
            .post(
                "/api/v1/api-clients",
                Some(&p.admin),
                client_body(None, json!(["directives:write"])),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        let id = made.body["client"]["id"].as_str().unwrap().to_owned();
        let first = made.body["client_secret"].as_str().unwrap().to_owned();
        let rotate = format!("/api/v1/api-clients/{id}/secret");
        app.post(&rotate, Some(&p.admin), json!({"overlap_hours": 500}))
            .await
            .assert_problem(422);
        let rotated = app
            .post(&rotate, Some(&p.admin), json!({"overlap_hours": 1}))
            .await;
        assert_eq!(rotated.status, 200, "{}", rotated.body);
        let second = rotated.body["client_secret"].as_str().unwrap().to_owned();
        assert!(rotated.body["client"]["previous_secret_valid_until"].is_string());
        access_token(&app, &id, &first).await;
        access_token(&app, &id, &second).await;
        let ended = app
            .post(&rotate, Some(&p.admin), json!({"overlap_hours": 0}))
            .await;
        let third = ended.body["client_secret"].as_str().unwrap().to_owned();
        for old in [&first, &second] {
            let refused = token(&app, "grant_type=client_credentials", Some((&id, old))).await;
            refused.assert_problem(401);
        }
        let bearer = access_token(&app, &id, &third).await;
        // A province client registers directives as a supervisor would.
        let registered = app
            .post(
                "/api/v1/directives",
                Some(&bearer),
                json!({"kind": "plan", "number": "12/KH-UBND", "issuer": "UBND tỉnh",
                "issued_on": "2026-01-15", "title": "Kế hoạch năm 2026"}),
            )
            .await;
        assert_eq!(registered.status, 201, "{}", registered.body);

        // Malformed requests name their RFC 6749 error; nothing is issued.
        let form = format!("client_id={id}&client_secret={third}");
        for (body, status, error) in [
            (
                format!("grant_type=password&{form}"),
                400,
                "unsupported_grant_type",
            ),
            (form.clone(), 400, "invalid_request"),
            (
                format!("grant_type=client_credentials&{form}&scope=tasks:read"),
                400,
                "invalid_scope",
            ),
            (
                format!("grant_type=client_credentials&{form}&scope=tasks:erase"),
                400,
                "invalid_scope",
            ),
            (
                format!("grant_type=client_credentials&grant_type=client_credentials&{form}"),
                400,
                "invalid_request",
            ),
            (
                format!("grant_type=client_credentials&client_id={id}&client_secret=wrong"),
                401,
                "invalid_client",
            ),
            (
                "grant_type=client_credentials&client_id=x&client_secret=y".to_owned(),
                401,
                "invalid_client",
            ),
        ] {
            let answer = token(&app, &body, None).await;
            answer.assert_problem(status);
            assert_eq!(answer.body["error"], error, "{body}: {}", answer.body);
        }
        let json_body = app
            .post(TOKEN, None, json!({"grant_type": "client_credentials"}))
            .await;
        json_body.assert_problem(400);
    }
);

backend_test!(
    clients_are_managed_inside_the_managers_subtree_and_bad_input_writes_nothing,
    |app| {
        let p = common::province(&app).await;
        let before = (
            app.count("api_clients"),
            app.count("users"),
            app.count("audit_events"),
        );
        for (token, body, fields) in [
            (
                &p.manager_a,
                client_body(None, json!(["tasks:read"])),
                vec!["agency_id"],
            ),
            (
                &p.manager_a,
                client_body(Some(&p.dept_b), json!(["tasks:read"])),
                vec!["agency_id"],
            ),
            (
                &p.admin,
                client_body(Some(&p.dept_a), json!([])),
                vec!["scopes"],
            ),
            (
                &p.admin,
                client_body(Some(&p.dept_a), json!(["tasks:read", "tasks:read"])),
                vec!["scopes"],
            ),
            (
                &p.admin,
                json!({"name": " ", "scopes": ["tasks:read"], "expires_at": "2020-01-01T00:00:00Z"}),
                vec!["name", "expires_at"],
            ),
        ] {
            let refused = app.post("/api/v1/api-clients", Some(token), body).await;
            refused.assert_problem(422);
            assert_eq!(refused.error_fields(), fields, "{}", refused.body);
        }
        app.post(
            "/api/v1/api-clients",
            Some(&p.admin),
            client_body(None, json!(["tasks:delete"])),
        )
        .await
        .assert_problem(422);
        app.post(
            "/api/v1/api-clients",
            Some(&p.staff_a),
            client_body(Some(&p.division_a), json!(["tasks:read"])),
        )
        .await
        .assert_problem(403);
        assert_eq!(
            (
                app.count("api_clients"),
                app.count("users"),
                app.count("audit_events")
            ),
            before
        );
        let id = app
            .post(
                "/api/v1/api-clients",
                Some(&p.manager_a),
                client_body(Some(&p.division_a), json!(["tasks:read"])),
            )
            .await
            .body["client"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let path = format!("/api/v1/api-clients/{id}");
        // Another department's manager: the same 404 as a client that does not exist.
        let foreign = app.get(&path, Some(&p.manager_b)).await;
        let missing = app
            .get(
                &format!("/api/v1/api-clients/{}", uuid::Uuid::now_v7()),
                Some(&p.manager_b),
            )
            .await;
        foreign.assert_problem(404);
        assert_eq!(foreign.body, missing.body);
        app.patch(&path, Some(&p.manager_b), json!({"active": false}))
            .await
            .assert_problem(404);
        app.post(&format!("{path}/secret"), Some(&p.manager_b), json!({}))
            .await
            .assert_problem(404);
        let listed = app.get("/api/v1/api-clients", Some(&p.manager_b)).await;
        assert_eq!(listed.body["items"], json!([]));
        assert_eq!(
            app.get("/api/v1/api-clients", Some(&p.manager_a))
                .await
                .body["items"][0]["id"],
            id.as_str()
        );
        app.get("/api/v1/api-clients", Some(&p.staff_a))
            .await
            .assert_problem(403);
        let bad = app
            .patch(&path, Some(&p.manager_a), json!({"scopes": [], "name": ""}))
            .await;
        bad.assert_problem(422);
        assert_eq!(bad.error_fields(), vec!["name", "scopes"]);
        let stale = app
            .call(
                TestRequest::patch()
                    .uri(&path)
                    .insert_header(("authorization", format!("Bearer {}", p.manager_a)))
                    .insert_header(("if-match", "\"7\""))
                    .set_json(json!({"name": "Cổng dữ liệu"})),
            )
            .await;
        stale.assert_problem(412);
        let renamed = app
            .patch(
                &path,
                Some(&p.manager_a),
                json!({"name": "Cổng dữ liệu", "scopes": ["tasks:read", "tasks:write"]}),
            )
            .await;
        assert_eq!(renamed.status, 200, "{}", renamed.body);
        assert_eq!(renamed.body["version"], 2);
        assert_eq!(renamed.body["scopes"], json!(["tasks:read", "tasks:write"]));
    }
);

backend_test!(
    a_subjects_client_reads_its_own_delegation_records_only,
    |app| {
        use crate::delegations::{body, formed, members, setup};
        let s = setup(&app).await;
        let own = formed(&app, &s).await;
        let mut elsewhere = body(&s, members(&s));
        elsewhere["decision_number"] = json!("126-QĐ/TU");
        elsewhere["subjects"] = json!([{"agency_id": s.p.dept_b}]);
        let foreign = app
            .post("/api/v1/delegations", Some(&s.supervisor), elsewhere)
            .await
            .id();
        let made = app
            .post(
                "/api/v1/api-clients",
                Some(&s.p.manager_a),
                client_body(Some(&s.p.dept_a), json!(["delegations:read"])),
            )
            .await;
        let bearer = access_token(
            &app,
            made.body["client"]["id"].as_str().unwrap(),
            made.body["client_secret"].as_str().unwrap(),
        )
        .await;
        let read = app
            .get(&format!("/api/v1/delegations/{own}"), Some(&bearer))
            .await;
        assert_eq!(read.status, 200, "{}", read.body);
        assert_eq!(read.body["standing"], "subject");
        let hidden = app
            .get(&format!("/api/v1/delegations/{foreign}"), Some(&bearer))
            .await;
        let missing = app
            .get(
                &format!("/api/v1/delegations/{}", uuid::Uuid::now_v7()),
                Some(&bearer),
            )
            .await;
        hidden.assert_problem(404);
        assert_eq!(hidden.body, missing.body);
        let listed = app.get("/api/v1/delegations", Some(&bearer)).await;
        assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
        // Reading does not open writing: a subject's report is drafted by people.
        let report = format!("/api/v1/delegations/{own}/subjects/{}/report", s.p.dept_a);
        let refused = app
            .put(&report, Some(&bearer), json!({"answers": []}))
            .await;
        refused.assert_problem(403);
        assert_eq!(refused.body["error"], "insufficient_scope");
    }
);
