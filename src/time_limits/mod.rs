//! The province's time limits of supervision: the defaults of `domain::time_limit` with the
//! province's own rules over them, read by everyone, changed by admins.

pub mod access;
pub mod dto;
pub mod list;
pub mod put;
mod queries;
