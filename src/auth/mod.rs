//! Authentication and authorisation: passwords, tokens, the login extractor, scope, throttling
//! and the `/auth` and `/me` handlers.

pub mod extractor;
pub mod handlers;
pub mod password;
pub mod scope;
pub mod sessions;
pub mod throttle;
pub mod tokens;

pub use extractor::{AuthUser, Authenticated};
pub use scope::Scope;
