//! `GET /api/v1/audit-events`: the audit trail, newest first, for admins.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::AuditEvent;
use crate::auth::Authenticated;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// Filters for the audit trail.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only events on this kind of entity (e.g. `agency`, `user`).
    #[param(max_length = 64)]
    pub entity_type: Option<String>,
    /// Only events on this entity.
    #[param(max_length = 64)]
    pub entity_id: Option<String>,
    /// Only events made by this user.
    #[param(max_length = 64)]
    pub actor_id: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
}

/// List audit events
///
/// Admins only: every change with who made it, when, from which request, and what changed,
/// newest first; filter by entity and actor.
#[utoipa::path(
    get,
    path = "/api/v1/audit-events",
    tag = "audit",
    params(AuditQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of audit events, newest first", body = Page<AuditEvent>),
        (status = 403, description = "Only admins read the audit trail", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter or cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_audit_events(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let page = state
        .pool
        .run_as(auth, move |conn, user| {
            super::check_reader(user)?;
            let mut errors = FieldErrors::default();
            errors.max_chars("entity_type", query.entity_type.as_deref(), 64);
            errors.max_chars("entity_id", query.entity_id.as_deref(), 64);
            errors.max_chars("actor_id", query.actor_id.as_deref(), 64);
            errors.finish()?;
            let page = PageRequest::parse(query.limit, query.cursor)?;
            let rows = super::events(conn, query, &page)?;
            Ok(page.finish(rows, |r| &r.id, AuditEvent::from))
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}
