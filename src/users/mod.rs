//! User accounts (tài khoản): rows, DTOs, scoped queries and the `/users` handlers.

pub mod access;
pub mod create;
pub mod dto;
pub mod get;
pub mod list;
pub mod model;
pub(crate) mod queries;
pub mod update;
