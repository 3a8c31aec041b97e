//! The one route table. Every route answers problem+json for unknown paths and wrong methods.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{middleware, web, App, HttpResponse, Resource};
use utoipa_swagger_ui::SwaggerUi;

use crate::error::{json_error, path_error, query_error, ApiError};
use crate::http::{health, middleware::request_log};
use crate::openapi;
use crate::state::AppState;
use crate::{
    agencies, assessments, audit, auth, campaigns, directives, evidence, frameworks, reports,
    tasks, users,
};

/// Largest JSON body accepted.
pub const JSON_LIMIT_BYTES: usize = 256 * 1024;

/// A resource whose other methods answer 405 with `Allow`.
fn resource(path: &str, allow: &'static str) -> Resource {
    web::resource(path).default_service(web::to(move || async move {
        Err::<HttpResponse, _>(ApiError::MethodNotAllowed(allow))
    }))
}

async fn not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound)
}

pub fn build_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(web::Data::new(state))
        .app_data(
            web::JsonConfig::default()
                .limit(JSON_LIMIT_BYTES)
                .error_handler(json_error),
        )
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(path_error))
        .wrap(middleware::from_fn(request_log))
        // Browsers must take every answer for the type it declares (evidence files included).
        .wrap(middleware::DefaultHeaders::new().add(("X-Content-Type-Options", "nosniff")))
        .service(
            SwaggerUi::new("/swagger-ui/{_:.*}")
                .config(utoipa_swagger_ui::Config::from("/api-docs/openapi.json")),
        )
        .service(
            resource("/api-docs/openapi.json", "GET").route(web::get().to(openapi::serve_document)),
        )
        .service(resource("/healthz", "GET").route(web::get().to(health::healthz)))
        .service(resource("/readyz", "GET").route(web::get().to(health::readyz)))
        .service(web::scope("/api/v1").configure(api_routes))
        .default_service(web::to(not_found))
}

fn api_routes(cfg: &mut web::ServiceConfig) {
    use auth::handlers::{change_password, login, logout, me, refresh};
    cfg.service(resource("/auth/login", "POST").route(web::post().to(login::login)))
        .service(resource("/auth/refresh", "POST").route(web::post().to(refresh::refresh)))
        .service(resource("/auth/logout", "POST").route(web::post().to(logout::logout)))
        .service(resource("/me", "GET").route(web::get().to(me::me)))
        .service(
            resource("/me/password", "POST")
                .route(web::post().to(change_password::change_password)),
        )
        .service(
            resource("/agencies", "GET, POST")
                .route(web::get().to(agencies::list::list_agencies))
                .route(web::post().to(agencies::create::create_agency)),
        )
        .service(
            resource("/agencies/{id}", "GET, PATCH, DELETE")
                .route(web::get().to(agencies::get::get_agency))
                .route(web::patch().to(agencies::update::update_agency))
                .route(web::delete().to(agencies::delete::delete_agency)),
        )
        .service(
            resource("/users", "GET, POST")
                .route(web::get().to(users::list::list_users))
                .route(web::post().to(users::create::create_user)),
        )
        .service(
            resource("/users/{id}", "GET, PATCH")
                .route(web::get().to(users::get::get_user))
                .route(web::patch().to(users::update::update_user)),
        )
        .service(
            resource("/directives", "GET, POST")
                .route(web::get().to(directives::list::list_directives))
                .route(web::post().to(directives::create::create_directive)),
        )
        .service(
            resource("/directives/{id}", "GET, PATCH")
                .route(web::get().to(directives::get::get_directive))
                .route(web::patch().to(directives::update::update_directive)),
        )
        .service(
            resource("/directives/{id}/tasks", "GET")
                .route(web::get().to(tasks::list::list_directive_tasks)),
        )
        .service(
            resource("/tasks", "GET, POST")
                .route(web::get().to(tasks::list::list_tasks))
                .route(web::post().to(tasks::create::create_task)),
        )
        .service(
            resource("/tasks/{id}", "GET, PATCH")
                .route(web::get().to(tasks::get::get_task))
                .route(web::patch().to(tasks::update::update_task)),
        )
        .service(
            resource("/tasks/{id}/start", "POST")
                .route(web::post().to(tasks::transition::start_task)),
        )
        .service(
            resource("/tasks/{id}/submit", "POST")
                .route(web::post().to(tasks::transition::submit_task)),
        )
        .service(
            resource("/tasks/{id}/complete", "POST")
                .route(web::post().to(tasks::transition::complete_task)),
        )
        .service(
            resource("/tasks/{id}/return", "POST")
                .route(web::post().to(tasks::transition::return_task)),
        )
        .service(
            resource("/tasks/{id}/cancel", "POST")
                .route(web::post().to(tasks::transition::cancel_task)),
        )
        .service(
            resource("/tasks/{id}/comments", "GET, POST")
                .route(web::get().to(tasks::comments::list_comments))
                .route(web::post().to(tasks::comments::create_comment)),
        )
        .service(
            resource("/tasks/{id}/reports", "GET, POST")
                .route(web::get().to(reports::list::list_reports))
                .route(web::post().to(reports::create::create_report)),
        )
        .service(
            resource("/reports/{id}", "GET, PATCH")
                .route(web::get().to(reports::get::get_report))
                .route(web::patch().to(reports::update::update_report)),
        )
        .service(
            resource("/reports/{id}/submit", "POST")
                .route(web::post().to(reports::workflow::submit_report)),
        )
        .service(
            resource("/reports/{id}/review", "POST")
                .route(web::post().to(reports::workflow::review_report)),
        )
        .service(
            resource("/reports/{id}/revise", "POST")
                .route(web::post().to(reports::workflow::revise_report)),
        )
        .service(
            resource("/reports/{id}/evidence", "GET, POST")
                .route(web::get().to(evidence::list::list_evidence))
                .route(web::post().to(evidence::upload::upload_evidence)),
        )
        .service(
            resource("/evidence/{id}", "GET, DELETE")
                .route(web::get().to(evidence::get::get_evidence))
                .route(web::delete().to(evidence::delete::delete_evidence)),
        )
        .service(
            resource("/evidence/{id}/content", "GET")
                .route(web::get().to(evidence::content::get_evidence_content)),
        )
        .configure(assessment_routes)
        .service(
            resource("/audit-events", "GET").route(web::get().to(audit::list::list_audit_events)),
        );
}

