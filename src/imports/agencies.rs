//! `POST /api/v1/imports/agencies`: add many agencies to the tree from a file, each through
//! the same path as `POST /agencies`; a row may name as parent an agency of an earlier row.

use actix_web::{web, HttpRequest, HttpResponse};

use super::agency_uuid;
use super::cells::{Cells, Reference};
use super::dto::{ImportQuery, ImportResponses};
use super::run::{import, ImportKind};
use crate::agencies::access as agency_access;
use crate::agencies::create::insert_agency;
use crate::agencies::dto::CreateAgency;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::values::AgencyKind;
use crate::error::{ApiError, FieldError, Problem};
use crate::state::AppState;
use crate::tabular::columns::{Column, Record, AGENCIES};

pub(super) struct AgencyImport;

pub(super) struct AgencyDraft {
    code: String,
    name: String,
    short_name: Option<String>,
    kind: AgencyKind,
    parent: Option<Reference>,
    headcount: Option<i32>,
    active: Option<bool>,
    valid_from: Option<chrono::NaiveDate>,
}

impl ImportKind for AgencyImport {
    type Draft = AgencyDraft;
    const COLUMNS: &'static [Column] = AGENCIES;
    const IDENTITY: &'static str = "code";

    fn check_role(caller: &AuthUser) -> Result<(), ApiError> {
        agency_access::check_administers(caller)
    }

    fn parse(record: &Record) -> Result<AgencyDraft, Vec<FieldError>> {
        let mut cells = Cells::new(record);
        let code = cells.required("code");
        let name = cells.required("name");
        let kind = cells.required("kind").and_then(|_| cells.choice("kind"));
        let draft = AgencyDraft {
            short_name: cells.text("short_name"),
            parent: cells.reference("parent_id", "parent_code"),
            headcount: cells.number("headcount"),
            active: cells.flag("active"),
            valid_from: cells.date("valid_from"),
            code: code.unwrap_or_default(),
            name: name.unwrap_or_default(),
            kind: kind.unwrap_or(AgencyKind::Other),
        };
        cells.finish(Some(draft))
    }

    fn store(
        conn: &mut AnyConnection,
        caller: &AuthUser,
        draft: AgencyDraft,
    ) -> Result<String, ApiError> {
        let parent_id = draft
            .parent
            .map(|parent| agency_uuid(conn, caller, parent, "parent_code"))
            .transpose()?;
        let create = CreateAgency {
            code: draft.code,
            name: draft.name,
            short_name: draft.short_name,
            kind: draft.kind,
            parent_id,
            headcount: draft.headcount,
            active: draft.active,
            valid_from: draft.valid_from,
        };
        let row = insert_agency(conn, &caller.scope, &caller.actor(), create.parse()?)?;
        Ok(row.id.into_string())
    }
}

/// Import agencies
///
/// Admins only. Adds the agencies of a CSV file, an XLSX workbook (its first sheet) or a JSON
/// array of objects, one per row, with the same rules as creating one (`POST /agencies`). The
/// first row names the columns, by name or Vietnamese header: `code` (Mã đơn vị), `name` (Tên
/// đơn vị), `short_name` (Tên viết tắt), `kind` (Loại đơn vị), `parent_id` or `parent_code`
/// (Mã đơn vị cấp trên; an agency of an earlier row may be the parent), `headcount` (Biên
/// chế), `active` (Đang hoạt động). The columns an agency export adds (id, version, times) are
/// ignored. Every error is reported with its row and column; by default nothing is stored
/// unless every row is valid. At most 10,000 rows and 10 MiB.
#[utoipa::path(
    post,
    path = "/api/v1/imports/agencies",
    tag = "imports",
    params(ImportQuery),
    request_body(description = "The rows, with a header row (CSV, XLSX) or as objects (JSON)",
        content(
            (String = "text/csv"),
            (crate::tabular::Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (Vec<super::JsonRow> = "application/json"),
        )),
    security(("bearer" = [])),
    responses(
        ImportResponses,
        (status = 403, description = "Only admins create agencies", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn import_agencies(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    payload: web::Payload,
    query: web::Query<ImportQuery>,
) -> Result<HttpResponse, ApiError> {
    import::<AgencyImport>(state, auth, req, payload, query.into_inner()).await
}
