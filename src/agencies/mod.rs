//! Agencies (cơ quan, đơn vị): the province's organisation tree and the `/agencies` handlers.

pub mod access;
pub mod create;
pub mod delete;
pub mod dto;
pub mod get;
pub mod list;
pub mod model;
pub mod names;
pub(crate) mod queries;
pub mod update;
