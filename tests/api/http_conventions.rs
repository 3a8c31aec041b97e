//! Conventions every route shares: problem+json for every error, request ids, health, the
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! audit trail and the committed OpenAPI document.

use crate::common;

use actix_web::test::TestRequest;
use serde_json::{json, Value};

backend_test!(malformed_requests_get_problem_json, |app| {
    let admin = app.admin_token().await;
    let auth = ("authorization", format!("Bearer {admin}"));
    let before = app.count("agencies");
    let malformed = app
        .call(
            TestRequest::post()
                .uri("/api/v1/agencies")
                .insert_header(auth.clone())
                .insert_header(("content-type", "application/json"))
                .set_payload("{\"code\": "),
        )
        .await;
    malformed.assert_problem(400);
    let wrong_type = app
        .call(
            TestRequest::post()
                .uri("/api/v1/agencies")
                .insert_header(auth.clone())
                .insert_header(("content-type", "text/plain"))
                .set_payload("code=X"),
        )
        .await;
    wrong_type.assert_problem(415);
    let huge = format!(
        "{{\"code\": \"BIG\", \"name\": \"{}\", \"kind\": \"other\"}}",
        "x".repeat(300_000)
    );
    let oversized = app
        .call(
            TestRequest::post()
                .uri("/api/v1/agencies")
                .insert_header(auth.clone())
                .insert_header(("content-type", "application/json"))
                .set_payload(huge),
        )
        .await;
    oversized.assert_problem(413);
    let wrong_shape = app
        .post(
            "/api/v1/agencies",
            Some(&admin),
            json!(["not", "an", "object"]),
        )
        .await;
    wrong_shape.assert_problem(422);
    assert_eq!(app.count("agencies"), before);
    app.get("/api/v1/no-such-thing", Some(&admin))
        .await
        .assert_problem(404);
    app.get("/nothing/here", None).await.assert_problem(404);
    let method = app
        .call(
            TestRequest::put()
                .uri("/api/v1/agencies")
                .insert_header(auth.clone()),
        )
        .await;
    method.assert_problem(405);
    assert_eq!(method.header("allow").as_deref(), Some("GET, POST"));
    app.get("/api/v1/users?active=maybe", Some(&admin))
        .await
        .assert_problem(422);
    app.get("/api/v1/users/123", Some(&admin))
        .await
        .assert_problem(404);
});

backend_test!(nul_bytes_in_text_never_reach_the_database, |app| {
    let admin = app.admin_token().await;
    let search = app.get("/api/v1/agencies?q=a%00b", Some(&admin)).await;
    assert_eq!(search.status, 200, "{}", search.body);
    assert_eq!(
        app.get("/api/v1/users?q=%00", Some(&admin)).await.status,
        200
    );
    assert_eq!(
        app.get("/api/v1/audit-events?entity_type=%00", Some(&admin))
            .await
            .status,
        200
    );
    app.login_response("adm\u{0}in", common::ADMIN_PASSWORD)
        .await
        .assert_problem(401);
    let name = app
        .post(
            "/api/v1/agencies",
            Some(&admin),
            json!({"code": "NUL", "name": "a\u{0}b", "kind": "other"}),
        )
        .await;
    name.assert_problem(422);
});

backend_test!(request_ids_are_echoed_or_generated, |app| {
    let given = app
        .call(
            TestRequest::get()
                .uri("/healthz")
                .insert_header(("x-request-id", "abc-123")),
        )
        .await;
    assert_eq!(given.header("x-request-id").as_deref(), Some("abc-123"));
    let generated = app.get("/healthz", None).await;
    assert_eq!(generated.header("x-request-id").map(|v| v.len()), Some(36));
    assert_eq!(generated.body["status"], "ok");
    assert_eq!(app.get("/readyz", None).await.status, 200);
});

backend_test!(every_write_is_audited_with_actor_and_request, |app| {
    let admin = app.admin_token().await;
    let me = app.get("/api/v1/me", Some(&admin)).await.id();
    let created = app
        .call(
            TestRequest::post()
                .uri("/api/v1/agencies")
                .insert_header(("authorization", format!("Bearer {admin}")))
                .insert_header(("x-request-id", "req-create-1"))
                .set_json(json!({"code": "STTTT", "name": "Sở TT&TT", "kind": "department"})),
        )
        .await;
    let id = created.id();
    app.patch(
        &format!("/api/v1/agencies/{id}"),
        Some(&admin),
        json!({"headcount": 26}),
    )
    .await;
    let events = app
        .get(
            &format!("/api/v1/audit-events?entity_type=agency&entity_id={id}"),
            Some(&admin),
        )
        .await;
    let items = events.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{}", events.body);
    assert_eq!(items[0]["action"], "agency.update");
    assert_eq!(items[0]["changes"], json!({"headcount": 26}));
    assert_eq!(items[1]["action"], "agency.create");
    assert_eq!(items[1]["actor_id"], json!(me));
    assert_eq!(items[1]["request_id"], "req-create-1");
    let by_actor = app
        .get(
            &format!("/api/v1/audit-events?actor_id={me}&limit=1"),
            Some(&admin),
        )
        .await;
    assert_eq!(by_actor.body["items"].as_array().unwrap().len(), 1);
    assert!(by_actor.body["next_cursor"].is_string());
    // Password changes are audited without the password.
    let user = app.create_user(&admin, "someone", "viewer", None).await;
    app.patch(
        &format!("/api/v1/users/{user}"),
        Some(&admin),
        json!({"password": "secret-new-password"}),
    )
    .await;
    let trail = app
        .get(
            &format!("/api/v1/audit-events?entity_id={user}"),
            Some(&admin),
        )
        .await;
    assert!(!trail.body.to_string().contains("secret-new-password"));
    assert!(!trail.body.to_string().contains(common::PASSWORD));
    // Only admins read it.
    let viewer = app.login("someone", "secret-new-password").await;
    app.get("/api/v1/audit-events", Some(&viewer))
        .await
        .assert_problem(403);
});