fn assessment_routes(cfg: &mut web::ServiceConfig) {
    use assessments::{decide, get, overview, register, scores, workflow};
    cfg.service(
        resource("/frameworks", "GET, POST")
            .route(web::get().to(frameworks::list::list_frameworks))
            .route(web::post().to(frameworks::create::create_framework)),
    )
    .service(
        resource("/frameworks/{id}", "GET, PATCH")
            .route(web::get().to(frameworks::get::get_framework))
            .route(web::patch().to(frameworks::update::update_framework)),
    )
    .service(
        resource("/frameworks/{id}/publish", "POST")
            .route(web::post().to(frameworks::publish::publish_framework)),
    )
    .service(
        resource("/frameworks/{id}/new-version", "POST")
            .route(web::post().to(frameworks::publish::new_framework_version)),
    )
    .service(
        resource("/campaigns", "GET, POST")
            .route(web::get().to(campaigns::list::list_campaigns))
            .route(web::post().to(campaigns::create::create_campaign)),
    )
    .service(
        resource("/campaigns/{id}", "GET, PATCH")
            .route(web::get().to(campaigns::get::get_campaign))
            .route(web::patch().to(campaigns::update::update_campaign)),
    )
    .service(
        resource("/campaigns/{id}/clone", "POST")
            .route(web::post().to(campaigns::clone::clone_campaign)),
    )
    .service(
        resource("/campaigns/{id}/registrations", "POST")
            .route(web::post().to(register::register_agency)),
    )
    .service(
        resource("/campaigns/{id}/assessments", "GET")
            .route(web::get().to(overview::campaign_overview)),
    )
    .service(resource("/assessments/{id}", "GET").route(web::get().to(get::get_assessment)))
    .service(
        resource("/assessments/{id}/self-scores", "PUT")
            .route(web::put().to(scores::put_self_scores)),
    )
    .service(
        resource("/assessments/{id}/review-scores", "PUT")
            .route(web::put().to(scores::put_review_scores)),
    )
    .service(
        resource("/assessments/{id}/submit", "POST")
            .route(web::post().to(workflow::submit_assessment)),
    )
    .service(
        resource("/assessments/{id}/return", "POST")
            .route(web::post().to(workflow::return_assessment)),
    )
    .service(
        resource("/assessments/{id}/extend", "POST")
            .route(web::post().to(workflow::extend_assessment)),
    )
    .service(
        resource("/assessments/{id}/decide", "POST")
            .route(web::post().to(decide::decide_assessment)),
    )
    .service(
        resource("/assessments/{id}/evidence", "GET, POST")
            .route(web::get().to(evidence::list::list_assessment_evidence))
            .route(web::post().to(evidence::upload::upload_assessment_evidence)),
    );
}
