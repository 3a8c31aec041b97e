//! A delegation's conclusion for one subject, a child of the delegation's subject entry: the
//! draft's findings and recommendations written by the delegation, sent to the subject for its
//! comments, then concluded by a document in the directive register whose recommendations
//! become the subject's follow-up tasks, and for which the subject records its implementation
//! plan.

pub mod access;
pub mod conclude;
pub mod dto;
pub mod get;
pub mod implementation_plan;
pub mod model;
pub mod put;
mod queries;
pub mod workflow;
