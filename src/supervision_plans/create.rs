//! `POST /api/v1/supervision-plans`: a body plans its supervisions of the year.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;

use super::dto::{CreatePlan, PlanDto};
use super::model::PlanRow;
use super::{access, input};
use crate::auth::Authenticated;
use crate::db::json as stored;
use crate::domain::ids::PlanId;
use crate::domain::supervision_plan::PlanStatus;
use crate::domain::values::Name;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;

/// Draft a supervision plan
///
/// Admins and supervisors, for any body; an agency manager, for a body of its own subtree with
/// subjects inside it. One plan per body and year, created as a `draft` with its items (topic,
/// kind, planned month, legal bases, subjects).
#[utoipa::path(
    post,
    path = "/api/v1/supervision-plans",
    tag = "delegations",
    request_body = CreatePlan,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The plan", body = PlanDto,
            headers(("Location" = String, description = "The plan's URL"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Your role may not plan for this body", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The body already has a plan for the year", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or unknown agencies or directives", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_plan(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: Body<CreatePlan>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    if !(2000..=2100).contains(&body.year) {
        return Err(ApiError::field("year", "must be from 2000 to 2100"));
    }
    let title = Name::parse(&body.title, 500).map_err(|m| ApiError::field("title", m))?;
    let items = input::values(body.items)?;
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            let agency = input::body(conn, caller, &body.body_agency_id.to_string())?;
            let items = input::references(conn, caller, &agency, items)?;
            access::check_new(conn, &agency.id, body.year)?;
            let now = Utc::now().naive_utc();
            let row = PlanRow {
                id: PlanId::generate(),
                year: body.year,
                body_agency_id: agency.id,
                title: title.into_inner(),
                items: stored::encode(&items)?,
                status: PlanStatus::Draft,
                approved_at: None,
                approved_by: None,
                created_by: caller.id.clone(),
                version: 1,
                created_at: now,
                updated_at: now,
            };
            let audit = json!({"year": row.year, "body_agency_id": row.body_agency_id, "items": items.len()});
            access::insert(conn, caller, &row, audit)?;
            Ok(row)
        })
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    Ok(created(
        "supervision-plans",
        id.as_str(),
        version,
        &PlanDto::from_row(row)?,
    ))
}
