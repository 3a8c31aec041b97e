//! The recommendations (kiến nghị) of issued conclusions, followed up through the tasks that
//! carry them out: who sees which, and the list supervisors follow them on.

pub mod access;
pub mod dto;
pub mod list;
mod queries;