#[actix_rt::test]
async fn committed_openapi_document_matches_the_code() {
    let generated = defense_compliance::openapi::document_json().expect("document");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    if std::env::var("UPDATE_OPENAPI").is_ok() {
        std::fs::write(path, &generated).expect("write openapi/openapi.json");
        return;
    }
    assert!(committed == generated, "openapi/openapi.json is out of date; run UPDATE_OPENAPI=1 cargo test --test api http_conventions");
}

/// Every `$ref` of the document names a schema it holds; generated clients and schemathesis
/// refuse an operation whose reference dangles.
#[test]
fn every_schema_reference_resolves() {
    fn refs<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    found.push(target);
                }
                map.values().for_each(|v| refs(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
            _ => {}
        }
    }
    let generated = defense_compliance::openapi::document_json().expect("document");
    let document: Value = serde_json::from_str(&generated).expect("json");
    let mut found = Vec::new();
    refs(&document, &mut found);
    assert!(!found.is_empty());
    let dangling: Vec<&&str> = found
        .iter()
        .filter(|target| {
            let name = target.trim_start_matches("#/components/schemas/");
            document["components"]["schemas"][name].is_null()
        })
        .collect();
    assert!(dangling.is_empty(), "references to no schema: {dangling:?}");
}

#[actix_rt::test]
async fn swagger_ui_and_document_are_served() {
    let app = common::spawn_app(common::TestDatabase::Sqlite).await;
    let ui = app.get("/swagger-ui/", None).await;
    assert_eq!(ui.status, 200);
    assert!(ui.body.as_str().unwrap_or("").contains("swagger"));
    let doc = app.get("/api-docs/openapi.json", None).await;
    assert_eq!(doc.body["openapi"], "3.1.0");
    assert!(doc.body["paths"]["/api/v1/agencies/{id}"]["patch"].is_object());
}

backend_test!(bodies_must_be_json_objects, |app| {
    let admin = app.admin_token().await;
    let id = app.create_agency(&admin, "DEPT", None).await;
    let before = app.count("audit_events");
    let array = app
        .patch(
            &format!("/api/v1/agencies/{id}"),
            Some(&admin),
            json!([null, null]),
        )
        .await;
    array.assert_problem(422);
    assert_eq!(array.error_fields(), ["body"]);
    app.post("/api/v1/agencies", Some(&admin), json!("STTTT"))
        .await
        .assert_problem(422);
    assert_eq!(app.count("audit_events"), before);
});

backend_test!(a_panic_inside_a_write_leaves_the_database_writable, |app| {
    use diesel::connection::SimpleConnection;
    let admin = app.admin_token().await;
    // A write that panics after it has taken the write lock and changed a row.
    let outcome = app
        .pool
        .write(|conn| {
            conn.batch_execute("UPDATE users SET full_name = 'half-written'")?;
            panic!("a handler bug inside a transaction");
            #[allow(unreachable_code)]
            Ok(())
        })
        .await;
    assert!(outcome.is_err());
    // The same on a pooled connection (a read path that opened a transaction and wrote).
    let outcome = app
        .pool
        .run(|conn| {
            use diesel::Connection;
            conn.transaction(|c| {
                c.batch_execute("UPDATE users SET full_name = 'half-written'")?;
                panic!("a handler bug inside a transaction");
                #[allow(unreachable_code)]
                Ok(())
            })
        })
        .await;
    assert!(outcome.is_err());
    // More writes than the pool has connections: each one would meet the abandoned
    // transaction if its connection had gone back to the pool.
    for i in 0..6 {
        let code = format!("AFTER-PANIC-{i}");
        app.create_agency(&admin, &code, None).await;
    }
    let me = app.get("/api/v1/me", Some(&admin)).await;
    assert_ne!(me.body["full_name"], "half-written");
});

backend_test!(connections_the_server_closed_are_replaced, |app| {
    use diesel::connection::SimpleConnection;
    if app.backend != "postgres" {
        // A local SQLite file cannot be closed under the service.
        continue;
    }
    let admin = app.admin_token().await;
    // Every connection of the pool (size 4) open at once; then what a server restart does to
    // all of them but the one that asks.
    let mut held: Vec<_> = (0..4)
        .map(|_| app.pool.get().expect("connection"))
        .collect();
    held[0]
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .expect("terminate the other connections");
    drop(held);
    // Idle connections are pinged at checkout and the dead ones replaced.
    let mut held: Vec<_> = (0..4)
        .map(|_| app.pool.get().expect("connection"))
        .collect();
    for conn in &mut held {
        conn.batch_execute("SELECT 1").expect("a live connection");
    }
    drop(held);
    for _ in 0..4 {
        assert_eq!(app.get("/api/v1/me", Some(&admin)).await.status, 200);
    }
});
