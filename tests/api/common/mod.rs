//! Test harness: `spawn_app()` builds the same App as `main` on a fresh database, SQLite always
//! and PostgreSQL too when `TEST_DATABASE_URL` is set, with helpers for requests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::rc::Rc;

use actix_web::body::BoxBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::header::HeaderMap;
use actix_web::http::Method;
use actix_web::test::{self, TestRequest};
use defense_compliance::config::Config;
use defense_compliance::db::DbPool;
use defense_compliance::{bootstrap, build_app};
use diesel::connection::SimpleConnection;
use diesel::Connection;
use futures_util::future::LocalBoxFuture;
use serde_json::{json, Value};

pub mod accounts;
pub use accounts::province_admin;
pub mod campaigns;
pub mod fixtures;

pub const ADMIN_PASSWORD: &str = "admin-password-for-tests";
pub const PASSWORD: &str = "a-long-enough-password";
/// The evidence size limit of test apps.
pub const EVIDENCE_MAX_BYTES: usize = 1024 * 1024;

/// Runs the block once per test database, each time on a fresh App.
macro_rules! backend_test {
    ($name:ident, |$app:ident| $body:block) => {
        #[actix_rt::test]
        async fn $name() {
            for database in common::test_databases() {
                let $app = common::spawn_app(database).await;
                $body
            }
        }
    };
}

#[derive(Debug, Clone)]
pub enum TestDatabase {
    Sqlite,
    Postgres(String),
}

/// SQLite always; PostgreSQL as well when `TEST_DATABASE_URL` names a server.
pub fn test_databases() -> Vec<TestDatabase> {
    let mut databases = vec![TestDatabase::Sqlite];
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        if !url.is_empty() {
            databases.push(TestDatabase::Postgres(url));
        }
    }
    databases
}

/// Drops the per-test PostgreSQL database and the SQLite directory when the test ends.
struct Cleanup {
    admin_url: Option<String>,
    database: String,
    dir: std::path::PathBuf,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(url) = &self.admin_url {
            if let Ok(mut conn) = diesel::PgConnection::establish(url) {
                let _ = conn.batch_execute(&format!(
                    "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                    self.database
                ));
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, ""), |(b, q)| (b, q));
    let prefix = base.rsplit_once('/').map_or(base, |(p, _)| p);
    if query.is_empty() {
        format!("{prefix}/{name}")
    } else {
        format!("{prefix}/{name}?{query}")
    }
}

type Call = Box<
    dyn Fn(
        actix_http::Request,
    ) -> LocalBoxFuture<'static, Result<ServiceResponse<BoxBody>, actix_web::Error>>,
>;

pub struct TestApp {
    call: Call,
    pub pool: DbPool,
    pub backend: &'static str,
    pub data_dir: std::path::PathBuf,
    jwt: std::sync::Arc<defense_compliance::auth::tokens::JwtKeys>,
    _cleanup: Cleanup,
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    pub fn id(&self) -> String {
        self.body["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no id in {:?}", self.body))
            .to_owned()
    }

    /// Asserts a problem+json answer with `status`.
    pub fn assert_problem(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(
            self.header("content-type").as_deref(),
            Some("application/problem+json"),
            "{:?}",
            self.body
        );
        assert_eq!(self.body["status"], json!(status));
        assert!(
            self.body["title"].is_string()
                && self.body["detail"].is_string()
                && self.body["type"].is_string()
        );
        self
    }

    /// The fields named in a validation problem.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"].as_array().map_or(Vec::new(), |errors| {
            errors
                .iter()
                .filter_map(|e| e["field"].as_str().map(str::to_owned))
                .collect()
        })
    }
}

pub async fn spawn_app(database: TestDatabase) -> TestApp {
    spawn_app_with(database, &[]).await
}

