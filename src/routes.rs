//! The one route list. Each operation is named once, in `operations!`; its path and method come
//! from its `#[utoipa::path]` annotation, so the routes served and the OpenAPI document cannot
//! disagree. Every route answers problem+json for unknown paths and wrong methods.

use std::collections::HashMap;
use std::sync::OnceLock;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::{middleware, web, App, HttpResponse, Resource, Route};
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::domain::client_scope::ClientScope;
use crate::error::{json_error, path_error, query_error, ApiError};
use crate::http::{health, idempotency, middleware::request_log};
use crate::openapi;
use crate::state::AppState;
use crate::{
    agencies, api_clients, assessments, audit, auth, calendar, campaigns, changes, conclusions,
    dashboard, delegations, directives, evidence, frameworks, imports, recommendations,
    reorganisations, reports, reviews, subject_reports, supervision_plans, tasks, time_limits,
    users, webhooks,
};

/// Puts an operation's handler on a route of its method.
type AddHandler = fn(Route) -> Route;

/// Largest JSON body accepted.
pub const JSON_LIMIT_BYTES: usize = 256 * 1024;

/// Turns the list of handlers into the OpenAPI paths (`Operations`) and a table of the
/// handlers by operation id (a handler's name, which utoipa makes its `operationId`).
macro_rules! operations {
    ($($($segment:ident)::+),+ $(,)?) => {
        /// Every operation of the API, as OpenAPI paths.
        #[derive(OpenApi)]
        #[openapi(paths($($($segment)::+),+))]
        pub(crate) struct Operations;

        fn handlers() -> Vec<(&'static str, AddHandler)> {
            vec![$((
                last_segment(stringify!($($segment)::+)),
                (|route: Route| route.to($($segment)::+)) as AddHandler,
            )),+]
        }
    };
}

operations! {
    health::healthz,
    health::readyz,
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
    evidence::delegation::upload_subject_report_evidence,
    evidence::delegation::list_subject_report_evidence,
    evidence::delegation::upload_session_evidence,
    evidence::delegation::list_session_evidence,
    evidence::delegation::list_granted_report_evidence,
    evidence::delegation::get_granted_report_evidence_content,
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
    calendar::get::get_calendar_year,
    calendar::put::put_calendar_year,
    calendar::due_date::get_due_date,
    supervision_plans::list::list_plans,
    supervision_plans::create::create_plan,
    supervision_plans::get::get_plan,
    supervision_plans::update::update_plan,
    supervision_plans::approve::approve_plan,
    delegations::list::list_delegations,
    delegations::create::create_delegation,
    delegations::get::get_delegation,
    delegations::update::update_delegation,
    delegations::members::put_delegation_member,
    delegations::members::delete_delegation_member,
    delegations::results::send_member_results,
    delegations::subjects::put_delegation_subject,
    delegations::subjects::delete_delegation_subject,
    delegations::dossier::get_dossier,
    delegations::subject_tasks::get_subject_task,
    delegations::subject_tasks::list_subject_task_reports,
    delegations::sessions::list_sessions,
    delegations::sessions::create_session,
    delegations::notice::get_notice,
    delegations::notice::put_notice,
    delegations::notice::issue_notice,
    subject_reports::get::get_subject_report,
    subject_reports::put::put_subject_report,
    subject_reports::workflow::submit_subject_report,
    subject_reports::workflow::return_subject_report,
    conclusions::get::get_conclusion,
    conclusions::put::put_conclusion,
    conclusions::workflow::send_conclusion,
    conclusions::workflow::comment_conclusion,
    conclusions::conclude::issue_conclusion,
    conclusions::implementation_plan::put_implementation_plan,
    recommendations::list::list_recommendations,
    time_limits::list::list_time_limits,
    dashboard::get::get_dashboard,
    dashboard::series::get_dashboard_series,
    reviews::create::create_review,
    reviews::list::list_reviews,
    reviews::get::get_review,
    reviews::update::update_review,
    reviews::annex::get_review_annex,
    time_limits::put::put_time_limit,
    delegations::workflow::start_field_work,
    delegations::workflow::end_field_work,
    delegations::extend::extend_field_work,
    delegations::workflow::close_delegation,
    audit::list::list_audit_events,
    changes::list::list_changes,
    webhooks::create::create_webhook,
    webhooks::list::list_webhooks,
    webhooks::get::get_webhook,
    webhooks::update::update_webhook,
    webhooks::delete::delete_webhook,
    webhooks::ping::ping_webhook,
    webhooks::deliveries::list_deliveries,
    webhooks::deliveries::redeliver,
    webhooks::secret::rotate_webhook_secret,
    api_clients::token::issue_client_token,
    api_clients::create::create_api_client,
    api_clients::list::list_api_clients,
    api_clients::get::get_api_client,
    api_clients::update::update_api_client,
    api_clients::secret::rotate_api_client_secret,
    imports::agencies::import_agencies,
    imports::directives::import_directives,
    imports::tasks::import_tasks,
    reorganisations::create::create_reorganisation,
    reorganisations::get::list_reorganisations,
    reorganisations::get::get_reorganisation,
    reorganisations::apply::preview_reorganisation,
    reorganisations::apply::apply_reorganisation,
    reorganisations::lineage::get_agency_lineage,
}

