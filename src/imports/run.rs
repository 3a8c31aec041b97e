//! The import flow every kind shares: read the body, map its headers, parse each row, then
//! store the rows in one write, each in a savepoint, and keep or discard the whole.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::Connection;
use futures_util::StreamExt;

use super::dto::{ImportMode, ImportQuery, ImportReport, ImportedRow};
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::error::{ApiError, FieldError};
use crate::state::AppState;
use crate::tabular::columns::{map_headers, Column, Record};
use crate::tabular::{read, ImportFormat};

/// Rows one import may hold.
pub const MAX_ROWS: usize = 10_000;
/// Bytes one import body may hold.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// One kind of record an import creates.
pub(super) trait ImportKind {
    /// A row's values, parsed; references are resolved when it is stored.
    type Draft: Send + 'static;
    const COLUMNS: &'static [Column];
    /// The column a conflict (a taken code or number) is reported on.
    const IDENTITY: &'static str;
    /// 403 for a caller whose role never creates this kind, before any row is read.
    fn check_role(caller: &AuthUser) -> Result<(), ApiError>;
    fn parse(record: &Record) -> Result<Self::Draft, Vec<FieldError>>;
    /// Stores one row through the kind's own create path; the new record's id.
    fn store(
        conn: &mut AnyConnection,
        caller: &AuthUser,
        draft: Self::Draft,
    ) -> Result<String, ApiError>;
}

/// Each data row's number and its parsed values, or what is wrong with them.
type Drafts<K> = Vec<(u32, Result<<K as ImportKind>::Draft, Vec<FieldError>>)>;

/// Runs an import of kind `K` and answers with its report.
pub(super) async fn import<K: ImportKind + 'static>(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    payload: web::Payload,
    query: ImportQuery,
) -> Result<HttpResponse, ApiError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let format = ImportFormat::from_content_type(content_type).ok_or_else(|| {
        ApiError::UnsupportedMediaType(
            "the body must be text/csv, an XLSX workbook or application/json".into(),
        )
    })?;
    let body = read_body(payload).await?;
    let table = read::read(format, &body, MAX_ROWS)?;
    let mapping = map_headers(K::COLUMNS, &table.headers).map_err(ApiError::Validation)?;
    let drafts: Drafts<K> = table
        .rows
        .iter()
        .map(|row| {
            let record = Record::new(row.number, &mapping, &row.cells);
            (row.number, K::parse(&record))
        })
        .collect();
    let dry_run = query.dry_run.unwrap_or(false);
    let mode = query.mode.unwrap_or_default();
    let report = state
        .pool
        .write_as(auth, move |conn, caller| {
            K::check_role(caller)?;
            store_all::<K>(conn, caller, drafts, dry_run, mode)
        })
        .await?;
    if mode == ImportMode::AllOrNothing && !report.errors.is_empty() {
        return Err(ApiError::Validation(report.errors));
    }
    Ok(HttpResponse::Ok().json(report))
}

async fn read_body(mut payload: web::Payload) -> Result<web::Bytes, ApiError> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::BadRequest(format!("the body was cut off: {e}")))?;
        if body.len() + chunk.len() > MAX_BYTES {
            return Err(ApiError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// Why the import's transaction ends without committing.
enum Stop {
    /// A dry run, or an all-or-nothing import with invalid rows: the report is the answer.
    Discard(ImportReport),
    Failed(ApiError),
}

impl From<diesel::result::Error> for Stop {
    fn from(error: diesel::result::Error) -> Self {
        Stop::Failed(error.into())
    }
}

fn store_all<K: ImportKind>(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    drafts: Drafts<K>,
    dry_run: bool,
    mode: ImportMode,
) -> Result<ImportReport, ApiError> {
    let rows = drafts.len();
    let outcome = conn.transaction::<_, Stop, _>(|conn| {
        let mut created = Vec::new();
        let mut errors = Vec::new();
        for (row, draft) in drafts {
            let stored = draft.map_err(Ok).and_then(|draft| {
                conn.transaction(|conn| K::store(conn, caller, draft))
                    .map_err(|error| row_errors::<K>(row, error))
            });
            match stored {
                Ok(id) => created.push(ImportedRow { row, id }),
                Err(Ok(row_errors)) => errors.extend(row_errors),
                Err(Err(failure)) => return Err(Stop::Failed(failure)),
            }
        }
        let report = ImportReport {
            dry_run,
            rows,
            imported: created.len(),
            created,
            errors,
        };
        let invalid = mode == ImportMode::AllOrNothing && !report.errors.is_empty();
        if dry_run || invalid {
            Err(Stop::Discard(report))
        } else {
            Ok(report)
        }
    });
    match outcome {
        Ok(report) => Ok(report),
        Err(Stop::Discard(mut report)) => {
            report.created.clear();
            Ok(report)
        }
        Err(Stop::Failed(error)) => Err(error),
    }
}

/// A row's refusal as errors in that row (`Ok`), or a failure that stops the import (`Err`).
fn row_errors<K: ImportKind>(row: u32, error: ApiError) -> Result<Vec<FieldError>, ApiError> {
    let one = |field: &str, message: String| vec![FieldError::new(field, message).at_row(row)];
    match error {
        ApiError::Validation(errors) => Ok(errors.into_iter().map(|e| e.at_row(row)).collect()),
        ApiError::Conflict(message) => Ok(one(K::IDENTITY, message)),
        ApiError::Forbidden => Ok(one("row", "your role may not create this record".into())),
        ApiError::NotFound => Ok(one("row", "names a record that does not exist".into())),
        other => Err(other),
    }
}
