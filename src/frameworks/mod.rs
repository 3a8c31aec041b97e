//! Scoring frameworks (bộ tiêu chí): versioned templates of criteria and rating thresholds.

pub mod create;
pub mod dto;
pub mod get;
pub mod input;
pub mod list;
pub mod model;
pub mod publish;
pub mod queries;
pub mod rules;
pub mod update;
