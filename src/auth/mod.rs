//! Authentication and authorisation: passwords, tokens, the login extractor, scope, throttling
//! and the `/auth` and `/me` handlers.

pub mod extractor;
pub mod handlers;
pub mod password;
pub mod sessions;
pub mod throttle;
pub mod tokens;

pub use crate::domain::scope::Scope;
pub use extractor::{AuthUser, Authenticated};