fn last_segment(path: &'static str) -> &'static str {
    path.rsplit("::").next().unwrap_or(path).trim()
}

/// One path of the API with the methods it answers.
struct PathRoutes {
    path: String,
    /// The `Allow` header of a 405 on this path.
    allow: String,
    routes: Vec<(Method, AddHandler)>,
    clients: OpenToClients,
}

/// The scopes an API client's token needs for each method of a path that is open to clients,
/// read from the `client_credentials` requirement of the operation's OpenAPI `security`; the
/// token extractor refuses a client's token for any other method.
#[derive(Debug, Clone, Default)]
pub struct OpenToClients(Vec<(Method, Vec<String>)>);

impl OpenToClients {
    /// The scopes needed for `method`, or `None` when clients may not call it.
    pub fn scopes_for(&self, method: &Method) -> Option<&[String]> {
        self.0
            .iter()
            .find(|(m, _)| m == method)
            .map(|(_, scopes)| scopes.as_slice())
    }
}

/// The scopes of the operation's `client_credentials` security requirement, if it has one;
/// a scope the domain does not know stops the start, since no client could ever hold it.
fn client_scopes(operation: &Operation) -> Option<Vec<String>> {
    let security = serde_json::to_value(&operation.security).ok()?;
    let scopes: Vec<String> = security
        .as_array()?
        .iter()
        .find_map(|requirement| requirement.get("client_credentials"))
        .and_then(|scopes| serde_json::from_value(scopes.clone()).ok())?;
    if let Some(unknown) = scopes.iter().find(|s| ClientScope::parse(s).is_none()) {
        let id = operation.operation_id.as_deref().unwrap_or_default();
        panic!("operation {id} names the unknown client scope {unknown}");
    }
    Some(scopes)
}

/// The operations of a path item in the order `Allow` names them.
fn operations_of(item: &PathItem) -> impl Iterator<Item = (Method, &Operation)> {
    [
        (Method::GET, &item.get),
        (Method::POST, &item.post),
        (Method::PUT, &item.put),
        (Method::PATCH, &item.patch),
        (Method::DELETE, &item.delete),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.as_ref().map(|op| (method, op)))
}

/// Builds the route table before the workers start, then hands the memory its derivation
/// used (the whole OpenAPI description of the operations) back to the system: otherwise the
/// allocator keeps those freed pages, about 10 MB of the idle process.
pub fn prepare() {
    route_table();
    #[cfg(target_env = "gnu")]
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The route table, derived once per process from `Operations`.
fn route_table() -> &'static [PathRoutes] {
    static TABLE: OnceLock<Vec<PathRoutes>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let handlers: HashMap<_, _> = handlers().into_iter().collect();
        let handler = |operation: &Operation| {
            let id = operation.operation_id.as_deref().unwrap_or_default();
            *handlers
                .get(id)
                .unwrap_or_else(|| panic!("operation {id} has no handler in the route list"))
        };
        // Paths are sorted, and `{` sorts after letters: a literal segment is registered before
        // a parameter in the same place, so it is matched first.
        Operations::openapi()
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let routes: Vec<_> = operations_of(item)
                    .map(|(method, operation)| (method, handler(operation)))
                    .collect();
                let allow = routes
                    .iter()
                    .map(|(method, _)| method.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let clients = OpenToClients(
                    operations_of(item)
                        .filter_map(|(method, operation)| {
                            client_scopes(operation).map(|scopes| (method, scopes))
                        })
                        .collect(),
                );
                PathRoutes {
                    path: path.clone(),
                    allow,
                    routes,
                    clients,
                }
            })
            .collect()
    })
}

/// A resource whose other methods answer 405 with `Allow`.
fn resource(path: &str, allow: &'static str) -> Resource {
    web::resource(path).default_service(web::to(move || async move {
        Err::<HttpResponse, _>(ApiError::MethodNotAllowed(allow))
    }))
}

/// Registers the route table, each path under a scope of its first segment after `/api/v1`:
/// the router then tries a path's few siblings rather than every path of the API in turn (a
/// path with an id is matched by a regular expression, which costs on every request).
fn api_operations(cfg: &mut web::ServiceConfig) {
    let mut groups: Vec<(&'static str, Vec<&'static PathRoutes>)> = Vec::new();
    for path in route_table() {
        let prefix = scope_prefix(&path.path);
        match groups.iter_mut().find(|(known, _)| *known == prefix) {
            Some((_, members)) => members.push(path),
            None => groups.push((prefix, vec![path])),
        }
    }
    for (prefix, members) in groups {
        let mut scope = web::scope(prefix);
        for path in members {
            scope = scope.service(path_resource(&path.path[prefix.len()..], path));
        }
        cfg.service(scope);
    }
}

/// `/api/v1/tasks` for `/api/v1/tasks/{id}/start`; the whole path when it is shorter.
fn scope_prefix(path: &'static str) -> &'static str {
    let end = path
        .match_indices('/')
        .nth(3)
        .map_or(path.len(), |(at, _)| at);
    &path[..end]
}

fn path_resource(relative: &str, path: &'static PathRoutes) -> Resource {
    let resource = resource(relative, &path.allow).app_data(path.clients.clone());
    path.routes.iter().fold(resource, |resource, (method, to)| {
        resource.route(to(web::method(method.clone())))
    })
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
        .wrap(middleware::from_fn(idempotency::idempotency))
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
        .configure(api_operations)
        .default_service(web::to(not_found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_handler_is_served_once() {
        let served: usize = route_table().iter().map(|path| path.routes.len()).sum();
        assert_eq!(served, handlers().len());
        let allow = route_table()
            .iter()
            .find(|path| path.path == "/api/v1/tasks/{id}")
            .map(|path| path.allow.as_str());
        assert_eq!(allow, Some("GET, PATCH"));
        assert_eq!(scope_prefix("/api/v1/tasks/{id}/start"), "/api/v1/tasks");
        assert_eq!(scope_prefix("/api/v1/tasks"), "/api/v1/tasks");
        assert_eq!(scope_prefix("/healthz"), "/healthz");
    }
}
