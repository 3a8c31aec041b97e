//! Typed values from the text cells of an imported row; every failure is an error naming the
//! row and the column, collected so that one pass reports them all.

use std::str::FromStr;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::error::FieldError;
use crate::tabular::columns::Record;

/// A row being read: its cells and the errors found so far.
pub(super) struct Cells<'r, 'a> {
    pub record: &'r Record<'a>,
    pub errors: Vec<FieldError>,
}

impl<'r, 'a> Cells<'r, 'a> {
    pub fn new(record: &'r Record<'a>) -> Self {
        Self {
            record,
            errors: Vec::new(),
        }
    }

    fn fail<T>(&mut self, column: &str, message: impl Into<String>) -> Option<T> {
        self.errors.push(self.record.error(column, message));
        None
    }

    pub fn text(&self, column: &str) -> Option<String> {
        self.record.get(column).map(str::to_owned)
    }

    /// A cell that must be filled in.
    pub fn required(&mut self, column: &str) -> Option<String> {
        match self.text(column) {
            Some(text) => Some(text),
            None => self.fail(column, "is required"),
        }
    }

    /// `YYYY-MM-DD`, or `DD/MM/YYYY` as Vietnamese documents write dates.
    pub fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let cell = self.record.get(column)?;
        NaiveDate::parse_from_str(cell, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(cell, "%d/%m/%Y"))
            .ok()
            .or_else(|| self.fail(column, "must be a date, YYYY-MM-DD or DD/MM/YYYY"))
    }

    pub fn number<T: FromStr>(&mut self, column: &str) -> Option<T> {
        let cell = self.record.get(column)?;
        match cell.replace(' ', "").parse() {
            Ok(value) => Some(value),
            Err(_) => self.fail(column, "must be a number"),
        }
    }

    /// `true`/`false`, `1`/`0`, `yes`/`no` or `có`/`không`.
    pub fn flag(&mut self, column: &str) -> Option<bool> {
        let cell = self.record.get(column)?;
        match crate::domain::search_key::fold(cell).as_str() {
            "true" | "1" | "yes" | "co" | "x" => Some(true),
            "false" | "0" | "no" | "khong" => Some(false),
            _ => self.fail(column, "must be true or false (có/không)"),
        }
    }

    /// One of an enum's values, as the API writes them (`half_yearly`).
    pub fn choice<T: DeserializeOwned>(&mut self, column: &str) -> Option<T> {
        let cell = self.record.get(column)?;
        let value = serde_json::Value::String(cell.trim().to_lowercase());
        match serde_json::from_value(value) {
            Ok(choice) => Some(choice),
            Err(error) => {
                let expected = error.to_string();
                let expected = expected
                    .split("expected ")
                    .nth(1)
                    .unwrap_or("a known value");
                self.fail(column, format!("must be {expected}"))
            }
        }
    }

    pub fn id(&mut self, column: &str) -> Option<Uuid> {
        let cell = self.record.get(column)?;
        Uuid::parse_str(cell)
            .ok()
            .or_else(|| self.fail(column, "must be an id (UUID)"))
    }

    pub fn ids(&mut self, column: &str) -> Option<Vec<Uuid>> {
        let items = self.record.list(column)?;
        let ids: Option<Vec<Uuid>> = items.iter().map(|i| Uuid::parse_str(i).ok()).collect();
        ids.or_else(|| self.fail(column, "must be ids (UUID) separated by ;"))
    }

    /// A reference given by id in `id_column` or by a code (or number) in `code_column`.
    pub fn reference(&mut self, id_column: &str, code_column: &str) -> Option<Reference> {
        match (self.record.get(id_column), self.record.get(code_column)) {
            (Some(_), Some(_)) => self.fail(
                code_column,
                format!("must be left empty when {id_column} is given"),
            ),
            (Some(_), None) => self.id(id_column).map(Reference::Id),
            (None, Some(code)) => Some(Reference::Code(code.to_owned())),
            (None, None) => None,
        }
    }

    /// The parsed value if the row had no error.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(value) if self.errors.is_empty() => Ok(value),
            _ => Err(self.errors),
        }
    }
}

/// A record named by its id or by its code (an agency) or number (a directive).
#[derive(Debug, Clone)]
pub(super) enum Reference {
    Id(Uuid),
    Code(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::task::Priority;

    #[test]
    fn cells_parse_or_name_their_column() {
        let mapping = [
            Some("due_on"),
            Some("priority"),
            Some("active"),
            Some("start_on"),
        ];
        let cells = ["31/12/2026", "URGENT", "có", "2026-13-01"].map(String::from);
        let record = Record::new(7, &mapping, &cells);
        let mut row = Cells::new(&record);
        assert_eq!(row.date("due_on"), NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(row.choice::<Priority>("priority"), Some(Priority::Urgent));
        assert_eq!(row.flag("active"), Some(true));
        assert_eq!(row.date("start_on"), None);
        assert_eq!(row.errors.len(), 1);
        assert_eq!(
            (row.errors[0].field.as_str(), row.errors[0].row),
            ("start_on", Some(7))
        );
    }
}
