//! Dashboards (bảng tổng hợp): a reporting period's figures for the caller's scope, counted
//! in SQL from the records themselves, each beside the same period of the previous year.

pub mod dto;
pub(crate) mod figures;
pub mod get;
pub mod reach;
pub mod series;
