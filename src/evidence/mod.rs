//! Evidence (minh chứng): files attached to reports, stored in the blob store.

pub mod content;
pub mod delete;
pub mod dto;
pub mod get;
pub mod list;
pub mod queries;
pub mod store;
pub mod upload;
