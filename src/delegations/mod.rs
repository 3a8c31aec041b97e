//! Supervision and inspection delegations (đoàn giám sát, đoàn kiểm tra): the decision forming
//! one, its members (a grant, not a role), its subjects and its lifecycle.

pub mod access;
pub mod create;
pub mod dossier;
pub mod dto;
pub mod extend;
pub mod get;
pub mod grant;
mod input;
pub mod list;
pub mod members;
pub mod model;
pub mod notice;
mod parts;
mod queries;
pub mod results;
pub mod sessions;
pub mod subject_tasks;
pub mod subjects;
pub mod update;
pub mod workflow;
