//! `PATCH /api/v1/supervision-plans/{id}`: its body changes a draft plan.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;
use uuid::Uuid;

use super::dto::{PlanDto, UpdatePlan};
use super::model::PlanChanges;
use super::{access, input};
use crate::auth::Authenticated;
use crate::db::json as stored;
use crate::domain::ids::PlanId;
use crate::domain::values::Name;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// Change a draft supervision plan
///
/// Those who may draft it, while it is a `draft`: the title, or the whole list of items
/// (checked as on creation). Send `If-Match` (the plan's ETag) to refuse a stale change.
#[utoipa::path(
    patch,
    path = "/api/v1/supervision-plans/{id}",
    tag = "delegations",
    params(
        ("id" = Uuid, Path, description = "Plan id"),
        ("If-Match" = Option<String>, Header, description = "The plan's ETag last read"),
    ),
    request_body = UpdatePlan,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The plan as stored", body = PlanDto, headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "Your role may not change this body's plan", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such plan in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The plan is approved", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or unknown agencies or directives", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_plan(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: Body<UpdatePlan>,
) -> Result<HttpResponse, ApiError> {
    let id = PlanId::from(id.into_inner());
    let body = body.into_inner();
    let title = body
        .title
        .map(|t| Name::parse(&t, 500).map(Name::into_inner))
        .transpose()
        .map_err(|m| ApiError::field("title", m))?;
    let items = body.items.map(input::values).transpose()?;
    // Judged after the body, so that a bad body is a 422 whatever If-Match says.
    let expected = etag::expected_version(&req)?;
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            let visible = access::for_writing(conn, caller, &id)?;
            let items = match items {
                Some(items) => {
                    let agency = input::body(conn, caller, visible.row().body_agency_id.as_str())?;
                    Some(input::references(conn, caller, &agency, items)?)
                }
                None => None,
            };
            etag::check(expected, visible.row().version)?;
            let audit = json!({"title": title, "items": items.as_ref().map(Vec::len)});
            let changes = PlanChanges {
                title,
                items: items.as_ref().map(stored::encode).transpose()?,
                ..Default::default()
            };
            access::save(
                conn,
                caller,
                &visible,
                changes,
                "supervision_plan.update",
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
