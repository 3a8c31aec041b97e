//! The defense-zone compliance tracker: builds the App that `main` serves and tests drive.

pub mod agencies;
pub mod api_clients;
pub mod assessments;
pub mod audit;
pub mod auth;
pub mod background;
pub mod bootstrap;
pub mod calendar;
pub mod campaigns;
pub mod changes;
pub mod conclusions;
pub mod config;
pub mod db;
pub mod delegations;
pub mod directives;
pub mod domain;
pub mod error;
pub mod evidence;
pub mod frameworks;
pub mod http;
pub mod openapi;
pub mod recommendations;
pub mod reminders;
pub mod reports;
pub mod routes;
pub mod seed;
pub mod state;
pub mod subject_reports;
pub mod supervision_plans;
pub mod tasks;
pub mod time_limits;
pub mod users;
pub mod webhooks;

pub use routes::build_app;
pub use state::AppState;
