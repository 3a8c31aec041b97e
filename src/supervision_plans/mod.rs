//! Bodies' yearly plans of supervisions and inspections (kế hoạch kiểm tra, giám sát năm): the
//! first step of a delegation's lifecycle, drafted and approved by the body that leads them.

pub mod access;
pub mod approve;
pub mod create;
pub mod dto;
pub mod get;
mod input;
pub mod list;
pub mod model;
mod queries;
pub mod update;
