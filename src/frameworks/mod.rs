//! Scoring frameworks (bộ tiêu chí): versioned templates of criteria and rating thresholds.

pub mod access;
pub mod create;
pub mod dto;
pub mod get;
pub mod input;
pub mod list;
pub mod model;
pub mod publish;
pub(crate) mod queries;
pub mod update;
