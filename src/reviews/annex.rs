//! `GET /api/v1/reviews/{id}/annex.xlsx`: a review's frozen figures as the annex tables
//! (phụ lục) of its document, with Vietnamese headers.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use uuid::Uuid;

use super::access;
use super::dto::ReviewDto;
use crate::auth::Authenticated;
use crate::dashboard::dto::{Figures, StatusCounts};
use crate::domain::ids::ReviewId;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use crate::tabular::XLSX;

/// The columns of a table of tasks by deadline status.
const STATUS_HEADERS: [&str; 6] = [
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Chưa đến hạn",
    "Quá hạn",
    "Tổng số",
    "Tỷ lệ hoàn thành (%)",
];

/// Download a review's annex tables
///
/// Whoever reads the review: its frozen figures as an Excel workbook. Sheets: the summary
/// beside the same period of the previous year ("Tổng hợp"), tasks by lead agency ("Theo cơ
/// quan") and by directive ("Theo văn bản"), and targets against actuals ("Chỉ tiêu"); each
/// table of tasks ends with its total row.
#[utoipa::path(
    get,
    path = "/api/v1/reviews/{id}/annex.xlsx",
    tag = "dashboard",
    params(("id" = Uuid, Path, description = "Review id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The annex workbook", content(
            (crate::tabular::Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 404, description = "No such review in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_review_annex(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = ReviewId::from(id.into_inner());
    let row = state
        .pool
        .read_by_key_as(auth, move |conn, caller| {
            Ok(access::load(conn, caller, &id)?.into_row())
        })
        .await?;
    let review = ReviewDto::from_row(row)?;
    let bytes = web::block(move || workbook(&review).map_err(ApiError::internal)).await??;
    Ok(HttpResponse::Ok()
        .content_type(XLSX)
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"phu-luc.xlsx\"",
        ))
        .body(bytes))
}

fn workbook(review: &ReviewDto) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_font_name("Times New Roman");
    let (current, previous) = (&review.figures.current, &review.figures.previous_year);
    summary(book.add_worksheet(), &bold, review, current, previous)?;
    let sheet = book.add_worksheet().set_name("Theo cơ quan")?;
    let rows = current
        .by_agency
        .iter()
        .map(|a| (a.name.as_str(), "", &a.tasks));
    status_table(sheet, &bold, ["Cơ quan, đơn vị", ""], rows, &current.tasks)?;
    let sheet = book.add_worksheet().set_name("Theo văn bản")?;
    let rows = current
        .by_directive
        .iter()
        .map(|d| (d.number.as_str(), d.title.as_str(), &d.tasks));
    status_table(
        sheet,
        &bold,
        ["Số, ký hiệu", "Trích yếu"],
        rows,
        &current.tasks,
    )?;
    targets(book.add_worksheet().set_name("Chỉ tiêu")?, &bold, current)?;
    book.save_to_buffer()
}

/// The summary: each figure of the period beside the previous year's.
fn summary(
    sheet: &mut Worksheet,
    bold: &Format,
    review: &ReviewDto,
    current: &Figures,
    previous: &Figures,
) -> Result<(), XlsxError> {
    sheet.set_name("Tổng hợp")?;
    sheet.write_string_with_format(0, 0, &review.title, bold)?;
    let headers = [
        "Chỉ tiêu",
        &format!("Kỳ {}", current.period),
        &format!("Cùng kỳ {}", previous.period),
    ];
    for (col, text) in (0u16..).zip(headers) {
        sheet.write_string_with_format(2, col, text, bold)?;
    }
    let lines = [
        (
            STATUS_HEADERS[0],
            current.tasks.done_on_time as f64,
            previous.tasks.done_on_time as f64,
        ),
        (
            STATUS_HEADERS[1],
            current.tasks.done_late as f64,
            previous.tasks.done_late as f64,
        ),
        (
            STATUS_HEADERS[2],
            current.tasks.on_track as f64,
            previous.tasks.on_track as f64,
        ),
        (
            STATUS_HEADERS[3],
            current.tasks.overdue as f64,
            previous.tasks.overdue as f64,
        ),
        (
            "Tổng số nhiệm vụ",
            current.tasks.total as f64,
            previous.tasks.total as f64,
        ),
        (
            STATUS_HEADERS[5],
            percent(&current.tasks),
            percent(&previous.tasks),
        ),
        (
            "Báo cáo đã gửi",
            current.reports.submitted as f64,
            previous.reports.submitted as f64,
        ),
        (
            "Báo cáo gửi quá hạn",
            current.reports.late as f64,
            previous.reports.late as f64,
        ),
        (
            "Báo cáo chờ xem xét",
            current.reports.awaiting_review as f64,
            previous.reports.awaiting_review as f64,
        ),
    ];
    for (row, (label, now, before)) in (3u32..).zip(lines) {
        sheet.write_string(row, 0, label)?;
        sheet.write_number(row, 1, now)?;
        sheet.write_number(row, 2, before)?;
    }
    sheet.set_column_width(0, 40)?;
    Ok(())
}

/// A table of tasks by deadline status, one row per agency or directive, and the total row.
fn status_table<'a>(
    sheet: &mut Worksheet,
    bold: &Format,
    names: [&str; 2],
    rows: impl Iterator<Item = (&'a str, &'a str, &'a StatusCounts)>,
    total: &StatusCounts,
) -> Result<(), XlsxError> {
    let headers = ["STT", names[0], names[1]]
        .into_iter()
        .chain(STATUS_HEADERS);
    for (col, text) in (0u16..).zip(headers) {
        sheet.write_string_with_format(0, col, text, bold)?;
    }
    let mut row = 1u32;
    for (name, detail, counts) in rows {
        sheet.write_number(row, 0, f64::from(row))?;
        sheet.write_string(row, 1, name)?;
        sheet.write_string(row, 2, detail)?;
        counts_at(sheet, row, counts)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 1, "Tổng cộng", bold)?;
    counts_at(sheet, row, total)?;
    sheet.set_column_width(1, 40)?;
    Ok(())
}

fn counts_at(sheet: &mut Worksheet, row: u32, counts: &StatusCounts) -> Result<(), XlsxError> {
    let values = [
        counts.done_on_time as f64,
        counts.done_late as f64,
        counts.on_track as f64,
        counts.overdue as f64,
        counts.total as f64,
        percent(counts),
    ];
    for (col, value) in (3u16..).zip(values) {
        sheet.write_number(row, col, value)?;
    }
    Ok(())
}

/// Targets against actuals by unit.
fn targets(sheet: &mut Worksheet, bold: &Format, figures: &Figures) -> Result<(), XlsxError> {
    let headers = ["Đơn vị tính", "Số nhiệm vụ", "Chỉ tiêu", "Thực hiện"];
    for (col, text) in (0u16..).zip(headers) {
        sheet.write_string_with_format(0, col, text, bold)?;
    }
    for (row, target) in (1u32..).zip(&figures.targets) {
        sheet.write_string(row, 0, target.unit.as_deref().unwrap_or(""))?;
        sheet.write_number(row, 1, target.tasks as f64)?;
        sheet.write_number(row, 2, target.target)?;
        sheet.write_number(row, 3, target.actual)?;
    }
    Ok(())
}

/// The completion rate in percent, to one decimal.
fn percent(counts: &StatusCounts) -> f64 {
    (counts.completion_rate * 1000.0).round() / 10.0
}
