//! Reading an import body (CSV, XLSX or a JSON array of objects) into one shape: a header
//! row and rows of text cells, each row with its number in the file.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, DataType, Reader, Xlsx};
use serde_json::{Map, Value};

use super::ImportFormat;
use crate::error::{ApiError, FieldError};

/// A table read from a file: cells are trimmed text, an empty cell is `""`.
#[derive(Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<SourceRow>,
}

#[derive(Debug)]
pub struct SourceRow {
    /// The row's number as the user sees it: the spreadsheet row (the header is row 1), or
    /// the position of the object in a JSON array, from 1.
    pub number: u32,
    pub cells: Vec<String>,
}

/// Reads `body`; fully blank rows are skipped, more than `max_rows` rows is refused.
pub fn read(format: ImportFormat, body: &[u8], max_rows: usize) -> Result<Table, ApiError> {
    let table = match format {
        ImportFormat::Csv => read_csv(body)?,
        ImportFormat::Xlsx => read_xlsx(body)?,
        ImportFormat::Json => read_json(body)?,
    };
    if table.rows.len() > max_rows {
        return Err(body_error(format!("must have at most {max_rows} rows")));
    }
    if table.headers.is_empty() {
        return Err(body_error("has no header row"));
    }
    Ok(table)
}

fn body_error(message: impl Into<String>) -> ApiError {
    ApiError::Validation(vec![FieldError::new("body", message)])
}

fn push_row(table: &mut Table, number: u32, cells: Vec<String>) {
    if cells.iter().any(|c| !c.is_empty()) {
        table.rows.push(SourceRow { number, cells });
    }
}

/// Excel in a Vietnamese locale saves "CSV" with `;` between fields: the header row decides.
fn delimiter(body: &[u8]) -> u8 {
    let first_line = body.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |d: u8| first_line.iter().filter(|b| **b == d).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

fn read_csv(body: &[u8]) -> Result<Table, ApiError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(body))
        .from_reader(body);
    let mut table = Table::default();
    for (index, record) in reader.records().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let record =
            record.map_err(|e| body_error(format!("is not valid CSV at row {number}: {e}")))?;
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if index == 0 {
            table.headers = cells;
        } else {
            push_row(&mut table, number, cells);
        }
    }
    Ok(table)
}

fn read_xlsx(body: &[u8]) -> Result<Table, ApiError> {
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(body))
        .map_err(|e| body_error(format!("is not an XLSX workbook: {e}")))?;
    let range = match workbook.worksheet_range_at(0) {
        Some(range) => range.map_err(|e| body_error(format!("has an unreadable sheet: {e}")))?,
        None => return Err(body_error("has no worksheet")),
    };
    let first_row = range.start().map(|(row, _)| row).unwrap_or_default();
    let mut table = Table::default();
    for (index, row) in range.rows().enumerate() {
        let number = first_row.saturating_add(u32::try_from(index).unwrap_or(u32::MAX)) + 1;
        let cells = row
            .iter()
            .map(|cell| cell_text(cell).map_err(|e| row_error(number, e)))
            .collect::<Result<Vec<_>, _>>()?;
        if table.headers.is_empty() {
            table.headers = cells;
        } else {
            push_row(&mut table, number, cells);
        }
    }
    Ok(table)
}

fn row_error(row: u32, message: String) -> ApiError {
    ApiError::Validation(vec![FieldError::new("body", message).at_row(row)])
}

/// A cell as the text a CSV file would hold: dates as `YYYY-MM-DD`, whole numbers without
/// a decimal point.
fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(_) | Data::DateTimeIso(_) => match cell.as_date() {
            Some(date) => date.format("%Y-%m-%d").to_string(),
            None => return Err("has a date cell that is not a calendar date".into()),
        },
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(format!("has a cell with the spreadsheet error {e}")),
    })
}

fn read_json(body: &[u8]) -> Result<Table, ApiError> {
    let objects: Vec<Map<String, Value>> = serde_json::from_slice(body)
        .map_err(|e| body_error(format!("must be a JSON array of objects: {e}")))?;
    let mut table = Table::default();
    for object in &objects {
        for key in object.keys() {
            if !table.headers.contains(key) {
                table.headers.push(key.clone());
            }
        }
    }
    for (index, object) in objects.into_iter().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let mut cells = vec![String::new(); table.headers.len()];
        for (key, value) in object {
            let text = value_text(value).map_err(|e| row_error(number, format!("{key} {e}")))?;
            if let Some(at) = table.headers.iter().position(|h| *h == key) {
                cells[at] = text;
            }
        }
        push_row(&mut table, number, cells);
    }
    Ok(table)
}

/// A JSON value as cell text; a list becomes its items separated by `;`.
fn value_text(value: Value) -> Result<String, String> {
    Ok(match value {
        Value::Null => String::new(),
        Value::String(s) => s.trim().to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .into_iter()
            .map(|item| match item {
                Value::Array(_) | Value::Object(_) => Err("must hold only texts or numbers".into()),
                other => value_text(other),
            })
            .collect::<Result<Vec<_>, String>>()?
            .join(";"),
        Value::Object(_) => return Err("must not be an object".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_bom_semicolons_and_blank_rows() {
        let body = "\u{feff}Mã;Tên\nSO-A; Sở A \n;\nSO-B;Sở B\n";
        let table = read(ImportFormat::Csv, body.as_bytes(), 10).unwrap();
        assert_eq!(table.headers, ["Mã", "Tên"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].cells, ["SO-A", "Sở A"]);
        assert_eq!(table.rows[1].number, 4);
    }

    #[test]
    fn json_objects_share_one_header_row() {
        let body = br#"[{"code":"A","headcount":3},{"name":"B","ids":["x","y"]}]"#;
        let table = read(ImportFormat::Json, body, 10).unwrap();
        assert_eq!(table.headers, ["code", "headcount", "ids", "name"]);
        assert_eq!(table.rows[1].cells, ["", "", "x;y", "B"]);
    }

    #[test]
    fn too_many_rows_and_bad_bodies_are_refused() {
        assert!(read(ImportFormat::Csv, b"a\n1\n2\n", 1).is_err());
        assert!(read(ImportFormat::Json, b"{}", 10).is_err());
        assert!(read(ImportFormat::Xlsx, b"not a zip", 10).is_err());
    }
}
