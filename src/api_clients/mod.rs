//! API clients (tài khoản tích hợp): service accounts of other provincial systems, which get
//! access tokens with the OAuth 2.0 client-credentials grant, limited to their scopes and to
//! their agency's subtree.

pub mod access;
pub mod create;
pub mod dto;
pub mod get;
pub mod list;
pub mod model;
mod queries;
pub mod secret;
pub mod token;
pub mod update;
