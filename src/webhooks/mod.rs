//! Webhooks (đăng ký nhận sự kiện): other systems' receivers told of the changes they may see,
//! each change sent once per subscription, signed, in order, and retried for a day
//! (`worker`), with a delivery log the subscriber reads.

pub mod access;
pub mod create;
pub mod delete;
pub mod deliveries;
pub mod dto;
pub mod get;
pub mod list;
pub mod model;
mod payload;
pub mod ping;
mod queries;
pub mod secret;
pub mod target;
pub mod update;
pub mod worker;
