//! Yearly campaigns (đợt đánh giá): a published framework version applied to the participating
//! agencies of one year, with its calendar.

pub mod access;
pub mod clone;
pub mod create;
pub mod dto;
pub mod get;
pub mod input;
pub mod list;
pub mod model;
pub(crate) mod queries;
pub mod update;
