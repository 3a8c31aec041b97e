//! JSON text columns: documents read and written whole (framework criteria, participants,
//! scores). Both backends store them as TEXT.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::ApiError;

pub fn encode(value: &impl Serialize) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(ApiError::internal)
}

/// A stored document that does not parse is a server fault, named by `what`.
pub fn decode<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::internal(format!("stored {what}: {e}")))
}
