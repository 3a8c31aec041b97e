//! `POST /api/v1/imports/directives`: register many directives from a file, each through the
//! same path as `POST /directives`.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;

use super::agency_uuid;
use super::cells::{Cells, Reference};
use super::dto::{ImportQuery, ImportResponses};
use super::run::{import, ImportKind};
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::directives::access as directive_access;
use crate::directives::create::insert_directive;
use crate::directives::dto::CreateDirective;
use crate::domain::directive::{DirectiveKind, DirectiveStatus};
use crate::error::{ApiError, FieldError, Problem};
use crate::state::AppState;
use crate::tabular::columns::{Column, Record, DIRECTIVES};

pub(super) struct DirectiveImport;

pub(super) struct DirectiveDraft {
    kind: DirectiveKind,
    number: String,
    issuer: Option<String>,
    issuer_agency: Option<Reference>,
    issued_on: NaiveDate,
    title: String,
    summary: Option<String>,
    term: Option<String>,
    status: Option<DirectiveStatus>,
}

impl ImportKind for DirectiveImport {
    type Draft = DirectiveDraft;
    const COLUMNS: &'static [Column] = DIRECTIVES;
    const IDENTITY: &'static str = "number";

    fn check_role(caller: &AuthUser) -> Result<(), ApiError> {
        directive_access::check_writer(caller)
    }

    fn parse(record: &Record) -> Result<DirectiveDraft, Vec<FieldError>> {
        let mut cells = Cells::new(record);
        let kind = cells.required("kind").and_then(|_| cells.choice("kind"));
        let number = cells.required("number");
        let issued_on = cells
            .required("issued_on")
            .and_then(|_| cells.date("issued_on"));
        let title = cells.required("title");
        let draft = DirectiveDraft {
            issuer: cells.text("issuer"),
            issuer_agency: cells.reference("issuer_agency_id", "issuer_agency_code"),
            summary: cells.text("summary"),
            term: cells.text("term"),
            status: cells.choice("status"),
            kind: kind.unwrap_or(DirectiveKind::Directive),
            number: number.unwrap_or_default(),
            issued_on: issued_on.unwrap_or_default(),
            title: title.unwrap_or_default(),
        };
        cells.finish(Some(draft))
    }

    fn store(
        conn: &mut AnyConnection,
        caller: &AuthUser,
        draft: DirectiveDraft,
    ) -> Result<String, ApiError> {
        let issuer_agency_id = draft
            .issuer_agency
            .map(|agency| agency_uuid(conn, caller, agency, "issuer_agency_code"))
            .transpose()?;
        let create = CreateDirective {
            kind: draft.kind,
            number: draft.number,
            issuer: draft.issuer,
            issuer_agency_id,
            issued_on: draft.issued_on,
            title: draft.title,
            summary: draft.summary,
            term: draft.term,
            status: draft.status,
            superseded_by: None,
            based_on: None,
        };
        let (row, _) = insert_directive(conn, caller, &caller.actor(), create.parse()?)?;
        Ok(row.id.into_string())
    }
}

/// Import directives
///
/// Registers the directives of a CSV file, an XLSX workbook (its first sheet) or a JSON array
/// of objects, one per row, with the same rules as recording one (`POST /directives`). The
/// first row names the columns, by name or Vietnamese header: `kind` (Loại văn bản), `number`
/// (Số, ký hiệu), `issuer` (Cơ quan ban hành), `issuer_agency_id` or `issuer_agency_code` (Mã
/// cơ quan ban hành), `issued_on` (Ngày ban hành; `YYYY-MM-DD` or `DD/MM/YYYY`), `title`
/// (Trích yếu), `summary` (Tóm tắt), `term` (Nhiệm kỳ), `status` (Hiệu lực). The columns a
/// directive export adds (id, version, times) are ignored. Every error is reported with its
/// row and column; by default nothing is stored unless every row is valid. At most 10,000 rows
/// and 10 MiB.
#[utoipa::path(
    post,
    path = "/api/v1/imports/directives",
    tag = "imports",
    params(ImportQuery),
    request_body(description = "The rows, with a header row (CSV, XLSX) or as objects (JSON)",
        content(
            (String = "text/csv"),
            (crate::tabular::Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (Vec<super::JsonRow> = "application/json"),
        )),
    security(("bearer" = []), ("client_credentials" = ["directives:write"])),
    responses(
        ImportResponses,
        (status = 403, description = "Your role may not record directives", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn import_directives(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    payload: web::Payload,
    query: web::Query<ImportQuery>,
) -> Result<HttpResponse, ApiError> {
    import::<DirectiveImport>(state, auth, req, payload, query.into_inner()).await
}
