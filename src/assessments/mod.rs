//! Registrations and assessments: an agency's self-scores, the review and the decision, and the
//! campaign overview.

pub mod access;
pub mod decide;
pub mod dto;
pub mod get;
pub mod model;
pub mod overview;
pub(crate) mod queries;
pub mod register;
pub(crate) mod reorganise;
pub mod scores;
pub mod workflow;
