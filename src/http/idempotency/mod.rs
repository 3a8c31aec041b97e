//! Safe retries of POSTs (the IETF httpapi draft "The Idempotency-Key HTTP Header Field"): the
//! first answer to a caller's POST carrying `Idempotency-Key` is kept with the key, the caller
//! and a hash of the request for 24 hours, in the database so that it holds across instances
//! and restarts. A repeat gets that answer again with `Idempotency-Replayed: true`; the key
//! with another request is 422; a repeat while the first still runs is 409. An answer of the
//! server's own failure (5xx) is not kept, so the retry runs again.

mod store;

use actix_web::body::{to_bytes, BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpResponse};
use chrono::Utc;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};

use crate::auth::extractor::{bearer_token, system_token_still_valid};
use crate::error::ApiError;
use crate::state::AppState;
use store::{Claim, StoredAnswer};

pub const HEADER: &str = "idempotency-key";
pub const REPLAYED: &str = "idempotency-replayed";
const KEY_MAX: usize = 255;
/// Bodies beyond the largest evidence upload are refused by the handlers anyway.
const BODY_MARGIN: usize = 64 * 1024;

/// The key as sent: an sf-string (`"..."`, the draft's form) or bare, 1 to 255 visible ASCII.
fn key_of(req: &ServiceRequest) -> Option<Result<String, ApiError>> {
    let value = req.headers().get(HEADER)?;
    let bad =
        || ApiError::BadRequest("Idempotency-Key must be 1 to 255 visible ASCII characters".into());
    let text = match value.to_str() {
        Ok(text) => text.trim(),
        Err(_) => return Some(Err(bad())),
    };
    let key = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .filter(|inner| !inner.is_empty())
        .unwrap_or(text);
    let ok = (1..=KEY_MAX).contains(&key.len()) && key.bytes().all(|b| (0x20..0x7f).contains(&b));
    Some(if ok { Ok(key.to_owned()) } else { Err(bad()) })
}

async fn read_body(payload: &mut Payload, limit: usize) -> Result<web::Bytes, ApiError> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|_| ApiError::BadRequest("the request body could not be read".into()))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn request_hash(req: &ServiceRequest, body: &[u8]) -> String {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    let mut hash = Sha256::new();
    for part in [
        req.path().as_bytes(),
        req.query_string().as_bytes(),
        content_type,
        body,
    ] {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn replay(earlier: StoredAnswer) -> HttpResponse {
    let status = u16::try_from(earlier.status.unwrap_or(500))
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut answer = HttpResponse::build(status);
    answer.insert_header((REPLAYED, "true"));
    for (name, value) in [
        (header::CONTENT_TYPE, earlier.content_type),
        (header::LOCATION, earlier.location),
        (header::ETAG, earlier.etag),
    ] {
        if let Some(value) = value {
            answer.insert_header((name, value));
        }
    }
    answer.body(earlier.body.unwrap_or_default())
}

fn header_text(response: &HttpResponse<BoxBody>, name: header::HeaderName) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The middleware: only POSTs with the header and a valid bearer token are concerned (any
/// other request, or a token the handler will refuse, passes through unchanged).
pub async fn idempotency(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let key = match (req.method() == Method::POST)
        .then(|| key_of(&req))
        .flatten()
    {
        None => return Ok(next.call(req).await?.map_into_boxed_body()),
        Some(key) => key?,
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Err(ApiError::internal("application state missing").into());
    };
    let claims = match bearer_token(req.request()).and_then(|t| state.jwt.verify(t)) {
        Ok(claims) => claims,
        Err(_) => return Ok(next.call(req).await?.map_into_boxed_body()),
    };
    let caller = claims.sub.clone();
    let limit = usize::try_from(state.config.evidence_max_bytes).unwrap_or(usize::MAX);
    let body = read_body(&mut req.take_payload(), limit.saturating_add(BODY_MARGIN)).await?;
    let hash = request_hash(&req, &body);
    let now = Utc::now().naive_utc();
    let (who, k, h) = (caller.clone(), key.clone(), hash.clone());
    let claimed = state
        .pool
        .write(move |conn| {
            // A token revoked since it was issued gets no replay: the handler answers it 401.
            if !system_token_still_valid(conn, &claims)? {
                return Ok(None);
            }
            if rand::random::<u8>() == 0 {
                store::sweep(conn, now)?;
            }
            store::claim(conn, &who, &k, &h, now).map(Some)
        })
        .await;
    let still_running = || {
        ApiError::Conflict(
            "the first request with this Idempotency-Key is still being processed".into(),
        )
    };
    match claimed {
        Err(ApiError::Conflict(_)) => return Err(still_running().into()),
        Err(other) => return Err(other.into()),
        Ok(None) => {
            req.set_payload(Payload::from(body));
            return Ok(next.call(req).await?.map_into_boxed_body());
        }
        Ok(Some(Claim::Taken(earlier))) if earlier.status.is_none() => {
            return Err(still_running().into())
        }
        Ok(Some(Claim::Taken(earlier))) if earlier.request_hash != hash => {
            return Err(ApiError::field(
                "Idempotency-Key",
                "was used for another request in the last 24 hours",
            )
            .into())
        }
        Ok(Some(Claim::Taken(earlier))) => return Ok(req.into_response(replay(earlier))),
        Ok(Some(Claim::First)) => {}
    }
    req.set_payload(Payload::from(body));
    let response = next.call(req).await?.map_into_boxed_body();
    if response.status().is_server_error() {
        state
            .pool
            .write(move |conn| store::release(conn, &caller, &key))
            .await?;
        return Ok(response);
    }
    let (request, answer) = response.into_parts();
    let content_type = header_text(&answer, header::CONTENT_TYPE);
    let location = header_text(&answer, header::LOCATION);
    let etag = header_text(&answer, header::ETAG);
    let status = answer.status();
    let (head, body) = answer.into_parts();
    let bytes = to_bytes(body)
        .await
        .map_err(|_| ApiError::internal("the answer's body could not be kept"))?;
    let kept = StoredAnswer {
        caller_id: caller,
        idempotency_key: key,
        request_hash: hash,
        status: Some(i32::from(status.as_u16())),
        content_type,
        location,
        etag,
        body: Some(String::from_utf8_lossy(&bytes).into_owned()),
        created_at: now,
    };
    state
        .pool
        .write(move |conn| store::keep(conn, &kept))
        .await?;
    Ok(ServiceResponse::new(
        request,
        head.set_body(bytes).map_into_boxed_body(),
    ))
}
