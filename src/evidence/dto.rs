//! Evidence rows and response bodies.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::schema::evidence;
use crate::domain::ids::{EvidenceId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = evidence)]
pub struct EvidenceRow {
    pub id: EvidenceId,
    /// `report` or `assessment`.
    pub owner_type: String,
    pub owner_id: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_by: UserId,
    pub uploaded_at: NaiveDateTime,
    /// For assessment evidence: the criterion it supports, if named.
    pub criterion_code: Option<String>,
}

/// A file attached as evidence (minh chứng).
#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceDto {
    pub id: String,
    /// What the file is attached to: `report` or `assessment`.
    pub owner_type: String,
    pub owner_id: String,
    /// For assessment evidence: the criterion it supports, if named.
    pub criterion_code: Option<String>,
    /// The file name as uploaded (Vietnamese names are kept).
    pub filename: String,
    /// Recognised from the file's bytes.
    pub content_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
}

impl From<EvidenceRow> for EvidenceDto {
    fn from(row: EvidenceRow) -> Self {
        Self {
            id: row.id.into_string(),
            owner_type: row.owner_type,
            owner_id: row.owner_id,
            criterion_code: row.criterion_code,
            filename: row.filename,
            content_type: row.content_type,
            size_bytes: row.size_bytes,
            sha256: row.sha256,
            uploaded_by: row.uploaded_by.into_string(),
            uploaded_at: row.uploaded_at.and_utc(),
        }
    }
}

/// A multipart upload with one field, `file`.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct EvidenceUpload {
    /// PDF, image (PNG, JPEG, GIF, WebP, TIFF), Office or OpenDocument file.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// A multipart upload: an optional `criterion_code` field first, then `file`.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct AssessmentEvidenceUpload {
    /// The criterion the file supports (optional); it must come before `file`.
    #[schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$")]
    pub criterion_code: Option<String>,
    /// PDF, image (PNG, JPEG, GIF, WebP, TIFF), Office or OpenDocument file.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}
