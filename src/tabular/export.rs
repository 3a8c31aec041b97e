//! Streamed exports: a list's rows, page by page, written as CSV or XLSX into the response
//! body on a thread of the export's own, so memory stays bounded however long the list is
//! and neither the async workers nor the blocking pool wait on a slow client.

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use rust_xlsxwriter::{Workbook, XlsxError};
use tokio::sync::{mpsc, oneshot};

use super::columns::{exported, Column};
use super::{ListFormat, XLSX};
use crate::auth::{AuthUser, Authenticated};
use crate::db::{AnyConnection, DbPool};
use crate::error::ApiError;
use crate::http::pagination::PageRequest;
use crate::state::AppState;

/// Rows read per page of an export.
const PAGE_ROWS: i64 = 1000;
/// Exports running at once; one more is told to retry shortly.
const MAX_RUNNING: usize = 4;
/// Bytes gathered before a chunk is sent.
const CHUNK_BYTES: usize = 64 * 1024;
/// Rows of one worksheet, the header included (Excel's limit).
const SHEET_ROWS: u32 = 1_048_576;

/// How many exports this instance runs now (one per `AppState`, so each test app has its own).
#[derive(Debug, Default)]
pub struct Running(AtomicUsize);

/// One exported row: its id (the cursor of the next page) and its cells in column order.
pub type ExportRow = (String, Vec<String>);

/// A record's cells in the order of `columns`, read from its JSON answer by column name: a
/// nested object's fields are `<name>_<field>` (a task's `target_value`), a list is its items
/// separated by `;`, null is empty.
pub fn cells_of<T: serde::Serialize>(
    record: &T,
    columns: &'static [Column],
) -> Result<Vec<String>, ApiError> {
    let value = serde_json::to_value(record).map_err(ApiError::internal)?;
    let serde_json::Value::Object(mut fields) = value else {
        return Err(ApiError::internal("an exported record is not an object"));
    };
    let nested: Vec<(String, serde_json::Value)> = fields
        .iter()
        .filter_map(|(name, value)| value.as_object().map(|o| (name.clone(), o.clone())))
        .flat_map(|(name, object)| {
            object
                .into_iter()
                .map(move |(field, value)| (format!("{name}_{field}"), value))
        })
        .collect();
    fields.extend(nested);
    Ok(exported(columns)
        .map(|column| fields.get(column).map(cell_text).unwrap_or_default())
        .collect())
}

fn cell_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null | serde_json::Value::Object(_) => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(cell_text).collect::<Vec<_>>().join(";")
        }
        other => other.to_string(),
    }
}

/// Reads a page of rows after `page.after` (at most `page.fetch()`), through the resource's
/// access module, as the caller.
pub trait PageSource:
    FnMut(&mut AnyConnection, &AuthUser, &PageRequest) -> Result<Vec<ExportRow>, ApiError>
    + Send
    + 'static
{
}

impl<F> PageSource for F where
    F: FnMut(&mut AnyConnection, &AuthUser, &PageRequest) -> Result<Vec<ExportRow>, ApiError>
        + Send
        + 'static
{
}

/// What an export is: a file name, its columns and how to read its pages.
pub struct Export<F> {
    pub name: &'static str,
    pub columns: &'static [Column],
    pub fetch: F,
}

/// Answers with the whole list in `format` (CSV or XLSX). The first page is read before the
/// answer starts, so a caller who may not read the list gets the usual error status; a
/// failure later ends the body early (and is logged).
pub async fn respond<F: PageSource>(
    state: &AppState,
    auth: Authenticated,
    format: ListFormat,
    export: Export<F>,
) -> Result<HttpResponse, ApiError> {
    let slot = Slot::take(&state.exports)?;
    let pool = &state.pool;
    let (chunks, body) = mpsc::channel::<io::Result<Bytes>>(4);
    let (started, first_page) = oneshot::channel();
    let pool = pool.clone();
    let name = export.name;
    std::thread::Builder::new()
        .name(format!("export-{name}"))
        .spawn(move || {
            let _slot = slot;
            run(&pool, &auth, format, export, started, chunks);
        })
        .map_err(ApiError::internal)?;
    first_page.await.map_err(ApiError::internal)??;
    let (media, extension) = match format {
        ListFormat::Xlsx => (XLSX, "xlsx"),
        _ => ("text/csv; charset=utf-8", "csv"),
    };
    let stream = futures_util::stream::unfold(body, |mut body| async move {
        body.recv().await.map(|chunk| (chunk, body))
    });
    Ok(HttpResponse::Ok()
        .content_type(media)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}.{extension}\""),
        ))
        .streaming(stream))
}

/// A place among the exports running at once, given back when dropped.
struct Slot(Arc<Running>);

