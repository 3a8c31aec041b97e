//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{
    ClientCredentials, Flow, HttpAuthScheme, HttpBuilder, OAuth2, Scopes, SecurityScheme,
};
use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Defense-zone compliance tracker API",
        version = "1.0.0",
        description = "Tracks a province's compliance with its defense-zone and public-security \
directives: agencies and accounts, directives, tasks, progress reports with evidence, and \
yearly self-assessments against a standard such as \"An toàn về an ninh, trật tự\". Every error is an RFC 9457 `application/problem+json` document. Lists take \
`limit` and `cursor` and answer `{items, next_cursor}`. Mutable resources carry a `version`, \
sent as `ETag`; send it back as `If-Match` to refuse stale updates (412). Every authenticated \
POST takes an `Idempotency-Key` header (the IETF httpapi draft; up to 255 visible ASCII \
characters, bare or quoted; a UUID is a good key): the first answer is kept 24 hours with the \
caller and a hash of the request, and a repeat gets it again with `Idempotency-Replayed: true`, \
writing nothing more; the key with another request is 422, a repeat while the first still runs \
is 409, and an answer of a server failure (5xx) is not kept, so the retry runs again."
    ),
    components(schemas(crate::error::Problem, crate::error::FieldError, crate::imports::dto::ImportedRow)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Login, tokens and one's own account"),
        (name = "agencies", description = "The agency tree (cơ quan, đơn vị)"),
        (name = "users", description = "User accounts and roles"),
        (name = "directives", description = "Directives (văn bản chỉ đạo) and what they are based on"),
        (name = "tasks", description = "Tasks (nhiệm vụ), their workflow and discussion threads"),
        (name = "reports", description = "Progress and result reports (báo cáo) on tasks"),
        (name = "evidence", description = "Evidence files (minh chứng) attached to reports and assessments"),
        (name = "frameworks", description = "Scoring frameworks (bộ tiêu chí): versioned criteria and rating thresholds"),
        (name = "campaigns", description = "Yearly campaigns (đợt đánh giá) of a framework, with their calendar and participants"),
        (name = "assessments", description = "Registrations, self-assessments, reviews and recognition decisions, and the campaign overview"),
        (name = "delegations", description = "Supervision and inspection delegations (đoàn giám sát, đoàn kiểm tra): the decision forming one, its members, subjects and lifecycle"),
        (name = "dashboard", description = "Dashboards (bảng tổng hợp) of a reporting period, with the same period of the previous year"),
        (name = "calendar", description = "The working-day calendar (lịch ngày làm việc): holidays, days in lieu and swapped working days, and due dates in working days"),
        (name = "audit", description = "The audit trail of every change"),
        (name = "changes", description = "The change feed (nguồn thay đổi) other systems follow instead of polling every list: each change to a task, report, directive, agency or assessment, in commit order, from a cursor that never skips one"),
        (name = "webhooks", description = "Webhooks (đăng ký nhận sự kiện): the change feed's events posted to another system's receiver, signed per the Standard Webhooks specification, in order per subscription, retried with back-off for about 27 hours, with a delivery log"),
        (name = "api-clients", description = "API clients (tài khoản tích hợp) of other provincial systems and their OAuth 2.0 client-credentials tokens. An operation open to clients names the scope it needs under `client_credentials` in its `security`; a client's token is refused (403) by every other operation"),
        (name = "reorganisations", description = "Reorganisations (sắp xếp tổ chức bộ máy): decisions merging or dissolving agencies, previewed and then applied, the successor taking over the open work and accounts of the agencies that end; `GET /agencies/{id}/lineage` shows the chain"),
        (name = "imports", description = "Bulk imports (nhập dữ liệu hàng loạt) of agencies, directives and tasks from CSV, XLSX or JSON, with a dry run and every invalid row reported. Lists of agencies, directives and tasks export as CSV or XLSX with `?format=csv|xlsx` or `Accept: text/csv`"),
        (name = "operations", description = "Health and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        let scopes = crate::domain::client_scope::ClientScope::ALL
            .iter()
            .map(|scope| (scope.as_str(), scope.description()));
        components.add_security_scheme(
            "client_credentials",
            SecurityScheme::OAuth2(OAuth2::new([Flow::ClientCredentials(
                ClientCredentials::new("/api/v1/oauth/token", Scopes::from_iter(scopes)),
            )])),
        );
    }
}

/// The whole document: the description above, the operations of the route list, and the
/// problem responses every operation shares.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut document = ApiDoc::openapi();
    document.merge(crate::routes::Operations::openapi());
    SharedProblems.modify(&mut document);
    document
}

/// Adds the problem responses that follow from an operation's shape, so that handlers document
/// only the answers particular to them (a handler's own description of a status wins).
struct SharedProblems;

impl Modify for SharedProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let has_id = path.contains('{');
            for operation in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                add_shared_problems(operation, has_id);
            }
            if let Some(post) = item.post.as_mut().filter(|op| secured(op)) {
                add_idempotency_key(post);
            }
        }
    }
}

fn secured(operation: &Operation) -> bool {
    operation
        .security
        .as_ref()
        .is_some_and(|security| !security.is_empty())
}

/// Every authenticated POST takes `Idempotency-Key` (`http::idempotency`). It is described in
/// words rather than as a header parameter: a fuzzer given the parameter reuses keys across
/// different requests, which is exactly what the header refuses (422).
fn add_idempotency_key(operation: &mut Operation) {
    let note = "Takes `Idempotency-Key` for a safe retry (see the API description).";
    let description = operation.description.get_or_insert_with(String::new);
    if !description.is_empty() {
        description.push_str("\n\n");
    }
    description.push_str(note);
}

fn add_shared_problems(operation: &mut Operation, has_id: bool) {
    let json_body = operation
        .request_body
        .as_ref()
        .is_some_and(|body| body.content.contains_key("application/json"));
    let has_query = operation.parameters.as_ref().is_some_and(|parameters| {
        parameters
            .iter()
            .any(|parameter| parameter.parameter_in == ParameterIn::Query)
    });
    let secured = secured(operation);
    let shared = [
        (json_body, "400", "The body is not JSON"),
        (
            secured,
            "401",
            "Not logged in, or the token expired or was revoked",
        ),
        (
            has_id,
            "404",
            "No such record, or not in your scope (the same answer)",
        ),
        (json_body, "413", "The body is larger than 256 KiB"),
        (json_body, "415", "The body is not application/json"),
        (
            json_body || has_query,
            "422",
            "Invalid fields or parameters (listed in `errors`)",
        ),
        (
            true,
            "500",
            "Something failed on the server; the log has the cause",
        ),
    ];
    for (applies, status, description) in shared {
        if applies && !operation.responses.responses.contains_key(status) {
            operation
                .responses
                .responses
                .insert(status.to_owned(), problem(description).into());
        }
    }
}

fn problem(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
}

/// The document as pretty JSON, exactly as committed under `openapi/`.
pub fn document_json() -> Result<String, serde_json::Error> {
    document().to_pretty_json().map(|mut text| {
        text.push('\n');
        text
    })
}

/// The document as served: generated and serialised once per process and shared by every
/// worker (each worker building its own copy cost megabytes of idle memory).
fn served_document() -> &'static [u8] {
    static DOCUMENT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    DOCUMENT.get_or_init(|| serde_json::to_vec(&document()).unwrap_or_default())
}

/// `GET /api-docs/openapi.json`: this document, for Swagger UI and client generators.
pub async fn serve_document() -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("application/json")
        .body(served_document())
}
