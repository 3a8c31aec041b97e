//! HTTP plumbing shared by every resource: request ids and the request log, pagination,
//! ETags, health endpoints, and the route table helpers.

pub mod etag;
pub mod health;
pub mod middleware;
pub mod pagination;
pub mod request_id;

use serde::{Deserialize, Deserializer};

/// Deserialises a field that may be absent (`None`), `null` (`Some(None)`) or a value.
/// Use with `#[serde(default, deserialize_with = "double_option")]`.
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A `Location`-style path for a created resource.
pub fn location(collection: &str, id: &str) -> String {
    format!("/api/v1/{collection}/{id}")
}
