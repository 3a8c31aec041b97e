//! The shared application state handed to every handler.

use std::sync::Arc;

use crate::auth::password::Passwords;
use crate::auth::tokens::JwtKeys;
use crate::config::Config;
use crate::db::DbPool;
use crate::evidence::store::BlobStore;

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub config: Arc<Config>,
    pub jwt: Arc<JwtKeys>,
    pub passwords: Passwords,
    pub blobs: Arc<dyn BlobStore>,
    /// The list exports running now (`tabular::export`), bounded per instance.
    pub exports: Arc<crate::tabular::export::Running>,
}
