//! Tables in and out of the API: the formats a list is exported in and an import is read from
//! (CSV, XLSX, JSON), the column sets of each kind with their Vietnamese headers, and the
//! streamed export body.

pub mod columns;
pub mod export;
pub mod read;

use actix_web::http::header::{self, HeaderMap};
use serde::Deserialize;
use utoipa::ToSchema;

pub const CSV: &str = "text/csv";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const JSON: &str = "application/json";

/// An XLSX workbook (Office Open XML spreadsheet); an import reads its first sheet.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct Workbook(#[allow(dead_code)] Vec<u8>);

/// The form of a list's answer: a JSON page (default), or the whole filtered list as a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListFormat {
    Json,
    /// Every matching row as CSV (UTF-8, a header row of column names), streamed.
    Csv,
    /// Every matching row as an Excel workbook.
    Xlsx,
}

impl ListFormat {
    /// `?format=` wins; otherwise an `Accept` that asks for CSV or XLSX before JSON.
    pub fn negotiate(query: Option<ListFormat>, headers: &HeaderMap) -> ListFormat {
        if let Some(format) = query {
            return format;
        }
        let accept = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        for media in accept.split(',') {
            let media = media.split(';').next().unwrap_or_default().trim();
            match media.to_ascii_lowercase().as_str() {
                CSV => return ListFormat::Csv,
                XLSX => return ListFormat::Xlsx,
                JSON | "application/*" | "*/*" => return ListFormat::Json,
                _ => {}
            }
        }
        ListFormat::Json
    }
}

/// How an import body is written, from its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Csv,
    Xlsx,
    Json,
}

impl ImportFormat {
    pub fn from_content_type(content_type: &str) -> Option<ImportFormat> {
        let media = content_type.split(';').next().unwrap_or_default().trim();
        match media.to_ascii_lowercase().as_str() {
            CSV | "application/csv" => Some(ImportFormat::Csv),
            XLSX => Some(ImportFormat::Xlsx),
            JSON => Some(ImportFormat::Json),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::HeaderValue;

    fn accept(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn query_wins_then_first_known_accept() {
        assert_eq!(
            ListFormat::negotiate(None, &HeaderMap::new()),
            ListFormat::Json
        );
        assert_eq!(
            ListFormat::negotiate(None, &accept("text/csv")),
            ListFormat::Csv
        );
        assert_eq!(
            ListFormat::negotiate(None, &accept("application/json, text/csv")),
            ListFormat::Json
        );
        assert_eq!(
            ListFormat::negotiate(Some(ListFormat::Xlsx), &accept("text/csv")),
            ListFormat::Xlsx
        );
    }

    #[test]
    fn import_formats_by_media_type() {
        assert_eq!(
            ImportFormat::from_content_type("text/csv; charset=utf-8"),
            Some(ImportFormat::Csv)
        );
        assert_eq!(
            ImportFormat::from_content_type(XLSX),
            Some(ImportFormat::Xlsx)
        );
        assert_eq!(ImportFormat::from_content_type("text/plain"), None);
    }
}
