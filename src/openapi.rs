//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::{
    agencies, assessments, audit, auth, campaigns, directives, evidence, frameworks, http, reports,
    tasks, users,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Defense-zone compliance tracker API",
        version = "1.0.0",
        description = "Tracks a province's compliance with its defense-zone and public-security \
directives: agencies and accounts, directives, tasks, progress reports with evidence, and \
yearly self-assessments against a standard such as \"An toàn về an ninh, trật tự\". Every error is an RFC 9457 `application/problem+json` document. Lists take \
`limit` and `cursor` and answer `{items, next_cursor}`. Mutable resources carry a `version`, \
sent as `ETag`; send it back as `If-Match` to refuse stale updates (412)."
    ),
    paths(
        http::health::healthz,
        http::health::readyz,
        auth::handlers::login::login,
        auth::handlers::refresh::refresh,
        auth::handlers::logout::logout,
        auth::handlers::me::me,
        auth::handlers::change_password::change_password,
        agencies::list::list_agencies,
        agencies::create::create_agency,
        agencies::get::get_agency,
        agencies::update::update_agency,
        agencies::delete::delete_agency,
        users::list::list_users,
        users::create::create_user,
        users::get::get_user,
        users::update::update_user,
        directives::list::list_directives,
        directives::create::create_directive,
        directives::get::get_directive,
        directives::update::update_directive,
        tasks::list::list_tasks,
        tasks::list::list_directive_tasks,
        tasks::create::create_task,
        tasks::get::get_task,
        tasks::update::update_task,
        tasks::transition::start_task,
        tasks::transition::submit_task,
        tasks::transition::complete_task,
        tasks::transition::return_task,
        tasks::transition::cancel_task,
        tasks::comments::list_comments,
        tasks::comments::create_comment,
        reports::list::list_reports,
        reports::create::create_report,
        reports::get::get_report,
        reports::update::update_report,
        reports::workflow::submit_report,
        reports::workflow::review_report,
        reports::workflow::revise_report,
        evidence::upload::upload_evidence,
        evidence::list::list_evidence,
        evidence::get::get_evidence,
        evidence::content::get_evidence_content,
        evidence::delete::delete_evidence,
        evidence::upload::upload_assessment_evidence,
        evidence::list::list_assessment_evidence,
        frameworks::list::list_frameworks,
        frameworks::create::create_framework,
        frameworks::get::get_framework,
        frameworks::update::update_framework,
        frameworks::publish::publish_framework,
        frameworks::publish::new_framework_version,
        campaigns::list::list_campaigns,
        campaigns::create::create_campaign,
        campaigns::get::get_campaign,
        campaigns::update::update_campaign,
        campaigns::clone::clone_campaign,
        assessments::register::register_agency,
        assessments::overview::campaign_overview,
        assessments::get::get_assessment,
        assessments::scores::put_self_scores,
        assessments::scores::put_review_scores,
        assessments::workflow::submit_assessment,
        assessments::workflow::return_assessment,
        assessments::workflow::extend_assessment,
        assessments::decide::decide_assessment,
        audit::list::list_audit_events,
    ),
    components(schemas(crate::error::Problem, crate::error::FieldError)),
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
        (name = "audit", description = "The audit trail of every change"),
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
    }
}

/// The document as pretty JSON, exactly as committed under `openapi/`.
pub fn document_json() -> Result<String, serde_json::Error> {
    ApiDoc::openapi().to_pretty_json().map(|mut text| {
        text.push('\n');
        text
    })
}

/// The document as served: generated and serialised once per process and shared by every
/// worker (each worker building its own copy cost megabytes of idle memory).
fn served_document() -> &'static [u8] {
    static DOCUMENT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    DOCUMENT.get_or_init(|| serde_json::to_vec(&ApiDoc::openapi()).unwrap_or_default())
}

/// `GET /api-docs/openapi.json`: this document, for Swagger UI and client generators.
pub async fn serve_document() -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("application/json")
        .body(served_document())
}
