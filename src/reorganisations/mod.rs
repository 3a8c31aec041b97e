//! Reorganisations (sắp xếp tổ chức bộ máy): decisions that end agencies by merging or
//! dissolving them, the successor taking over their open work and accounts, and the lineage
//! they leave.

pub mod access;
pub mod apply;
pub mod create;
pub mod dto;
pub mod get;
pub mod lineage;
pub mod model;
mod plan;
mod queries;
pub mod schedule;
mod shares;