impl Slot {
    fn take(running: &Arc<Running>) -> Result<Slot, ApiError> {
        if running.0.fetch_add(1, Ordering::SeqCst) >= MAX_RUNNING {
            running.0.fetch_sub(1, Ordering::SeqCst);
            return Err(ApiError::TooManyRequests {
                retry_after_secs: 10,
            });
        }
        Ok(Slot(running.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0 .0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn run<F: PageSource>(
    pool: &DbPool,
    auth: &Authenticated,
    format: ListFormat,
    mut export: Export<F>,
    started: oneshot::Sender<Result<(), ApiError>>,
    chunks: mpsc::Sender<io::Result<Bytes>>,
) {
    let mut page = PageRequest {
        limit: PAGE_ROWS,
        after: None,
    };
    let first = pool.run_as_here(auth, |conn, user| (export.fetch)(conn, user, &page));
    let mut rows = match first {
        Ok(rows) => rows,
        Err(error) => {
            let _ = started.send(Err(error));
            return;
        }
    };
    if started.send(Ok(())).is_err() {
        return;
    }
    let out = ChunkWriter::new(chunks.clone());
    let mut sink = match Sink::open(format, export.columns, out) {
        Ok(sink) => sink,
        Err(error) => return abort(&chunks, export.name, error),
    };
    loop {
        let more = rows.len() as i64 > page.limit;
        rows.truncate(page.limit as usize);
        page.after = rows.last().map(|(id, _)| id.clone());
        if let Err(error) = rows
            .into_iter()
            .try_for_each(|(_, cells)| sink.write(&cells))
        {
            return abort(&chunks, export.name, error);
        }
        if !more {
            break;
        }
        rows = match pool.run_as_here(auth, |conn, user| (export.fetch)(conn, user, &page)) {
            Ok(rows) => rows,
            Err(error) => return abort(&chunks, export.name, io::Error::other(error.to_string())),
        };
    }
    if let Err(error) = sink.finish() {
        abort(&chunks, export.name, error);
    }
}

/// Ends the body with an error, so the client sees a broken transfer rather than a short file.
fn abort(chunks: &mpsc::Sender<io::Result<Bytes>>, name: &str, error: io::Error) {
    if error.kind() != io::ErrorKind::BrokenPipe {
        log::error!("export of {name} stopped: {error}");
        let _ = chunks.blocking_send(Err(error));
    }
}

/// Where rows go: a CSV writer, or a workbook whose sheets keep their rows in temporary
/// files (rust_xlsxwriter's constant-memory mode) until the zip is streamed out at the end.
enum Sink {
    Csv(Box<csv::Writer<ChunkWriter>>),
    Xlsx {
        workbook: Box<Workbook>,
        headers: Vec<&'static str>,
        row: u32,
        out: ChunkWriter,
    },
}

fn xlsx_error(error: XlsxError) -> io::Error {
    io::Error::other(error.to_string())
}

impl Sink {
    fn open(format: ListFormat, columns: &'static [Column], out: ChunkWriter) -> io::Result<Sink> {
        let headers: Vec<&'static str> = exported(columns).collect();
        match format {
            ListFormat::Xlsx => {
                let mut sink = Sink::Xlsx {
                    workbook: Box::new(Workbook::new()),
                    headers,
                    row: SHEET_ROWS,
                    out,
                };
                sink.next_sheet_if_full()?;
                Ok(sink)
            }
            _ => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(&headers)?;
                Ok(Sink::Csv(Box::new(writer)))
            }
        }
    }

    fn next_sheet_if_full(&mut self) -> io::Result<()> {
        if let Sink::Xlsx {
            workbook,
            headers,
            row,
            ..
        } = self
        {
            if *row >= SHEET_ROWS {
                let sheet = workbook
                    .add_worksheet_with_constant_memory()
                    .map_err(xlsx_error)?;
                sheet
                    .write_row(0, 0, headers.iter().copied())
                    .map_err(xlsx_error)?;
                *row = 1;
            }
        }
        Ok(())
    }

    fn write(&mut self, cells: &[String]) -> io::Result<()> {
        self.next_sheet_if_full()?;
        match self {
            Sink::Csv(writer) => Ok(writer.write_record(cells)?),
            Sink::Xlsx { workbook, row, .. } => {
                let sheet = workbook
                    .worksheets_mut()
                    .last_mut()
                    .ok_or_else(|| io::Error::other("the workbook has no sheet"))?;
                for (column, cell) in cells.iter().enumerate() {
                    if !cell.is_empty() {
                        let column = u16::try_from(column).map_err(io::Error::other)?;
                        sheet.write_string(*row, column, cell).map_err(xlsx_error)?;
                    }
                }
                *row += 1;
                Ok(())
            }
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Csv(writer) => writer
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string()))?
                .finish(),
            Sink::Xlsx {
                mut workbook,
                mut out,
                ..
            } => {
                workbook.save_to_writer(&mut out).map_err(xlsx_error)?;
                out.finish()
            }
        }
    }
}

/// Gathers bytes into chunks for the response body; a client that went away shows as
/// `BrokenPipe`, which stops the export.
struct ChunkWriter {
    buffer: Vec<u8>,
    chunks: mpsc::Sender<io::Result<Bytes>>,
}

impl ChunkWriter {
    fn new(chunks: mpsc::Sender<io::Result<Bytes>>) -> Self {
        Self {
            buffer: Vec::with_capacity(CHUNK_BYTES),
            chunks,
        }
    }

    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK_BYTES),
        ));
        self.chunks
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }

    fn finish(mut self) -> io::Result<()> {
        self.send()
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK_BYTES {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
