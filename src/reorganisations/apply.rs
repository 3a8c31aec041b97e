//! `POST /api/v1/reorganisations/{id}/preview` and `.../apply`: what applying does, and doing
//! it in one transaction.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use uuid::Uuid;

use super::dto::{AppliedReorganisation, ReorganisationDto, ReorganisationPlan};
use super::{access, plan};
use crate::auth::Authenticated;
use crate::domain::ids::ReorganisationId;
use crate::domain::task::vietnam_date;
use crate::error::{ApiError, Problem};
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Preview a reorganisation
///
/// Admins and supervisors. Every open task (as lead or coordinator) and account of the
/// agencies that end, and where it goes: exactly what applying it now would do. Writes
/// nothing.
#[utoipa::path(
    post,
    path = "/api/v1/reorganisations/{id}/preview",
    tag = "reorganisations",
    params(("id" = Uuid, Path, description = "The reorganisation's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What applying would move", body = ReorganisationPlan),
        (status = 403, description = "Only admins and supervisors preview", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reorganisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Applied already, an agency no longer active, or units left under an agency that ends", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn preview_reorganisation(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = ReorganisationId::from(id.into_inner());
    let plan = state
        .pool
        .run_as(auth, move |conn, caller| {
            let reorganisation = access::for_preview(conn, caller, &id)?;
            plan::plan(conn, caller, &reorganisation)
        })
        .await?;
    Ok(HttpResponse::Ok().json(plan))
}

/// Apply a reorganisation
///
/// Admins, from its effective date (Vietnam time). In one transaction: the open tasks of the
/// agencies that end go to the successor (as lead, or as coordinator unless it holds the task
/// already), their accounts move to it, and they become inactive, keeping their names and
/// every record made under them; completed and cancelled tasks stay with the agency that did
/// them. Each change is audited naming the decision. A second apply is 409.
#[utoipa::path(
    post,
    path = "/api/v1/reorganisations/{id}/apply",
    tag = "reorganisations",
    params(("id" = Uuid, Path, description = "The reorganisation's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The applied reorganisation and what moved", body = AppliedReorganisation,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "Only admins apply reorganisations", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reorganisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Applied already, not yet in effect, an agency no longer active, or units left under an agency that ends", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn apply_reorganisation(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = ReorganisationId::from(id.into_inner());
    let today = vietnam_date(Utc::now());
    let (row, sources, outcome) = state
        .pool
        .write_as(auth, move |conn, caller| {
            let reorganisation = access::for_apply(conn, caller, &id)?;
            if reorganisation.0.effective_on > today {
                return Err(ApiError::Conflict(format!(
                    "the reorganisation takes effect on {}; apply it from that day",
                    reorganisation.0.effective_on
                )));
            }
            let outcome = plan::plan(conn, caller, &reorganisation)?;
            plan::carry_out(conn, caller, &reorganisation, &outcome)?;
            let audit = serde_json::to_value(&outcome).map_err(ApiError::internal)?;
            let row = access::mark_applied(conn, caller, &reorganisation.0, audit)?;
            Ok((row, reorganisation.1, outcome))
        })
        .await?;
    let version = row.version;
    let answer = AppliedReorganisation {
        reorganisation: ReorganisationDto::from_row(row, sources),
        outcome,
    };
    Ok(json_with_etag(StatusCode::OK, version, &answer))
}
