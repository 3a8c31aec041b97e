//! Webhooks through the real App and the real worker, against a receiver on this machine: each
//! wanted change arrives once, signed per the Standard Webhooks specification and in order; a
//! failing receiver gets retries on the schedule, a run of failures disables the webhook, a
//! failed delivery can be sent again; a slow receiver times out; two workers send each event
//! once; another department's webhook answers like a missing one; refused addresses and bad
//! bodies write nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicU16, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDateTime;
use defense_compliance::config::WebhookSettings;
use defense_compliance::domain::webhook::signature;
use defense_compliance::webhooks::worker;
use serde_json::{json, Value};

use crate::common;
use crate::security_review::tasks_a_and_b;

/// One request the receiver got.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Received {
    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

/// A minimal HTTP receiver on threads of its own: it keeps what it gets and answers with the
/// status set, after the delay set.
pub(crate) struct Receiver {
    pub(crate) url: String,
    got: Arc<Mutex<Vec<Received>>>,
    status: Arc<AtomicU16>,
    delay_ms: Arc<AtomicU64>,
}

impl Receiver {
    pub(crate) fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/hooks", listener.local_addr().unwrap());
        let got = Arc::new(Mutex::new(Vec::new()));
        let status = Arc::new(AtomicU16::new(200));
        let delay_ms = Arc::new(AtomicU64::new(0));
        let (kept, answer, delay) = (got.clone(), status.clone(), delay_ms.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let (kept, answer, delay) = (kept.clone(), answer.clone(), delay.clone());
                // A connection each, so that a slow answer holds up only its own sender.
                std::thread::spawn(move || {
                    let Some(received) = read_request(&mut stream) else {
                        return;
                    };
                    kept.lock().unwrap().push(received);
                    std::thread::sleep(Duration::from_millis(delay.load(Ordering::SeqCst)));
                    let code = answer.load(Ordering::SeqCst);
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {code} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                    );
                });
            }
        });
        Self {
            url,
            got,
            status,
            delay_ms,
        }
    }

    fn answer(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    pub(crate) fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    fn types(&self) -> Vec<String> {
        self.received()
            .iter()
            .map(|r| r.json()["type"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn read_request(stream: &mut std::net::TcpStream) -> Option<Received> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).ok()?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        let (name, value) = trimmed.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Received {
        headers,
        body: String::from_utf8(body).ok()?,
    })
}

pub(crate) fn settings(disable_after: i32) -> WebhookSettings {
    WebhookSettings {
        allow_private: true,
        timeout: Duration::from_millis(500),
        disable_after,
    }
}

/// One worker pass at `now`, as the service's thread runs it.
pub(crate) fn pass(
    app: &common::TestApp,
    settings: &WebhookSettings,
    now: NaiveDateTime,
) -> worker::Pass {
    worker::pass(&app.pool, settings, &worker::agent(settings), now).unwrap()
}

pub(crate) fn now() -> NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

pub(crate) async fn local_app(database: common::TestDatabase) -> common::TestApp {
    common::spawn_app_with(database, &[("WEBHOOK_ALLOW_PRIVATE", "true")]).await
}

/// A webhook made by `token`; answers its id and secret.
pub(crate) async fn subscribe(
    app: &common::TestApp,
    token: &str,
    url: &str,
    events: Value,
    agency: Option<&str>,
) -> (String, String) {
    let body = json!({"url": url, "event_types": events, "agency_id": agency});
    let made = app.post("/api/v1/webhooks", Some(token), body).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = made.body["webhook"]["id"].as_str().unwrap().to_owned();
    (id, made.body["secret"].as_str().unwrap().to_owned())
}

async fn deliveries(app: &common::TestApp, token: &str, hook: &str) -> Vec<Value> {
    let log = app
        .get(&format!("/api/v1/webhooks/{hook}/deliveries"), Some(token))
        .await;
    assert_eq!(log.status, 200, "{}", log.body);
    log.body["items"].as_array().unwrap().clone()
}

#[actix_rt::test]
async fn a_receiver_gets_each_wanted_change_signed_and_in_order() {
    for database in common::test_databases() {
        let app = local_app(database).await;
        let p = common::province(&app).await;
        let receiver = Receiver::start();
        let events = json!(["task.*"]);
        // An agency outside the manager's subtree is refused like an unknown one; a manager
        // must name one; staff manage none; nothing is written.
        let body = |agency: Option<&str>| json!({"url": receiver.url, "event_types": ["task.*"], "agency_id": agency});
        let outside = app
            .post(
                "/api/v1/webhooks",
                Some(&p.manager_a),
                body(Some(&p.dept_b)),
            )
            .await;
        let unknown = uuid::Uuid::now_v7().to_string();
        let unknown = app
            .post("/api/v1/webhooks", Some(&p.manager_a), body(Some(&unknown)))
            .await;
        outside.assert_problem(422);
        assert_eq!(outside.body, unknown.body);
        assert_eq!(outside.error_fields(), ["agency_id"]);
        app.post("/api/v1/webhooks", Some(&p.manager_a), body(None))
            .await
            .assert_problem(422);
        app.post(
            "/api/v1/webhooks",
            Some(&p.staff_a),
            body(Some(&p.division_a)),
        )
        .await
        .assert_problem(403);
        assert_eq!(app.count("webhooks"), 0);
        let (hook, secret) =
            subscribe(&app, &p.manager_a, &receiver.url, events, Some(&p.dept_a)).await;
        let (own, foreign) = tasks_a_and_b(&app, &p).await;
        let renamed = app
            .patch(
                &format!("/api/v1/tasks/{own}"),
                Some(&p.admin),
                json!({"title": "Rà soát lần hai"}),
            )
            .await;
        assert_eq!(renamed.status, 200, "{}", renamed.body);

        let done = pass(&app, &settings(8), now());
        assert_eq!((done.queued, done.attempted, done.delivered), (2, 2, 2));
        assert_eq!(receiver.types(), ["task.create", "task.update"]);
        for got in receiver.received() {
            let event = got.json();
            assert_eq!(event["data"]["entity_id"], own.as_str());
            assert_ne!(event["data"]["entity_id"], foreign.as_str());
            assert_eq!(event["data"]["href"], format!("/api/v1/tasks/{own}"));
            let timestamp: i64 = got.header("webhook-timestamp").parse().unwrap();
            let expected = signature(&secret, got.header("webhook-id"), timestamp, &got.body);
            assert_eq!(got.header("webhook-signature"), expected.unwrap());
        }
        // Nothing new: the next pass sends nothing again.
        assert_eq!(pass(&app, &settings(8), now()), worker::Pass::default());

        let log = deliveries(&app, &p.manager_a, &hook).await;
        assert_eq!(log.len(), 2);
        assert_eq!(log[0]["event_type"], "task.update", "newest first");
        assert_eq!(log[0]["id"], receiver.received()[1].header("webhook-id"));
        assert!(log.iter().all(|d| d["status"] == "delivered"));
        assert_eq!(log[1]["attempt_log"][0]["status_code"], 200);
        assert!(log[1]["attempt_log"][0]["duration_ms"].is_number());

        // Another department's manager gets what a missing webhook gets, on every route.
        let missing = uuid::Uuid::now_v7();
        for (path, post) in [("", false), ("/deliveries", false), ("/ping", true)] {
            let (foreign, unknown) = if post {
                (
                    app.post(
                        &format!("/api/v1/webhooks/{hook}{path}"),
                        Some(&p.manager_b),
                        json!({}),
                    )
                    .await,
                    app.post(
                        &format!("/api/v1/webhooks/{missing}{path}"),
                        Some(&p.manager_b),
                        json!({}),
                    )
                    .await,
                )
            } else {
                (
                    app.get(
                        &format!("/api/v1/webhooks/{hook}{path}"),
                        Some(&p.manager_b),
                    )
                    .await,
                    app.get(
                        &format!("/api/v1/webhooks/{missing}{path}"),
                        Some(&p.manager_b),
                    )
                    .await,
                )
            };
            foreign.assert_problem(404);
            assert_eq!(foreign.body, unknown.body, "{path}");
        }
        // A change or a redelivery asked by the other department reads like a missing webhook.
        let pause = json!({"active": false});
        let foreign = app
            .patch(
                &format!("/api/v1/webhooks/{hook}"),
                Some(&p.manager_b),
                pause.clone(),
            )
            .await;
        let unknown = app
            .patch(
                &format!("/api/v1/webhooks/{missing}"),
                Some(&p.manager_b),
                pause,
            )
            .await;
        foreign.assert_problem(404);
        assert_eq!(foreign.body, unknown.body);
        let delivery = log[0]["id"].as_str().unwrap();
        let redeliver = |id: &str| format!("/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver");
        let foreign = app
            .post(&redeliver(&hook), Some(&p.manager_b), json!({}))
            .await;
        let unknown = app
            .post(
                &redeliver(&missing.to_string()),
                Some(&p.manager_b),
                json!({}),
            )
            .await;
        foreign.assert_problem(404);
        assert_eq!(foreign.body, unknown.body);
        let still = app
            .get(&format!("/api/v1/webhooks/{hook}"), Some(&p.manager_a))
            .await;
        assert_eq!(
            still.body["active"], true,
            "the foreign PATCH changed nothing"
        );
        let deleted = app
            .delete(&format!("/api/v1/webhooks/{hook}"), Some(&p.manager_b))
            .await;
        deleted.assert_problem(404);
        let listed = app.get("/api/v1/webhooks", Some(&p.manager_b)).await;
        assert_eq!(listed.body["items"], json!([]));
        app.get("/api/v1/webhooks", Some(&p.staff_a))
            .await
            .assert_problem(403);

        // The owner removes it, and nothing more is queued.
        let deleted = app
            .delete(&format!("/api/v1/webhooks/{hook}"), Some(&p.manager_a))
            .await;
        assert_eq!(deleted.status, 204, "{}", deleted.body);
        app.create_agency(&p.admin, "DEPT-A-NEW", Some(&p.dept_a))
            .await;
        assert_eq!(pass(&app, &settings(8), now()).queued, 0);
    }
}

#[actix_rt::test]
async fn failures_are_retried_in_order_then_disable_the_webhook() {
    for database in common::test_databases() {
        let app = local_app(database).await;
        let p = common::province(&app).await;
        let receiver = Receiver::start();
        let (hook, _) = subscribe(&app, &p.admin, &receiver.url, json!(["agency.*"]), None).await;
        receiver.answer(500);
        app.create_agency(&p.admin, "FIRST", None).await;
        app.create_agency(&p.admin, "SECOND", None).await;
        let start = now();
        let strict = settings(3);

        let first = pass(&app, &strict, start);
        assert_eq!((first.queued, first.attempted, first.delivered), (2, 1, 0));
        // The second waits behind the first; the first is not due again for 5 seconds.
        assert_eq!(pass(&app, &strict, start).attempted, 0);
        let later = start + chrono::Duration::seconds(6);
        assert_eq!(pass(&app, &strict, later).attempted, 1);
        let ids: Vec<String> = receiver
            .received()
            .iter()
            .map(|r| r.header("webhook-id").to_owned())
            .collect();
        assert_eq!(ids[0], ids[1], "a retry keeps its webhook-id");

        let log = deliveries(&app, &p.admin, &hook).await;
        let oldest = log.last().unwrap();
        assert_eq!(oldest["status"], "pending");
        assert_eq!(oldest["attempts"], 2);
        assert_eq!(oldest["last_status_code"], 500);
        assert_eq!(oldest["attempt_log"].as_array().unwrap().len(), 2);

        // The third failure in a row disables the webhook; its deliveries wait.
        let third = later + chrono::Duration::minutes(6);
        assert_eq!(pass(&app, &strict, third).attempted, 1);
        let read = app
            .get(&format!("/api/v1/webhooks/{hook}"), Some(&p.admin))
            .await;
        assert_eq!(read.body["active"], false);
        assert!(read.body["disabled_reason"]
            .as_str()
            .unwrap()
            .contains("3 failed"));
        let far = third + chrono::Duration::days(1);
        assert_eq!(pass(&app, &strict, far).attempted, 0);

        // Enabled again, with the receiver back: both go, in order.
        receiver.answer(204);
        let enabled = app
            .patch(
                &format!("/api/v1/webhooks/{hook}"),
                Some(&p.admin),
                json!({"active": true}),
            )
            .await;
        assert_eq!(enabled.status, 200, "{}", enabled.body);
        assert_eq!(enabled.body["failure_streak"], 0);
        let back = pass(&app, &strict, far);
        assert_eq!((back.attempted, back.delivered), (2, 2));
        let names: Vec<String> = receiver.received()[3..]
            .iter()
            .map(|r| r.json()["type"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(names, ["agency.create", "agency.create"]);
        let codes: Vec<String> = receiver.received()[3..]
            .iter()
            .map(|r| r.json()["data"]["entity_id"].as_str().unwrap().to_owned())
            .collect();
        let log = deliveries(&app, &p.admin, &hook).await;
        assert_eq!(log[1]["payload"]["data"]["entity_id"], codes[0].as_str());
        assert_eq!(log[0]["payload"]["data"]["entity_id"], codes[1].as_str());
    }
}

#[actix_rt::test]
async fn a_spent_schedule_fails_the_delivery_which_can_be_sent_again() {
    for database in common::test_databases() {
        let app = local_app(database).await;
        let p = common::province(&app).await;
        let receiver = Receiver::start();
        let (hook, _) = subscribe(&app, &p.admin, &receiver.url, json!(["*"]), None).await;
        receiver.answer(503);
        app.create_agency(&p.admin, "ONLY", None).await;
        let patient = settings(100);
        let mut at = now();
        for _ in 0..8 {
            assert_eq!(pass(&app, &patient, at).attempted, 1);
            at += chrono::Duration::hours(11);
        }
        assert_eq!(pass(&app, &patient, at).attempted, 0);
        let log = deliveries(&app, &p.admin, &hook).await;
        assert_eq!(log[0]["status"], "failed");
        assert_eq!(log[0]["attempts"], 8);
        let delivery = log[0]["id"].as_str().unwrap().to_owned();

        receiver.answer(200);
        let path = format!("/api/v1/webhooks/{hook}/deliveries/{delivery}/redeliver");
        let again = app.post(&path, Some(&p.admin), json!({})).await;
        assert_eq!(again.status, 202, "{}", again.body);
        assert_eq!(again.body["status"], "pending");
        app.post(&path, Some(&p.admin), json!({}))
            .await
            .assert_problem(409);
        assert_eq!(pass(&app, &patient, now()).delivered, 1);
        let log = deliveries(&app, &p.admin, &hook).await;
        assert_eq!(log[0]["status"], "delivered");
        assert_eq!(
            receiver.received().last().unwrap().header("webhook-id"),
            delivery
        );

        // A slow receiver is cut off at the timeout and the attempt logged without a status.
        receiver.delay_ms.store(1500, Ordering::SeqCst);
        app.create_agency(&p.admin, "SLOW", None).await;
        let slow = pass(&app, &patient, now());
        assert_eq!((slow.attempted, slow.delivered), (1, 0));
        let log = deliveries(&app, &p.admin, &hook).await;
        assert!(log[0]["last_status_code"].is_null(), "{:#}", log[0]);
        assert!(log[0]["attempt_log"][0]["error"].is_string());
        receiver.delay_ms.store(0, Ordering::SeqCst);

        // A ping goes ahead of what waits.
        let ping = app
            .post(
                &format!("/api/v1/webhooks/{hook}/ping"),
                Some(&p.admin),
                json!({}),
            )
            .await;
        assert_eq!(ping.status, 202, "{}", ping.body);
        let later = now() + chrono::Duration::minutes(1);
        pass(&app, &patient, later);
        let types = receiver.types();
        let tail = &types[types.len() - 2..];
        assert_eq!(tail, ["webhook.ping", "agency.create"]);
    }
}

#[actix_rt::test]
async fn two_workers_send_each_event_once() {
    for database in common::test_databases() {
        let app = local_app(database).await;
        let p = common::province(&app).await;
        let receiver = Receiver::start();
        subscribe(&app, &p.admin, &receiver.url, json!(["agency.*"]), None).await;
        for n in 0..12 {
            app.create_agency(&p.admin, &format!("MANY-{n}"), None)
                .await;
        }
        let at = now();
        let pool = app.pool.clone();
        let both: Vec<worker::Pass> = std::thread::scope(|threads| {
            let runs: Vec<_> = (0..2)
                .map(|_| {
                    let pool = pool.clone();
                    threads.spawn(move || {
                        let s = settings(8);
                        worker::pass(&pool, &s, &worker::agent(&s), at).unwrap()
                    })
                })
                .collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        });
        assert_eq!(both.iter().map(|p| p.queued).sum::<usize>(), 12, "{both:?}");
        assert_eq!(
            both.iter().map(|p| p.delivered).sum::<usize>(),
            12,
            "{both:?}"
        );
        let ids: Vec<String> = receiver
            .received()
            .iter()
            .map(|r| r.header("webhook-id").to_owned())
            .collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((ids.len(), unique.len()), (12, 12));
    }
}

#[actix_rt::test]
async fn refused_addresses_and_bad_bodies_write_nothing() {
    for database in common::test_databases() {
        let app = common::spawn_app(database).await;
        let p = common::province(&app).await;
        let audit_before = app.count("audit_events");
        for (body, field) in [
            (
                json!({"url": "http://127.0.0.1:9/x", "event_types": ["*"]}),
                "url",
            ),
            (
                json!({"url": "http://169.254.169.254/latest", "event_types": ["*"]}),
                "url",
            ),
            (json!({"url": "http://[::1]/", "event_types": ["*"]}), "url"),
            (
                json!({"url": "http://10.0.0.7/", "event_types": ["*"]}),
                "url",
            ),
            (
                json!({"url": "ftp://example.org/", "event_types": ["*"]}),
                "url",
            ),
            (
                json!({"url": "https://u:p@example.org/", "event_types": ["*"]}),
                "url",
            ),
            (
                json!({"url": "https://example.org/", "event_types": []}),
                "event_types",
            ),
            (
                json!({"url": "https://example.org/", "event_types": ["user.*"]}),
                "event_types",
            ),
        ] {
            let refused = app.post("/api/v1/webhooks", Some(&p.admin), body).await;
            refused.assert_problem(422);
            assert_eq!(refused.error_fields(), [field], "{}", refused.body);
        }
        assert_eq!(app.count("webhooks"), 0);
        assert_eq!(app.count("audit_events"), audit_before);

        // A bad change to an existing webhook is refused whole: nothing of it is kept.
        let made = app
            .post(
                "/api/v1/webhooks",
                Some(&p.admin),
                json!({"url": "https://8.8.8.8/hook", "event_types": ["task.*"]}),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        let path = format!(
            "/api/v1/webhooks/{}",
            made.body["webhook"]["id"].as_str().unwrap()
        );
        let audit_before = app.count("audit_events");
        for (body, field) in [
            (
                json!({"url": "http://10.0.0.7/", "description": "x"}),
                "url",
            ),
            (
                json!({"event_types": ["nothing.*"], "active": false}),
                "event_types",
            ),
        ] {
            let refused = app.patch(&path, Some(&p.admin), body).await;
            refused.assert_problem(422);
            assert_eq!(refused.error_fields(), [field], "{}", refused.body);
        }
        let kept = app.get(&path, Some(&p.admin)).await;
        assert_eq!(
            (
                &kept.body["url"],
                &kept.body["active"],
                &kept.body["version"]
            ),
            (
                &json!("https://8.8.8.8/hook"),
                &json!(true),
                &made.body["webhook"]["version"]
            )
        );
        assert_eq!(app.count("audit_events"), audit_before);
    }
}

#[actix_rt::test]
async fn the_worker_refuses_a_private_address_at_delivery() {
    for database in common::test_databases() {
        let app = local_app(database).await;
        let p = common::province(&app).await;
        let receiver = Receiver::start();
        let (hook, _) = subscribe(&app, &p.admin, &receiver.url, json!(["agency.*"]), None).await;
        app.create_agency(&p.admin, "PROBE", None).await;
        let closed = WebhookSettings {
            allow_private: false,
            ..settings(8)
        };
        assert_eq!(pass(&app, &closed, now()).delivered, 0);
        assert!(receiver.received().is_empty());
        let log = deliveries(&app, &p.admin, &hook).await;
        let error = log[0]["attempt_log"][0]["error"].as_str().unwrap();
        assert!(error.contains("private"), "{error}");
    }
}

#[actix_rt::test]
async fn a_client_subscribes_only_to_what_its_scopes_read() {
    use crate::api_clients::client_token;
    for database in common::test_databases() {
        let app = local_app(database).await;
        let p = common::province(&app).await;
        let receiver = Receiver::start();
        let scopes = json!(["webhooks:manage", "tasks:read"]);
        let bearer = client_token(&app, &p.manager_a, &p.dept_a, scopes).await;
        let refused = app
            .post(
                "/api/v1/webhooks",
                Some(&bearer),
                json!({"url": receiver.url, "event_types": ["report.*"], "agency_id": p.dept_a}),
            )
            .await;
        refused.assert_problem(422);
        assert!(refused.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("reports:write"));
        subscribe(
            &app,
            &bearer,
            &receiver.url,
            json!(["task.*"]),
            Some(&p.dept_a),
        )
        .await;
        let (own, _) = tasks_a_and_b(&app, &p).await;
        assert_eq!(pass(&app, &settings(8), now()).delivered, 1);
        assert_eq!(
            receiver.received()[0].json()["data"]["entity_id"],
            own.as_str()
        );

        let bearer = client_token(&app, &p.manager_a, &p.dept_a, json!(["tasks:read"])).await;
        app.get("/api/v1/webhooks", Some(&bearer))
            .await
            .assert_problem(403);
    }
}

#[actix_rt::test]
async fn deadline_reminders_reach_receivers_like_any_change() {
    use crate::common::fixtures::{directive, task_body, today_plus};
    use defense_compliance::domain::reminder::ReminderRules;
    for database in common::test_databases() {
        let app = local_app(database).await;
        let p = common::province(&app).await;
        let receiver = Receiver::start();
        let events = json!(["task.due_soon", "task.overdue"]);
        subscribe(&app, &p.manager_a, &receiver.url, events, Some(&p.dept_a)).await;
        let d = directive(&app, &p.admin).await;
        let body = task_body(&d, &p.division_a, &today_plus(1));
        let task = app.post("/api/v1/tasks", Some(&p.admin), body).await.id();
        let rules = ReminderRules::default();
        assert_eq!(
            defense_compliance::reminders::pass(&app.pool, &rules, now()).unwrap(),
            1
        );
        assert_eq!(pass(&app, &settings(8), now()).delivered, 1);
        assert_eq!(receiver.types(), ["task.due_soon"], "not task.create");
        assert_eq!(
            receiver.received()[0].json()["data"]["entity_id"],
            task.as_str()
        );
    }
}
