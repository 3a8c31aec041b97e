//! `POST /api/v1/reports/{id}/evidence` and `/assessments/{id}/evidence`: attach a file to a
//! draft report or an assessment being scored (multipart, field `file`). The bytes stream to a
//! temporary file while being hashed; the type is recognised from the bytes; only a complete,
//! allowed upload becomes a row and a stored blob.

use std::cell::Cell;
use std::rc::Rc;

use actix_multipart::{Field, Multipart};
use actix_web::error::PayloadError;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use futures_util::StreamExt;
use uuid::Uuid;

use super::access;
use super::dto::{AssessmentEvidenceUpload, EvidenceDto, EvidenceRow, EvidenceUpload};
use super::owner::{check_changeable, Owner};
use super::store::TempUpload;
use crate::auth::Authenticated;
use crate::domain::file_type;
use crate::domain::framework::parse_item_code;
use crate::domain::ids::{AssessmentId, EvidenceId, ReportId};
use crate::domain::values::Name;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

const FILENAME_MAX: usize = 255;
const CODE_FIELD_MAX: usize = 64;
/// Room for the multipart framing and the small fields beside the file.
const BODY_OVERHEAD_BYTES: u64 = 64 * 1024;
/// Fields other than `file` a client may send (known ones included), and their size each.
const OTHER_FIELDS_MAX: usize = 8;
const OTHER_FIELD_BYTES: usize = 1024;

/// The request body, cut off with an overflow error past `limit` bytes whatever the framing
/// (a `Content-Length` past it is refused before reading). The flag tells a cut-off from a
/// malformed body.
fn bounded_body(
    req: &HttpRequest,
    payload: web::Payload,
    limit: u64,
) -> Result<(Multipart, Rc<Cell<bool>>), ApiError> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(ApiError::PayloadTooLarge);
    }
    let overflowed = Rc::new(Cell::new(false));
    let flag = overflowed.clone();
    let mut seen = 0u64;
    let stream = payload.map(move |chunk| {
        let chunk = chunk?;
        seen += chunk.len() as u64;
        if seen > limit {
            flag.set(true);
            return Err(PayloadError::Overflow);
        }
        Ok(chunk)
    });
    Ok((Multipart::new(req.headers(), stream), overflowed))
}

/// Streams the `file` field into a temporary upload, refusing it past `max` bytes.
async fn receive(state: &AppState, mut field: Field, max: u64) -> Result<TempUpload, ApiError> {
    let blobs = state.blobs.clone();
    let mut upload = web::block(move || blobs.temp()).await??;
    while let Some(chunk) = field.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::BadRequest(format!("the upload was interrupted: {e}")))?;
        if upload.size() + chunk.len() as u64 > max {
            return Err(ApiError::PayloadTooLarge);
        }
        upload = web::block(move || upload.write(&chunk).map(|()| upload)).await??;
    }
    Ok(upload)
}