/// [`spawn_app`] with more configuration variables (or others in place of the defaults).
pub async fn spawn_app_with(database: TestDatabase, extra: &[(&str, &str)]) -> TestApp {
    let name = format!("t_{}", uuid::Uuid::now_v7().simple());
    let dir = std::env::temp_dir().join(format!("defense-compliance-{name}"));
    let (url, admin_url, backend) = match &database {
        TestDatabase::Sqlite => (
            format!("sqlite://{}", dir.join("test.db").display()),
            None,
            "sqlite",
        ),
        TestDatabase::Postgres(url) => {
            let mut conn = diesel::PgConnection::establish(url).unwrap_or_else(|e| {
                panic!("TEST_DATABASE_URL is set but PostgreSQL is not reachable: {e}")
            });
            conn.batch_execute(&format!("CREATE DATABASE \"{name}\""))
                .expect("create test database");
            (with_database(url, &name), Some(url.clone()), "postgres")
        }
    };
    let cleanup = Cleanup {
        admin_url,
        database: name,
        dir: dir.clone(),
    };
    let vars = [
        ("DATA_DIR", dir.display().to_string()),
        ("DATABASE_URL", url),
        (
            "JWT_SECRET",
            "test-secret-that-is-long-enough-0123456789".to_owned(),
        ),
        ("ADMIN_PASSWORD", ADMIN_PASSWORD.to_owned()),
        ("SQLITE_SYNCHRONOUS", "normal".to_owned()),
        ("DB_POOL_SIZE", "4".to_owned()),
        ("EVIDENCE_MAX_BYTES", EVIDENCE_MAX_BYTES.to_string()),
    ];
    let vars: Vec<(&str, String)> = extra
        .iter()
        .map(|(k, v)| (*k, (*v).to_owned()))
        .chain(vars)
        .collect();
    let config =
        Config::from_lookup(|key| vars.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()))
            .expect("test configuration");
    let state = bootstrap::build_state(config).expect("build state");
    let pool = state.pool.clone();
    let jwt = state.jwt.clone();
    let service = Rc::new(test::init_service(build_app(state)).await);
    let call: Call = Box::new(move |req| {
        let service = service.clone();
        Box::pin(async move { service.call(req).await.map(|r| r.map_into_boxed_body()) })
    });
    TestApp {
        call,
        pool,
        backend,
        data_dir: dir,
        jwt,
        _cleanup: cleanup,
    }
}

