//! HTTP plumbing shared by every resource: request ids and the request log, pagination,
//! ETags, health endpoints, and the route table helpers.

pub mod body;
pub mod etag;
pub mod health;
pub mod idempotency;
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

/// Optional free text: `""` or only whitespace means "nothing", as other systems send it.
/// Use with `#[serde(default, deserialize_with = "crate::http::optional_text")]`; required
/// text keeps refusing blanks.
pub fn optional_text<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    Option::<String>::deserialize(deserializer).map(|text| text.filter(|t| !t.trim().is_empty()))
}

/// [`optional_text`] in an update: absent leaves the value alone (`None`); `null`, `""` or
/// whitespace clears it (`Some(None)`).
pub fn optional_text_patch<'de, D>(deserializer: D) -> Result<Option<Option<String>>, D::Error>
where
    D: Deserializer<'de>,
{
    optional_text(deserializer).map(Some)
}

/// A `Location`-style path for a created resource.
pub fn location(collection: &str, id: &str) -> String {
    format!("/api/v1/{collection}/{id}")
}

/// Deserialises an optional whole number that JSON may spell `31` or `31.0` (JSON Schema's
/// `integer` admits both). Use with `#[serde(default, deserialize_with = "whole_number")]`.
pub fn whole_number<'de, D>(deserializer: D) -> Result<Option<i32>, D::Error>
where
    D: Deserializer<'de>,
{
    let Some(value) = Option::<f64>::deserialize(deserializer)? else {
        return Ok(None);
    };
    if value.fract() != 0.0 || value < f64::from(i32::MIN) || value > f64::from(i32::MAX) {
        return Err(serde::de::Error::custom(format!(
            "expected a whole number, got {value}"
        )));
    }
    Ok(Some(value as i32))
}

/// A nested object JSON must spell as an object: serde would also build a struct from an array
/// of its fields, which the schema refuses. Use with `#[serde(deserialize_with = "object")]`.
pub fn object<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    from_object(serde_json::Value::deserialize(deserializer)?)
}

/// A list of [`object`]s.
pub fn objects<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Vec::<serde_json::Value>::deserialize(deserializer)?
        .into_iter()
        .map(from_object)
        .collect()
}

/// An optional list of [`object`]s (absent or `null`: `None`).
pub fn optional_objects<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Option::<Vec<serde_json::Value>>::deserialize(deserializer)?
        .map(|list| list.into_iter().map(from_object).collect())
        .transpose()
}

fn from_object<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    value: serde_json::Value,
) -> Result<T, E> {
    if !value.is_object() {
        return Err(E::custom(format!("expected an object, got {value}")));
    }
    serde_json::from_value(value).map_err(E::custom)
}

/// An optional [`object`] (absent or `null`: `None`).
pub fn optional_object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Option::<serde_json::Value>::deserialize(deserializer)?
        .map(from_object)
        .transpose()
}
