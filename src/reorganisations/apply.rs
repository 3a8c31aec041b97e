//! `POST /api/v1/reorganisations/{id}/preview` and `.../apply`: what applying does, and doing
//! it in one transaction.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use uuid::Uuid;

use chrono::NaiveDate;

use super::dto::{AppliedReorganisation, ReorganisationDto, ReorganisationPlan};
use super::model::ReorganisationRow;
use super::{access, plan, schedule};
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, ReorganisationId};
use crate::domain::reorganisation::ReorganisationStatus;
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

/// What an apply did: applied now, or scheduled for its effective date.
enum Applied {
    Now(ReorganisationRow, Box<ReorganisationPlan>),
    Scheduled(ReorganisationRow),
}

fn apply_or_schedule(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &ReorganisationId,
    today: NaiveDate,
) -> Result<(Applied, Vec<AgencyId>), ApiError> {
    let reorganisation = access::for_apply(conn, caller, id)?;
    let row = &reorganisation.0;
    if row.effective_on <= today {
        let (row, outcome) = schedule::apply_now(conn, caller, &reorganisation)?;
        return Ok((Applied::Now(row, Box::new(outcome)), reorganisation.1));
    }
    if row.status == ReorganisationStatus::Scheduled {
        return Err(ApiError::Conflict(format!(
            "the reorganisation is scheduled already; it applies itself on {}",
            row.effective_on
        )));
    }
    let plan = plan::plan(conn, caller, &reorganisation)?;
    let audit = serde_json::json!({"effective_on": row.effective_on, "tasks": plan.tasks.len(), "users": plan.users.len()});
    let row = access::mark(conn, caller, row, ReorganisationStatus::Scheduled, audit)?;
    Ok((Applied::Scheduled(row), reorganisation.1))
}

/// Apply a reorganisation
///
/// Admins. From its effective date (Vietnam time) it is applied at once, in one transaction:
/// the open tasks of the agencies that end go to the successor (as lead, or as coordinator
/// unless it holds the task already), their accounts move to it, and they become inactive,
/// keeping their names and every record made under them; completed and cancelled tasks stay
/// with the agency that did them. Each change is audited naming the decision. Before its
/// effective date it is checked and `scheduled` (202): the service applies it on that day, as
/// the admin who scheduled it. A second apply is 409.
#[utoipa::path(
    post,
    path = "/api/v1/reorganisations/{id}/apply",
    tag = "reorganisations",
    params(("id" = Uuid, Path, description = "The reorganisation's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The applied reorganisation and what moved", body = AppliedReorganisation,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 202, description = "Scheduled for its effective date", body = ReorganisationDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "Only admins apply reorganisations", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reorganisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Applied or scheduled already, an agency no longer active, or units left under an agency that ends", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn apply_reorganisation(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = ReorganisationId::from(id.into_inner());
    let today = vietnam_date(Utc::now());
    let (applied, sources) = state
        .pool
        .write_as(auth, move |conn, caller| {
            apply_or_schedule(conn, caller, &id, today)
        })
        .await?;
    Ok(match applied {
        Applied::Now(row, outcome) => {
            let version = row.version;
            let answer = AppliedReorganisation {
                reorganisation: ReorganisationDto::from_row(row, sources),
                outcome: *outcome,
            };
            json_with_etag(StatusCode::OK, version, &answer)
        }
        Applied::Scheduled(row) => {
            let version = row.version;
            json_with_etag(
                StatusCode::ACCEPTED,
                version,
                &ReorganisationDto::from_row(row, sources),
            )
        }
    })
}
