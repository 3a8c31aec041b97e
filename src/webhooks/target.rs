//! A receiver's address: a well-formed `http(s)` URL whose host does not resolve into the
//! province's own network or this host, unless the operator allows it
//! (`WEBHOOK_ALLOW_PRIVATE`). Checked when a webhook is saved and again before every attempt,
//! since a name can be pointed elsewhere later.

use std::net::ToSocketAddrs;

use url::Url;

use crate::domain::webhook::is_internal_address;
use crate::error::ApiError;

pub const URL_MAX: usize = 2000;

/// The URL's form: `http` or `https`, a host, no credentials, no fragment.
pub fn parse(raw: &str) -> Result<Url, String> {
    if raw.chars().count() > URL_MAX {
        return Err(format!("must have at most {URL_MAX} characters"));
    }
    let url = Url::parse(raw.trim()).map_err(|e| format!("is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("must be an http or https URL".into());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("must name a host".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not carry credentials; the signature authenticates deliveries".into());
    }
    if url.fragment().is_some() {
        return Err("must not have a fragment".into());
    }
    Ok(url)
}

/// Resolves the host and refuses internal addresses unless `allow_private`. Blocking (a DNS
/// look-up): call it off the async workers and outside a database transaction.
pub fn check_address(url: &Url, allow_private: bool) -> Result<(), String> {
    let host = url.host_str().unwrap_or_default();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port = url.port_or_known_default().unwrap_or(443);
    let addresses: Vec<_> = (host, port)
        .to_socket_addrs()
        .map_err(|_| "names a host that cannot be resolved".to_owned())?
        .collect();
    if addresses.is_empty() {
        return Err("names a host that cannot be resolved".into());
    }
    if !allow_private && addresses.iter().any(|a| is_internal_address(a.ip())) {
        return Err(
            "points to a private, loopback or link-local address, which receivers may not use"
                .into(),
        );
    }
    Ok(())
}

/// [`parse`] and [`check_address`] for a request body's `url`, on the blocking pool: a 422
/// naming the field.
pub async fn checked(raw: String, allow_private: bool) -> Result<String, ApiError> {
    let url = parse(&raw).map_err(|m| ApiError::field("url", m))?;
    let checked = actix_web::web::block(move || check_address(&url, allow_private).map(|_| url))
        .await
        .map_err(ApiError::internal)?;
    checked
        .map(|url| url.to_string())
        .map_err(|m| ApiError::field("url", m))
}
