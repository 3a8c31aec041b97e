//! `Body<T>`: a JSON request body that must be an object.
//!
//! serde would read a struct from a JSON array (`[null, null]`); this extractor refuses
//! anything but an object with a 422, and otherwise behaves as `web::Json` (content type,
//! size limit, errors as problem+json).

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

pub struct Body<T>(pub T);

impl<T> Body<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Body<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Body<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let value = json.await?.into_inner();
            if !value.is_object() {
                return Err(ApiError::field("body", "must be a JSON object").into());
            }
            serde_json::from_value(value)
                .map(Body)
                .map_err(|e| ApiError::field("body", e.to_string()).into())
        })
    }
}
