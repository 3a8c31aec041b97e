//! `GET /api/v1/tasks` and `GET /api/v1/directives/{id}/tasks`: tasks in the caller's scope.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use uuid::Uuid;

use super::dto::{TaskDto, TaskQuery};
use super::list_query::TaskFilter;
use super::{access, queries};
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::directives::access as directive_access;
use crate::domain::ids::{AgencyId, DirectiveId, TaskId};
use crate::domain::task::vietnam_date;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;
use crate::tabular::columns::TASKS;
use crate::tabular::export::{self, cells_of, Export, ExportRow};
use crate::tabular::ListFormat;

/// `directive` comes from the path of `/directives/{id}/tasks`: that directive must exist (404);
/// a `directive_id` query filter on `/tasks` merely matches nothing when unknown.
async fn respond(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    query: TaskQuery,
    directive: Option<String>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = FieldErrors::default();
    errors.max_chars("q", query.q.as_deref(), 200);
    errors.finish()?;
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let format = ListFormat::negotiate(query.format, req.headers());
    let filter = TaskFilter {
        directive_id: directive
            .clone()
            .or(query.directive_id.map(|d| d.to_string())),
        lead_agency_id: query.lead_agency_id.map(AgencyId::from),
        coordinating_agency_id: query.coordinating_agency_id.map(AgencyId::from),
        status: query.status,
        deadline_status: query.deadline_status,
        due_from: query.due_from,
        due_to: query.due_to,
        updated_since: query.updated_since.map(|t| t.naive_utc()),
        q: query.q,
        sort: query.sort.unwrap_or_default(),
        include_predecessors: query.include_predecessors.unwrap_or(false),
    };
    let today = vietnam_date(Utc::now());
    if format != ListFormat::Json {
        let fetch = move |conn: &mut AnyConnection, user: &AuthUser, page: &PageRequest| {
            if let Some(directive) = directive.as_ref().filter(|_| page.after.is_none()) {
                directive_access::load(conn, user, &DirectiveId::from_stored(directive.clone()))?;
            }
            export_page(conn, user, filter.clone(), page, today)
        };
        let export = Export {
            name: "tasks",
            columns: TASKS,
            fetch,
        };
        return export::respond(&state, auth, format, export).await;
    }
    let (fetch, path_directive) = (page.clone(), directive);
    let (rows, mut coordinators) = state
        .pool
        .run_as(auth, move |conn, user| {
            if let Some(directive) = &path_directive {
                directive_access::load(conn, user, &DirectiveId::from_stored(directive.clone()))?;
            }
            let rows = access::list(conn, user, filter, &fetch, today)?;
            let ids: Vec<TaskId> = rows.iter().map(|r| r.id.clone()).collect();
            Ok((rows, queries::coordinators_of(conn, &ids)?))
        })
        .await?;
    let page = page.try_finish(
        rows,
        |r| r.id.as_str(),
        |row| {
            let ids = coordinators.remove(&row.id).unwrap_or_default();
            TaskDto::from_row(row, ids, today)
        },
    )?;
    Ok(HttpResponse::Ok().json(page))
}

/// A page of an export: each task as the cells of the task columns.
fn export_page(
    conn: &mut AnyConnection,
    user: &AuthUser,
    filter: TaskFilter,
    page: &PageRequest,
    today: chrono::NaiveDate,
) -> Result<Vec<ExportRow>, ApiError> {
    let rows = access::list(conn, user, filter, page, today)?;
    let ids: Vec<TaskId> = rows.iter().map(|r| r.id.clone()).collect();
    let mut coordinators = queries::coordinators_of(conn, &ids)?;
    rows.into_iter()
        .map(|row| {
            let id = row.id.as_str().to_owned();
            let agencies = coordinators.remove(&row.id).unwrap_or_default();
            let dto = TaskDto::from_row(row, agencies, today)?;
            Ok((id, cells_of(&dto, TASKS)?))
        })
        .collect()
}

/// List tasks
///
/// Tasks the caller sees: every task for province roles; for agency users the tasks their subtree
/// leads or coordinates. Filters by status, deadline status, agency and directive; sorted by due
/// date or last change; each row carries `deadline_status` in Vietnam time. `format=csv` or
/// `format=xlsx` (or `Accept: text/csv`) exports every matching task, streamed, with the columns
/// that `POST /imports/tasks` reads back.
#[utoipa::path(
    get,
    path = "/api/v1/tasks",
    tag = "tasks",
    params(TaskQuery),
    security(("bearer" = []), ("client_credentials" = ["tasks:read"])),
    responses(
        (status = 200, description = "A page of tasks your subtree leads or coordinates, or with `format=csv|xlsx` all of them as a file", content(
            (Page<TaskDto> = "application/json"),
            (String = "text/csv"),
            (crate::tabular::Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 422, description = "Invalid filter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Four exports are running already; retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_tasks(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    query: web::Query<TaskQuery>,
) -> Result<HttpResponse, ApiError> {
    respond(state, auth, req, query.into_inner(), None).await
}

/// List a directive's tasks
///
/// The tasks under one directive that the caller sees, with the same filters and order as the task
/// list.
#[utoipa::path(
    get,
    path = "/api/v1/directives/{id}/tasks",
    tag = "tasks",
    params(("id" = Uuid, Path, description = "Directive id"), TaskQuery),
    security(("bearer" = []), ("client_credentials" = ["tasks:read"])),
    responses(
        (status = 200, description = "A page of the directive's tasks in your scope, or with `format=csv|xlsx` all of them as a file", content(
            (Page<TaskDto> = "application/json"),
            (String = "text/csv"),
            (crate::tabular::Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 404, description = "No such directive", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Four exports are running already; retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_directive_tasks(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    query: web::Query<TaskQuery>,
) -> Result<HttpResponse, ApiError> {
    let mut query = query.into_inner();
    query.directive_id = None;
    respond(state, auth, req, query, Some(id.into_inner().to_string())).await
}
