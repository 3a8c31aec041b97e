//! The subject's report to a delegation (báo cáo phục vụ giám sát / tự kiểm tra), a child of
//! the delegation's subject entry: answers to the outline, drafted by the subject's staff,
//! submitted by its manager, returned by the delegation for a supplementary report.

pub mod access;
pub mod dto;
pub mod get;
pub mod model;
pub mod put;
mod queries;
pub mod workflow;
