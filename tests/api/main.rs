//! The one integration test binary: every test drives the real App (`common::spawn_app`) on
//! SQLite, and on PostgreSQL too when `TEST_DATABASE_URL` is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod common;

mod agencies;
mod api_clients;
mod assessment_access;
mod assessment_roles;
mod assessments;
mod auth;
mod calendar;
mod changes;
mod conclusions;
mod dashboard;
mod dashboard_activity;
mod delegation_evidence;
mod delegation_levels;
mod delegation_notices;
mod delegation_reach;
mod delegation_sessions;
mod delegation_updates;
mod delegations;
mod directives;
mod dossier;
mod evidence;
mod exports;
mod frameworks;
mod http_conventions;
mod idempotency;
mod imports;
mod member_results;
mod reminders;
mod reorganisation_assessments;
mod reorganisation_cycles;
mod reorganisation_renames;
mod reorganisation_splits;
mod reorganisation_transfers;
mod reorganisations;
mod reports;
mod reviews;
mod role_matrix;
mod scope_across_time;
mod security_review;
mod seed;
mod subject_reports;
mod supervision_plans;
mod task_workflow;
mod tasks;
mod time_limits;
mod users;
mod webhook_secrets;
mod webhooks;
