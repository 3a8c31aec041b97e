//! Login, tokens, throttling and sessions through the real App.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::TestRequest;
use serde_json::json;

backend_test!(login_returns_a_token_pair_that_works, |app| {
    let response = app.login_response("admin", common::ADMIN_PASSWORD).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.body["token_type"], "Bearer");
    assert_eq!(response.body["expires_in"], 900);
    let token = response.body["access_token"].as_str().unwrap();
    assert_eq!(token.split('.').count(), 3);
    let me = app.get("/api/v1/me", Some(token)).await;
    assert_eq!(me.body["username"], "admin");
    // Usernames are matched case-insensitively.
    assert_eq!(
        app.login_response("ADMIN", common::ADMIN_PASSWORD)
            .await
            .status,
        200
    );
});

backend_test!(wrong_or_missing_credentials_get_401, |app| {
    let wrong = app.login_response("admin", "not-the-password").await;
    wrong.assert_problem(401);
    let unknown = app.login_response("nobody", "not-the-password").await;
    unknown.assert_problem(401);
    assert_eq!(wrong.body["detail"], unknown.body["detail"]);
    app.get("/api/v1/me", None).await.assert_problem(401);
    app.get("/api/v1/me", Some("not.a.jwt"))
        .await
        .assert_problem(401);
    let token = app.admin_token().await;
    let tampered = format!("{}x", &token[..token.len() - 1]);
    app.get("/api/v1/me", Some(&tampered))
        .await
        .assert_problem(401);
    let basic = app
        .call(
            TestRequest::get()
                .uri("/api/v1/me")
                .insert_header(("authorization", "Basic YWRtaW46eA==")),
        )
        .await;
    basic.assert_problem(401);
    app.login_response("", "").await.assert_problem(422);
});

/// A login from `address` (the throttle counts per address).
async fn login_from(
    app: &common::TestApp,
    address: &str,
    username: &str,
    password: &str,
) -> common::Resp {
    app.call(
        TestRequest::post()
            .uri("/api/v1/auth/login")
            .peer_addr(format!("{address}:40000").parse().unwrap())
            .set_json(json!({"username": username, "password": password})),
    )
    .await
}

/// Wrong passwords from `address` until the throttle answers 429 (it must within 12 tries:
/// the back-off starts after 5 failures and doubles from 1 s).
async fn guess_until_throttled(
    app: &common::TestApp,
    address: &str,
    username: &str,
) -> common::Resp {
    for _ in 0..12 {
        let answer = login_from(app, address, username, "wrong-password!").await;
        if answer.status == 429 {
            return answer;
        }
        answer.assert_problem(401);
    }
    panic!("{username} was never throttled from {address}");
}

backend_test!(
    guessing_backs_off_without_locking_out_the_owner_or_revealing_the_account,
    |app| {
        let throttled = guess_until_throttled(&app, "10.0.0.66", "admin").await;
        throttled.assert_problem(429);
        let retry: u64 = throttled.header("retry-after").unwrap().parse().unwrap();
        assert!(retry > 0 && retry <= 900);
        // The guesser is held back even with the right password...
        login_from(&app, "10.0.0.66", "admin", common::ADMIN_PASSWORD)
            .await
            .assert_problem(429);
        // ...while the owner, from an address with no failures, logs in.
        let owner = login_from(&app, "10.0.0.7", "admin", common::ADMIN_PASSWORD).await;
        assert_eq!(owner.status, 200, "{}", owner.body);
        // An unknown name is throttled exactly like a real one.
        let ghost = guess_until_throttled(&app, "10.0.0.99", "ghost").await;
        let real = guess_until_throttled(&app, "10.0.0.98", "admin").await;
        assert_eq!(ghost.body, real.body);
    }
);

backend_test!(refresh_rotates_and_reuse_revokes_the_family, |app| {
    let first = app.login_response("admin", common::ADMIN_PASSWORD).await;
    let old = first.body["refresh_token"].as_str().unwrap().to_owned();
    let second = app
        .post("/api/v1/auth/refresh", None, json!({"refresh_token": old}))
        .await;
    assert_eq!(second.status, 200, "{}", second.body);
    let new = second.body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(new, old);
    assert_eq!(
        app.get("/api/v1/me", second.body["access_token"].as_str())
            .await
            .status,
        200
    );
    // The old token comes back: someone copied it. The whole family dies.
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": old}))
        .await
        .assert_problem(401);
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": new}))
        .await
        .assert_problem(401);
    // The access tokens issued meanwhile stop at once, not when they expire.
    for access in [&first.body["access_token"], &second.body["access_token"]] {
        app.get("/api/v1/me", access.as_str())
            .await
            .assert_problem(401);
    }
    app.post(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": "made-up"}),
    )
    .await
    .assert_problem(401);
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": ""}))
        .await
        .assert_problem(422);
});

backend_test!(logout_ends_every_session, |app| {
    let login = app.login_response("admin", common::ADMIN_PASSWORD).await;
    let token = login.body["access_token"].as_str().unwrap().to_owned();
    let refresh = login.body["refresh_token"].as_str().unwrap().to_owned();
    let out = app
        .post("/api/v1/auth/logout", Some(&token), json!({}))
        .await;
    assert_eq!(out.status, 204);
    app.get("/api/v1/me", Some(&token))
        .await
        .assert_problem(401);
    app.post(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": refresh}),
    )
    .await
    .assert_problem(401);
    assert_eq!(
        app.login_response("admin", common::ADMIN_PASSWORD)
            .await
            .status,
        200
    );
});

backend_test!(changing_the_password_revokes_old_tokens, |app| {
    let login = app.login_response("admin", common::ADMIN_PASSWORD).await;
    let token = login.body["access_token"].as_str().unwrap().to_owned();
    let refresh = login.body["refresh_token"].as_str().unwrap().to_owned();
    let wrong = app
        .post(
            "/api/v1/me/password",
            Some(&token),
            json!({"current_password": "not-it-at-all", "new_password": "a-brand-new-password"}),
        )
        .await;
    wrong.assert_problem(422);
    assert_eq!(wrong.error_fields(), ["current_password"]);
    let short = app
        .post(
            "/api/v1/me/password",
            Some(&token),
            json!({"current_password": common::ADMIN_PASSWORD, "new_password": "short"}),
        )
        .await;
    assert_eq!(short.error_fields(), ["new_password"]);
    let changed = app.post("/api/v1/me/password", Some(&token),
        json!({"current_password": common::ADMIN_PASSWORD, "new_password": "a-brand-new-password"})).await;
    assert_eq!(changed.status, 204, "{}", changed.body);
    app.get("/api/v1/me", Some(&token))
        .await
        .assert_problem(401);
    app.post(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": refresh}),
    )
    .await
    .assert_problem(401);
    app.login_response("admin", common::ADMIN_PASSWORD)
        .await
        .assert_problem(401);
    assert_eq!(
        app.login_response("admin", "a-brand-new-password")
            .await
            .status,
        200
    );
});