impl TestApp {
    pub async fn call(&self, req: TestRequest) -> Resp {
        let response = match (self.call)(req.to_request()).await {
            Ok(response) => response.into_parts().1,
            Err(error) => error.error_response(),
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = actix_web::body::to_bytes(response.into_body())
            .await
            .expect("body");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        Resp {
            status,
            headers,
            body,
        }
    }

    /// A request whose answer is kept as bytes (a CSV or XLSX export).
    pub async fn call_raw(&self, req: TestRequest) -> (u16, HeaderMap, actix_web::web::Bytes) {
        let response = match (self.call)(req.to_request()).await {
            Ok(response) => response.into_parts().1,
            Err(error) => error.error_response(),
        };
        let (status, headers) = (response.status().as_u16(), response.headers().clone());
        let bytes = actix_web::body::to_bytes(response.into_body())
            .await
            .expect("body");
        (status, headers, bytes)
    }

    /// A GET whose answer's body is left unread (a streamed export stays running until the
    /// response is dropped): its status and the response.
    pub async fn get_unread(
        &self,
        path: &str,
        token: &str,
    ) -> (u16, actix_web::HttpResponse<actix_web::body::BoxBody>) {
        let req = Self::request(Method::GET, path, Some(token)).to_request();
        let response = match (self.call)(req).await {
            Ok(response) => response.into_parts().1,
            Err(error) => error.error_response(),
        };
        (response.status().as_u16(), response)
    }

    /// A GET answered as bytes.
    pub async fn get_raw(
        &self,
        path: &str,
        token: &str,
    ) -> (u16, HeaderMap, actix_web::web::Bytes) {
        self.call_raw(Self::request(Method::GET, path, Some(token)))
            .await
    }

    /// A POST of a body of `content_type` (an import file).
    pub async fn post_file(
        &self,
        path: &str,
        token: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Resp {
        let req = Self::request(Method::POST, path, Some(token))
            .insert_header(("content-type", content_type))
            .set_payload(body);
        self.call(req).await
    }

    fn request(method: Method, path: &str, token: Option<&str>) -> TestRequest {
        let mut req = TestRequest::default().method(method).uri(path);
        if let Some(token) = token {
            req = req.insert_header(("authorization", format!("Bearer {token}")));
        }
        req
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Resp {
        self.call(Self::request(Method::GET, path, token)).await
    }

    pub async fn send(&self, method: Method, path: &str, token: Option<&str>, body: Value) -> Resp {
        self.call(Self::request(method, path, token).set_json(body))
            .await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Resp {
        self.send(Method::POST, path, token, body).await
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> Resp {
        self.send(Method::PUT, path, token, body).await
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: Value) -> Resp {
        self.send(Method::PATCH, path, token, body).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Resp {
        self.call(Self::request(Method::DELETE, path, token)).await
    }

    pub async fn login_response(&self, username: &str, password: &str) -> Resp {
        self.post(
            "/api/v1/auth/login",
            None,
            json!({"username": username, "password": password}),
        )
        .await
    }

    pub async fn login(&self, username: &str, password: &str) -> String {
        let response = self.login_response(username, password).await;
        assert_eq!(response.status, 200, "login {username}: {}", response.body);
        response.body["access_token"]
            .as_str()
            .expect("access token")
            .to_owned()
    }

    /// The first account's token, minted as a login would give it (logins are tested in `auth`).
    pub async fn admin_token(&self) -> String {
        self.token_for("admin")
    }

    pub async fn create_agency(&self, token: &str, code: &str, parent_id: Option<&str>) -> String {
        let body = json!({"code": code, "name": format!("Cơ quan {code}"), "kind": "department", "parent_id": parent_id});
        let response = self.post("/api/v1/agencies", Some(token), body).await;
        assert_eq!(
            response.status, 201,
            "create agency {code}: {}",
            response.body
        );
        response.id()
    }

    /// Creates an account with [`PASSWORD`] and returns its id.
    pub async fn create_user(
        &self,
        token: &str,
        username: &str,
        role: &str,
        agency_id: Option<&str>,
    ) -> String {
        let body = json!({"username": username, "full_name": format!("Người dùng {username}"),
            "password": PASSWORD, "role": role, "agency_id": agency_id});
        let response = self.post("/api/v1/users", Some(token), body).await;
        assert_eq!(
            response.status, 201,
            "create user {username}: {}",
            response.body
        );
        response.id()
    }

    /// Rows in a table, to show that a refused request wrote nothing.
    pub fn count(&self, table: &str) -> i64 {
        use diesel::prelude::*;
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = self.pool.get().expect("connection");
        let rows: Vec<Count> = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .load(&mut *conn)
            .expect("count");
        rows[0].n
    }
}

/// A province tree used by many tests: two departments, each with a division, a manager and
/// a staff member.
pub struct Province {
    pub admin: String,
    pub dept_a: String,
    pub division_a: String,
    pub dept_b: String,
    pub division_b: String,
    pub manager_a: String,
    pub staff_a: String,
    pub manager_b: String,
    pub staff_b: String,
    pub manager_a_id: String,
    pub staff_a_id: String,
    pub staff_b_id: String,
}

pub async fn province(app: &TestApp) -> Province {
    let admin = app.token_for("admin");
    let dept_a = app.create_agency(&admin, "DEPT-A", None).await;
    let division_a = app.create_agency(&admin, "DEPT-A-DIV", Some(&dept_a)).await;
    let dept_b = app.create_agency(&admin, "DEPT-B", None).await;
    let division_b = app.create_agency(&admin, "DEPT-B-DIV", Some(&dept_b)).await;
    let (manager_a_id, manager_a) = app.insert_user("manager.a", "agency_manager", Some(&dept_a));
    let (staff_a_id, staff_a) = app.insert_user("staff.a", "agency_staff", Some(&division_a));
    let (_, manager_b) = app.insert_user("manager.b", "agency_manager", Some(&dept_b));
    let (staff_b_id, staff_b) = app.insert_user("staff.b", "agency_staff", Some(&division_b));
    Province {
        manager_a,
        staff_a,
        manager_b,
        staff_b,
        admin,
        dept_a,
        division_a,
        dept_b,
        division_b,
        manager_a_id,
        staff_a_id,
        staff_b_id,
    }
}

/// A PATCH of `path` as `token` with `body`, sent over version `version` (`If-Match`).
pub fn patch_if_match(path: &str, token: &str, body: Value, version: i32) -> TestRequest {
    TestRequest::patch()
        .uri(path)
        .insert_header(("authorization", format!("Bearer {token}")))
        .insert_header(("if-match", format!("\"{version}\"")))
        .set_json(body)
}