/// Reads a small field whole, or fails with `too_long` past `max` bytes.
async fn small_field(
    field: &mut Field,
    max: usize,
    too_long: impl Fn() -> ApiError,
) -> Result<Vec<u8>, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::BadRequest(format!("the upload was interrupted: {e}")))?;
        if bytes.len() + chunk.len() > max {
            return Err(too_long());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// Reads a small text field whole.
async fn text_field(mut field: Field, name: &str) -> Result<String, ApiError> {
    let bytes = small_field(&mut field, CODE_FIELD_MAX, || {
        ApiError::field(name, "is too long")
    })
    .await?;
    String::from_utf8(bytes).map_err(|_| ApiError::field(name, "must be UTF-8 text"))
}

/// The `file` field and its name, and the `criterion_code` field if it came before.
async fn file_field(
    multipart: &mut Multipart,
) -> Result<(Field, String, Option<String>), ApiError> {
    let mut criterion_code = None;
    let mut others = 0;
    while let Some(field) = multipart.next().await {
        let mut field =
            field.map_err(|e| ApiError::BadRequest(format!("malformed multipart body: {e}")))?;
        if field.name() != Some("file") {
            others += 1;
            if others > OTHER_FIELDS_MAX {
                return Err(ApiError::PayloadTooLarge);
            }
        }
        if field.name() == Some("criterion_code") {
            let code = text_field(field, "criterion_code").await?;
            criterion_code =
                Some(parse_item_code(&code).map_err(|m| ApiError::field("criterion_code", m))?);
            continue;
        }
        if field.name() != Some("file") {
            // Unknown fields are read and dropped, each within a small bound.
            small_field(&mut field, OTHER_FIELD_BYTES, || ApiError::PayloadTooLarge).await?;
            continue;
        }
        // `filename*=UTF-8''...` keeps Vietnamese names intact; plain `filename` is the fallback.
        let disposition = field.content_disposition();
        let extended = disposition
            .and_then(|d| d.get_filename_ext())
            .and_then(|ext| String::from_utf8(ext.value.clone()).ok());
        let filename = extended
            .or_else(|| {
                disposition
                    .and_then(|d| d.get_filename())
                    .map(str::to_owned)
            })
            .ok_or_else(|| ApiError::field("file", "must carry a file name"))?;
        let filename = Name::parse(&filename, FILENAME_MAX)
            .map_err(|m| ApiError::field("file", format!("file name {m}")))?;
        return Ok((field, filename.into_inner(), criterion_code));
    }
    Err(ApiError::field("file", "is required"))
}

/// Receives one file for `owner` and stores it with its row, or stores nothing.
pub(super) async fn upload(
    state: web::Data<AppState>,
    auth: Authenticated,
    owner: Owner,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let check = owner.clone();
    let uploaded_by = state
        .pool
        .run_as(auth.clone(), move |conn, user| {
            check_changeable(conn, user, &check, None)?;
            Ok(user.id.clone())
        })
        .await?;
    let max = state.config.evidence_max_bytes;
    let (mut multipart, overflowed) = bounded_body(&req, payload, max + BODY_OVERHEAD_BYTES)?;
    let received = match file_field(&mut multipart).await {
        Ok((field, filename, code)) => receive(&state, field, max)
            .await
            .map(|upload| (upload, filename, code)),
        Err(error) => Err(error),
    };
    let (upload, filename, criterion_code) = match received {
        Err(_) if overflowed.get() => return Err(ApiError::PayloadTooLarge),
        other => other?,
    };
    let content_type = file_type::detect(upload.head(), &filename).ok_or_else(|| {
        ApiError::UnsupportedMediaType(
            "evidence must be a PDF, image, Office or OpenDocument file".into(),
        )
    })?;
    let row = EvidenceRow {
        id: EvidenceId::generate(),
        owner_type: owner.kind().to_owned(),
        owner_id: owner.id(),
        filename,
        content_type: content_type.to_owned(),
        size_bytes: upload.size() as i64,
        sha256: upload.sha256_hex(),
        storage_key: uuid::Uuid::now_v7().to_string(),
        uploaded_by,
        uploaded_at: Utc::now().naive_utc(),
        criterion_code,
    };
    let blobs = state.blobs.clone();
    let stored = state
        .pool
        .write_as(auth, move |conn, user| {
            access::attach(conn, user, &row)?;
            // The blob goes in last: if this fails the transaction rolls back and no row remains.
            blobs.put(&row.storage_key, upload)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            crate::http::location("evidence", stored.id.as_str()),
        ))
        .json(EvidenceDto::from(stored)))
}

/// Attach an evidence file to a draft report
///
/// Staff and managers of the lead agency, while the report is a `draft`. Multipart with one `file`
/// part; the type is recognised from the bytes (PDF, images, Office and OpenDocument), up to
/// `EVIDENCE_MAX_BYTES`.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/evidence",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Report id")),
    request_body(content = EvidenceUpload, content_type = "multipart/form-data"),
    security(("bearer" = []), ("client_credentials" = ["reports:write"])),
    responses(
        (status = 201, description = "The file is stored", body = EvidenceDto),
        (status = 400, description = "Not a multipart body, or the upload broke off", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the lead agency attaches evidence", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The report is no longer a draft", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than EVIDENCE_MAX_BYTES, the body larger than that and 64 KiB, or more than 8 other fields (1 KiB each)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The file is not a PDF, image, Office or OpenDocument file", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` field or no file name", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn upload_evidence(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    upload(
        state,
        auth,
        Owner::Report(ReportId::from(id.into_inner())),
        req,
        payload,
    )
    .await
}

/// Attach an evidence file to an assessment
///
/// Staff and managers of the assessed agency, optionally for one criterion, while the assessment
/// takes self-scores (before its deadline, not submitted or decided).
#[utoipa::path(
    post,
    path = "/api/v1/assessments/{id}/evidence",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Assessment id")),
    request_body(content = AssessmentEvidenceUpload, content_type = "multipart/form-data"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The file is stored", body = EvidenceDto),
        (status = 400, description = "Not a multipart body, or the upload broke off", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the assessed agency's staff attach evidence", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assessment in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The assessment is submitted or decided, or past its deadline", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than EVIDENCE_MAX_BYTES, the body larger than that and 64 KiB, or more than 8 other fields (1 KiB each)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The file is not a PDF, image, Office or OpenDocument file", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` field, no file name, or an unknown criterion", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn upload_assessment_evidence(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    upload(
        state,
        auth,
        Owner::Assessment(AssessmentId::from(id.into_inner())),
        req,
        payload,
    )
    .await
}
