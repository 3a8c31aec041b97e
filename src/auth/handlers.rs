//! The `/auth` and `/me` endpoints, one action per file.

pub mod change_password;
pub mod dto;
pub mod login;
pub mod logout;
pub mod me;
pub mod refresh;
