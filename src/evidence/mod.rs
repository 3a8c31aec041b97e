//! Evidence (minh chứng): files attached to reports, assessments and a delegation's records
//! (subjects' reports, working sessions), stored in the blob store.

pub mod access;
pub mod content;
pub mod delegation;
pub mod delete;
pub mod dto;
pub mod get;
pub mod list;
pub mod owner;
pub(crate) mod queries;
pub mod store;
pub mod upload;
