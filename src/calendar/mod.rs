//! The working-day calendar (lịch ngày làm việc) of each year: the public holidays, days off
//! in lieu and swapped working days that every time limit in working days is counted on.

pub mod access;
pub mod dto;
pub mod due_date;
pub mod get;
pub mod put;
mod queries;
