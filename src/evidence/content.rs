//! `GET /api/v1/evidence/{id}/content`: the file's bytes, with a download name that keeps
//! Vietnamese characters (RFC 6266 `filename*`).

use actix_web::http::header::{
    self, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use crate::auth::Authenticated;
use crate::domain::ids::EvidenceId;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

fn disposition(filename: &str) -> ContentDisposition {
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii.replace('"', "_")),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: header::Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: filename.as_bytes().to_vec(),
            }),
        ],
    }
}

/// Download an evidence file
///
/// Anyone who sees what it is attached to. Served with its recognised type, `nosniff` and a
/// sandboxing `Content-Security-Policy`.
#[utoipa::path(
    get,
    path = "/api/v1/evidence/{id}/content",
    tag = "evidence",
    params(("id" = Uuid, Path, description = "Evidence id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file's bytes with their content type", content_type = "application/octet-stream", body = Vec<u8>,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''..."))),
        (status = 404, description = "No such evidence in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_evidence_content(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = EvidenceId::from(id.into_inner());
    let row = state
        .pool
        .run_as(auth, move |conn, user| Ok(access::load(conn, user, &id)?.0))
        .await?;
    serve(&state, row).await
}

/// The stored bytes of `row` as a download, sandboxed.
pub(super) async fn serve(
    state: &web::Data<AppState>,
    row: super::dto::EvidenceRow,
) -> Result<HttpResponse, ApiError> {
    let blobs = state.blobs.clone();
    let key = row.storage_key.clone();
    let bytes = web::block(move || blobs.get(&key)).await??;
    Ok(HttpResponse::Ok()
        .content_type(row.content_type.as_str())
        .insert_header(disposition(&row.filename))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        // An uploaded file is never a page of this origin: no scripts, no plugins, no frames.
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox; frame-ancestors 'none'",
        ))
        .body(bytes))
}
