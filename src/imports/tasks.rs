//! `POST /api/v1/imports/tasks`: assign many tasks from a file, each through the same path
//! as `POST /tasks`.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;

use super::agency_uuid;
use super::cells::{Cells, Reference};
use super::dto::{ImportQuery, ImportResponses};
use super::run::{import, ImportKind};
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::directives::access as directive_access;
use crate::domain::task::{Priority, Recurrence, Target};
use crate::error::{ApiError, FieldError, Problem};
use crate::state::AppState;
use crate::tabular::columns::{Record, TASKS};
use crate::tasks::access as task_access;
use crate::tasks::create::insert_task;
use crate::tasks::dto::CreateTask;

pub(super) struct TaskImport;

pub(super) struct TaskDraft {
    directive: Reference,
    title: String,
    description: Option<String>,
    lead: Reference,
    coordinators: Vec<Reference>,
    start_on: Option<NaiveDate>,
    due_on: NaiveDate,
    priority: Option<Priority>,
    target: Option<Target>,
    recurrence: Option<Recurrence>,
}

fn coordinators(cells: &mut Cells) -> Vec<Reference> {
    let codes = cells.record.list("coordinating_agency_codes");
    match (cells.ids("coordinating_agency_ids"), codes) {
        (Some(ids), None) => ids.into_iter().map(Reference::Id).collect(),
        (None, Some(codes)) => codes
            .into_iter()
            .map(|c| Reference::Code(c.to_owned()))
            .collect(),
        (Some(_), Some(_)) => {
            let message = "must be left empty when coordinating_agency_ids is given";
            cells
                .errors
                .push(cells.record.error("coordinating_agency_codes", message));
            Vec::new()
        }
        (None, None) => Vec::new(),
    }
}

fn target(cells: &mut Cells) -> Option<Target> {
    let value = cells.number::<f64>("target_value");
    match (value, cells.text("target_unit")) {
        (Some(value), Some(unit)) => Some(Target { value, unit }),
        (None, None) => None,
        (Some(_), None) => {
            let error = cells
                .record
                .error("target_unit", "is required with target_value");
            cells.errors.push(error);
            None
        }
        (None, Some(_)) => {
            let error = cells
                .record
                .error("target_value", "is required with target_unit");
            cells.errors.push(error);
            None
        }
    }
}

fn required_reference(cells: &mut Cells, id: &str, code: &str) -> Option<Reference> {
    let reference = cells.reference(id, code);
    if reference.is_none() && cells.record.get(id).is_none() && cells.record.get(code).is_none() {
        let error = cells.record.error(id, format!("is required (or {code})"));
        cells.errors.push(error);
    }
    reference
}

impl ImportKind for TaskImport {
    type Draft = TaskDraft;
    const COLUMNS: &'static [crate::tabular::columns::Column] = TASKS;
    const IDENTITY: &'static str = "title";

    fn check_role(caller: &AuthUser) -> Result<(), ApiError> {
        task_access::check_assigner(caller)
    }

    fn parse(record: &Record) -> Result<TaskDraft, Vec<FieldError>> {
        let mut cells = Cells::new(record);
        let directive = required_reference(&mut cells, "directive_id", "directive_number");
        let lead = required_reference(&mut cells, "lead_agency_id", "lead_agency_code");
        let title = cells.required("title");
        let due_on = cells.required("due_on").and_then(|_| cells.date("due_on"));
        let draft = TaskDraft {
            coordinators: coordinators(&mut cells),
            description: cells.text("description"),
            start_on: cells.date("start_on"),
            priority: cells.choice("priority"),
            target: target(&mut cells),
            recurrence: cells.choice("recurrence"),
            directive: directive.unwrap_or(Reference::Code(String::new())),
            lead: lead.unwrap_or(Reference::Code(String::new())),
            title: title.unwrap_or_default(),
            due_on: due_on.unwrap_or_default(),
        };
        cells.finish(Some(draft))
    }

    fn store(
        conn: &mut AnyConnection,
        caller: &AuthUser,
        draft: TaskDraft,
    ) -> Result<String, ApiError> {
        let directive_id = match draft.directive {
            Reference::Id(id) => id,
            Reference::Code(number) => {
                let id =
                    directive_access::named_by_number(conn, caller, &number, "directive_number")?;
                uuid::Uuid::parse_str(id.as_str()).map_err(ApiError::internal)?
            }
        };
        let lead_agency_id = agency_uuid(conn, caller, draft.lead, "lead_agency_code")?;
        let coordinating_agency_ids = draft
            .coordinators
            .into_iter()
            .map(|c| agency_uuid(conn, caller, c, "coordinating_agency_codes"))
            .collect::<Result<Vec<_>, _>>()?;
        let create = CreateTask {
            directive_id,
            title: draft.title,
            description: draft.description,
            lead_agency_id,
            coordinating_agency_ids: Some(coordinating_agency_ids),
            start_on: draft.start_on,
            due_on: draft.due_on,
            priority: draft.priority,
            target: draft.target,
            recurrence: draft.recurrence,
        };
        let row = insert_task(conn, caller, &caller.actor(), create.parse()?)?;
        Ok(row.id.into_string())
    }
}

/// Import tasks
///
/// Assigns the tasks of a CSV file, an XLSX workbook (its first sheet) or a JSON array of
/// objects, one per row, with the same rules as assigning one (`POST /tasks`). The first row
/// names the columns, by name or Vietnamese header: `directive_id` or `directive_number` (Số,
/// ký hiệu văn bản), `title` (Tên nhiệm vụ), `description` (Nội dung), `lead_agency_id` or
/// `lead_agency_code` (Đơn vị chủ trì), `coordinating_agency_ids` or
/// `coordinating_agency_codes` (Đơn vị phối hợp, separated by `;`), `start_on` (Ngày bắt
/// đầu), `due_on` (Thời hạn; `YYYY-MM-DD` or `DD/MM/YYYY`), `priority` (Mức độ ưu tiên),
/// `target_value` (Chỉ tiêu), `target_unit` (Đơn vị tính), `recurrence` (Định kỳ). The
/// columns a task export adds (id, status, times) are ignored, so an export imports again.
/// Every error is reported with its row and column; by default nothing is stored unless
/// every row is valid. At most 10,000 rows and 10 MiB.
#[utoipa::path(
    post,
    path = "/api/v1/imports/tasks",
    tag = "imports",
    params(ImportQuery),
    request_body(description = "The rows, with a header row (CSV, XLSX) or as objects (JSON)",
        content(
            (String = "text/csv"),
            (crate::tabular::Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (Vec<super::JsonRow> = "application/json"),
        )),
    security(("bearer" = []), ("client_credentials" = ["tasks:write"])),
    responses(
        ImportResponses,
        (status = 403, description = "Your role may not assign tasks", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn import_tasks(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    payload: web::Payload,
    query: web::Query<ImportQuery>,
) -> Result<HttpResponse, ApiError> {
    import::<TaskImport>(state, auth, req, payload, query.into_inner()).await
}
