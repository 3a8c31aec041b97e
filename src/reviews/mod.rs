//! Periodic reviews (báo cáo sơ kết, tổng kết): a period's dashboard frozen when the review is
//! created, with the narrative its authors write (results, shortcomings and causes, tasks for
//! the next period).

pub mod access;
pub mod annex;
pub mod create;
pub mod dto;
pub mod get;
pub mod list;
pub mod model;
mod queries;
pub mod update;
