//! The role-by-endpoint matrix for frameworks, campaigns and assessments: each of the six roles
//! against each write, each on its own fresh target so that only the role decides.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::campaigns::{campaign, day, framework_body, published_framework, scores, year};
use serde_json::json;

/// admin, supervisor, inspector, viewer, agency_manager (department A), agency_staff (its division).
const ROLES: [&str; 6] = [
    "admin",
    "supervisor",
    "inspector",
    "viewer",
    "manager",
    "staff",
];

backend_test!(
    every_role_gets_what_the_design_allows_on_assessments,
    |app| {
        let p = common::province(&app).await;
        let mut tokens = vec![p.admin.clone()];
        for role in ["supervisor", "inspector", "viewer"] {
            tokens.push(app.insert_user(role, role, None).1);
        }
        tokens.push(p.manager_a.clone());
        tokens.push(p.staff_a.clone());
        let sup = tokens[1].clone();
        let framework = published_framework(&app, &p.admin).await;
        let (d1, d2, d3) = (
            day(30).to_string(),
            day(60).to_string(),
            day(90).to_string(),
        );
        let mut statuses: Vec<(&str, [u16; 6])> = Vec::new();

        let mut row = [0; 6];
        for (i, token) in tokens.iter().enumerate() {
            let body = framework_body(&format!("ROLE-{i}"));
            row[i] = app
                .post("/api/v1/frameworks", Some(token), body)
                .await
                .status;
        }
        statuses.push(("create framework", row));

        for (block, name) in ["create campaign", "clone campaign", "change campaign"]
            .into_iter()
            .enumerate()
        {
            let mut row = [0; 6];
            for (i, token) in tokens.iter().enumerate() {
                let source_year = 2030 + 10 * block as i32 + i as i32;
                row[i] = match name {
                    "create campaign" => {
                        app.post(
                            "/api/v1/campaigns",
                            Some(token),
                            json!({"framework_id": framework, "year": source_year}),
                        )
                        .await
                        .status
                    }
                    _ => {
                        let source = app
                            .post(
                                "/api/v1/campaigns",
                                Some(&sup),
                                json!({"framework_id": framework, "year": source_year}),
                            )
                            .await
                            .id();
                        if name == "clone campaign" {
                            app.post(
                                &format!("/api/v1/campaigns/{source}/clone"),
                                Some(token),
                                json!({"year": source_year + 20}),
                            )
                            .await
                            .status
                        } else {
                            app.patch(
                                &format!("/api/v1/campaigns/{source}"),
                                Some(token),
                                json!({"name": "Đợt đánh giá"}),
                            )
                            .await
                            .status
                        }
                    }
                };
            }
            statuses.push((name, row));
        }

        // Registration, scoring, review and reading, each role on its own campaign of a past year.
        let mut register = [0; 6];
        let mut self_score = [0; 6];
        let mut read = [0; 6];
        let mut submit = [0; 6];
        for (i, token) in tokens.iter().enumerate() {
            let code = format!("ROLE-CAMPAIGN-{i}");
            let mut body = framework_body(&code);
            body["code"] = json!(code);
            let fw = app
                .post("/api/v1/frameworks", Some(&p.admin), body)
                .await
                .id();
            app.post(
                &format!("/api/v1/frameworks/{fw}/publish"),
                Some(&p.admin),
                json!({}),
            )
            .await;
            let c = campaign(&app, &sup, &fw, &p, year(), [&d1, &d2, &d3]).await;
            let registration = json!({"agency_id": p.dept_a, "document_number": "118/STTTT-VP", "registered_on": day(-1)});
            let response = app
                .post(
                    &format!("/api/v1/campaigns/{c}/registrations"),
                    Some(token),
                    registration.clone(),
                )
                .await;
            register[i] = response.status;
            let id = if response.status == 201 {
                response.id()
            } else {
                app.post(
                    &format!("/api/v1/campaigns/{c}/registrations"),
                    Some(&sup),
                    registration,
                )
                .await
                .id()
            };
            let path = format!("/api/v1/assessments/{id}");
            self_score[i] = app
                .put(
                    &format!("{path}/self-scores"),
                    Some(token),
                    scores(60.0, true),
                )
                .await
                .status;
            read[i] = app.get(&path, Some(token)).await.status;
            app.put(
                &format!("{path}/self-scores"),
                Some(&p.manager_a),
                scores(60.0, true),
            )
            .await;
            submit[i] = app
                .post(&format!("{path}/submit"), Some(token), json!({}))
                .await
                .status;
        }
        statuses.push(("register department A", register));
        statuses.push(("self-score department A", self_score));
        statuses.push(("read department A's assessment", read));
        statuses.push(("submit department A's assessment", submit));

        let expected: Vec<(&str, [u16; 6])> = vec![
            ("create framework", [201, 403, 403, 403, 403, 403]),
            ("create campaign", [201, 201, 403, 403, 403, 403]),
            ("clone campaign", [201, 201, 403, 403, 403, 403]),
            ("change campaign", [200, 200, 403, 403, 403, 403]),
            ("register department A", [201, 201, 403, 403, 201, 403]),
            ("self-score department A", [403, 403, 403, 403, 200, 404]),
            (
                "read department A's assessment",
                [200, 200, 200, 200, 200, 404],
            ),
            (
                "submit department A's assessment",
                [403, 403, 403, 403, 200, 404],
            ),
        ];
        for ((name, got), (_, want)) in statuses.iter().zip(&expected) {
            assert_eq!(got, want, "{name} for {ROLES:?}");
        }
    }
);
