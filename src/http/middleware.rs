//! The request log: one line per request with method, path, status, duration and request id.
//! Internal error causes are logged here, next to the request id, and never sent to clients.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::HttpMessage;

use super::request_id::{RequestId, HEADER};

pub async fn request_log(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let request_id =
        RequestId::from_header(req.headers().get(HEADER).and_then(|v| v.to_str().ok()));
    let id = request_id.0.clone();
    req.extensions_mut().insert(request_id);
    let method = req.method().clone();
    let path = req.path().to_owned();
    let mut response = next.call(req).await?;
    let status = response.status();
    if status.is_server_error() {
        if let Some(error) = response.response().error() {
            log::error!("request {id} failed: {error:?}");
        }
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        response
            .headers_mut()
            .insert(HeaderName::from_static(HEADER), value);
    }
    log::info!(
        "{method} {path} {} {:.1}ms request_id={id}",
        status.as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(response)
}
