//! Directives (văn bản chỉ đạo): resolutions, decrees, plans... and what they are based on.

pub mod access;
pub mod create;
pub mod dto;
pub mod get;
pub mod list;
pub mod model;
pub(crate) mod queries;
pub mod update;
