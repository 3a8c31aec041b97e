//! The query and the answer of the import endpoints.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, IntoResponses, ToSchema};

use crate::error::{FieldError, Problem};

/// What to do when some rows are invalid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Store every row or none (the default): any invalid row makes the answer a 422 listing
    /// every error, and nothing is written.
    #[default]
    AllOrNothing,
    /// Store the valid rows and report the invalid ones.
    ValidRows,
}

/// Options of an import.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// Check every row, as a real import would, and write nothing.
    pub dry_run: Option<bool>,
    #[param(inline)]
    pub mode: Option<ImportMode>,
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Data rows read (blank rows are skipped).
    pub rows: usize,
    /// Rows stored, or that a dry run found valid.
    pub imported: usize,
    /// The new records, in the order of their rows; empty for a dry run.
    pub created: Vec<ImportedRow>,
    /// Invalid rows (only with `mode=valid_rows`; otherwise they make the answer a 422).
    pub errors: Vec<FieldError>,
}

/// A stored row and the record it became.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportedRow {
    pub row: u32,
    pub id: String,
}

/// The answers every import shares; each operation adds who may call it (403).
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum ImportResponses {
    /// The rows were stored (or, for a dry run, are valid)
    #[response(status = 200)]
    Done(#[to_schema] ImportReport),
    /// The body is larger than 10 MiB
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not CSV, XLSX or JSON
    #[response(status = 415, content_type = "application/problem+json")]
    NotATable(Problem),
    /// Unreadable file, unknown columns, or invalid rows (each error names its `row` and
    /// `field`); nothing was stored
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
}
