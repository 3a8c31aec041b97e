//! Tasks (nhiệm vụ) under directives, their workflow and their discussion threads.

pub mod access;
pub mod comments;
mod counts;
pub mod create;
pub mod dto;
pub mod get;
pub mod input;
pub mod list;
pub mod list_query;
pub mod model;
pub(crate) mod queries;
pub mod transition;
pub mod update;
