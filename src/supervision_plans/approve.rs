//! `POST /api/v1/supervision-plans/{id}/approve`: the body approves its plan of the year.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::access;
use super::dto::PlanDto;
use super::model::PlanChanges;
use crate::auth::Authenticated;
use crate::db::json as stored;
use crate::domain::ids::PlanId;
use crate::domain::supervision_plan::{PlanItem, PlanStatus};
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Approve a supervision plan
///
/// Those who may draft it, from `draft`, once it has at least one item: the plan is
/// `approved` and no longer changes.
#[utoipa::path(
    post,
    path = "/api/v1/supervision-plans/{id}/approve",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Plan id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The approved plan", body = PlanDto, headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "Your role may not approve this body's plan", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such plan in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already approved", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The plan has no item", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn approve_plan(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = PlanId::from(id.into_inner());
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            let visible = access::for_writing(conn, caller, &id)?;
            let items: Vec<PlanItem> = stored::decode(&visible.row().items, "plan items")?;
            if items.is_empty() {
                return Err(ApiError::field(
                    "items",
                    "a plan is approved with at least one item",
                ));
            }
            let changes = PlanChanges {
                status: Some(PlanStatus::Approved),
                approved_at: Some(Some(Utc::now().naive_utc())),
                approved_by: Some(Some(caller.id.clone())),
                ..Default::default()
            };
            let audit = json!({"items": items.len()});
            access::save(
                conn,
                caller,
                &visible,
                changes,
                "supervision_plan.approve",
                audit,
            )
        })
        .await?;
    let version = row.version;
    Ok(json_with_etag(
        StatusCode::OK,
        version,
        &PlanDto::from_row(row)?,
    ))
}
