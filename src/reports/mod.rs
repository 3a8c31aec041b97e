//! Progress and result reports (báo cáo) on tasks: drafting, submission, review, revisions.

pub mod access;
pub mod create;
pub mod dto;
pub mod get;
pub mod list;
pub mod model;
pub(crate) mod queries;
pub mod update;
pub mod workflow;
