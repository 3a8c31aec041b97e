//! Every operation under a delegation, taken from the OpenAPI document so that a new route is
//! covered the day it is added, answers another department's users and a removed member
//! exactly as it answers for a delegation that does not exist: 404, with the same message.
//! It runs on the seeded 2018 story, which holds every kind of child record.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::evidence::upload_to;

use actix_web::http::Method;
use defense_compliance::seed::seed_demo;
use serde_json::{json, Value};

const PDF: &[u8] = b"%PDF-1.4\n%% bien ban\n";
const NAME: &str = "filename=\"bien-ban.pdf\"";

/// The real ids of the 2018 delegation's records, by path parameter.
struct Ids(Vec<(&'static str, String)>);

impl Ids {
    fn fill(&self, template: &str) -> String {
        self.0.iter().fold(template.to_owned(), |path, (name, id)| {
            path.replace(&format!("{{{name}}}"), id)
        })
    }
}

/// A body the operation accepts, so that the answer comes from its reach and not its input.
fn valid_body(method: &str, template: &str) -> Value {
    let suffix = template.rsplit("{id}").next().unwrap();
    match (method, suffix) {
        ("patch", "") => json!({"title": "Giám sát việc thực hiện Nghị quyết 28-NQ/TW"}),
        ("post", "/close") => json!({"reason": "Kết thúc giám sát"}),
        ("post", "/extend-field-work") => {
            json!({"decision_number": "130-QĐ/TU", "field_work_to": "2018-09-05"})
        }
        ("put", "/members/{user_id}") => json!({"role": "member"}),
        ("put", "/members/{user_id}/results") => json!({"results": "Kết quả kiểm tra hồ sơ"}),
        ("put", "/subjects/{agency_id}") => json!({}),
        ("put", "/subjects/{agency_id}/conclusion") => crate::conclusions::draft(),
        ("put", "/subjects/{agency_id}/conclusion/comments") => json!({"comments": "Nhất trí"}),
        ("put", "/subjects/{agency_id}/conclusion/implementation-plan") => {
            json!({"number": "53/KH-STTTT", "issued_on": "2018-09-13"})
        }
        ("post", "/subjects/{agency_id}/conclusion/issue") => {
            json!({"number": "146-TB/TU", "issued_on": "2018-09-01"})
        }
        ("put", "/subjects/{agency_id}/notice") => json!({"outline": {"sections": [
            {"number": "1", "title": "Công tác quán triệt"}]}}),
        ("put", "/subjects/{agency_id}/report") => {
            json!({"answers": [{"section": "1", "text": "Đã quán triệt"}]})
        }
        ("post", "/subjects/{agency_id}/report/return") => json!({"reason": "Bổ sung số liệu"}),
        ("post", "/subjects/{agency_id}/sessions") => json!({"held_on": "2018-07-25",
            "remote": true, "participants": ["Trưởng đoàn"], "minutes": "Biên bản"}),
        _ => json!({}),
    }
}

/// The answer to `method path` as `token`: status, content type and the problem's detail.
async fn answer(
    app: &common::TestApp,
    token: &str,
    method: &str,
    path: &str,
    template: &str,
) -> (u16, Option<String>, Value) {
    let response = match method {
        "post" if path.ends_with("/evidence") => upload_to(app, token, path, NAME, PDF).await,
        "get" => app.get(path, Some(token)).await,
        "delete" => app.delete(path, Some(token)).await,
        _ => {
            let body = valid_body(method, template);
            let verb = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            app.send(verb, path, Some(token), body).await
        }
    };
    (
        response.status,
        response.header("content-type"),
        response.body["detail"].clone(),
    )
}

/// Every (method, path template) under `/api/v1/delegations/{id}` in the OpenAPI document.
fn delegation_operations() -> Vec<(String, String)> {
    let document: Value =
        serde_json::from_str(&defense_compliance::openapi::document_json().unwrap()).unwrap();
    let mut operations = Vec::new();
    for (template, item) in document["paths"].as_object().unwrap() {
        if !template.starts_with("/api/v1/delegations/{id}") {
            continue;
        }
        for method in item.as_object().unwrap().keys() {
            operations.push((method.clone(), template.clone()));
        }
    }
    operations
}

async fn ids_of_2018(app: &common::TestApp, admin: &str) -> Ids {
    let list = app.get("/api/v1/delegations?year=2018", Some(admin)).await;
    let delegation = list.body["items"][0]["id"].as_str().unwrap().to_owned();
    let read = app
        .get(&format!("/api/v1/delegations/{delegation}"), Some(admin))
        .await;
    let subject = read.body["subjects"][0]["agency_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let head = read.body["members"][0]["user_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let base = format!("/api/v1/delegations/{delegation}/subjects/{subject}");
    let sessions = app.get(&format!("{base}/sessions"), Some(admin)).await;
    let session = sessions.body[0]["id"].as_str().unwrap().to_owned();
    let minutes = upload_to(
        app,
        admin,
        &format!("{base}/sessions/{session}/evidence"),
        NAME,
        PDF,
    )
    .await;
    assert_eq!(minutes.status, 201, "{}", minutes.body);
    let followed = app
        .get(
            &format!("/api/v1/recommendations?delegation_id={delegation}"),
            Some(admin),
        )
        .await;
    let task = followed.body["items"][0]["task_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reports = app
        .get(&format!("/api/v1/tasks/{task}/reports"), Some(admin))
        .await;
    let report = reports.body["items"][0]["id"].as_str().unwrap().to_owned();
    Ids(vec![
        ("id", delegation),
        ("agency_id", subject),
        ("user_id", head),
        ("session_id", session),
        ("task_id", task),
        ("report_id", report),
        ("evidence_id", minutes.id()),
    ])
}

backend_test!(
    every_delegation_route_answers_outsiders_and_removed_members_as_if_it_did_not_exist,
    |app| {
        seed_demo(&app.pool).unwrap();
        let (_, admin) = app.insert_user("sweep.admin", "admin", None);
        let ids = ids_of_2018(&app, &admin).await;
        let other = app.create_agency(&admin, "DEPT-X", None).await;
        let (_, manager) = app.insert_user("x.manager", "agency_manager", Some(&other));
        let (former_id, former) = app.insert_user("x.staff", "agency_staff", Some(&other));
        // Another department's staff was a member; removing it ends its reach at once.
        let member = ids.fill(&format!("/api/v1/delegations/{{id}}/members/{former_id}"));
        let added = app
            .put(&member, Some(&admin), json!({"role": "member"}))
            .await;
        assert_eq!(added.status, 200, "{}", added.body);
        assert_eq!(
            app.get(&ids.fill("/api/v1/delegations/{id}"), Some(&former))
                .await
                .status,
            200
        );
        assert_eq!(app.delete(&member, Some(&admin)).await.status, 200);

        let missing = Ids(ids
            .0
            .iter()
            .map(|(name, id)| match *name {
                "id" => (*name, uuid::Uuid::now_v7().to_string()),
                _ => (*name, id.clone()),
            })
            .collect());
        let operations = delegation_operations();
        assert!(operations.len() >= 30, "{operations:?}");
        let audit_before = app.count("audit_events");
        for (method, template) in &operations {
            for (who, token) in [
                ("another department's manager", &manager),
                ("a removed member", &former),
            ] {
                let real = answer(&app, token, method, &ids.fill(template), template).await;
                let absent = answer(&app, token, method, &missing.fill(template), template).await;
                assert_eq!(real.0, 404, "{method} {template} as {who}: {real:?}");
                assert_eq!(real, absent, "{method} {template} as {who}");
            }
        }
        assert_eq!(
            app.count("audit_events"),
            audit_before,
            "nothing was written"
        );
    }
);
