//! `PUT .../subjects/{agency_id}/conclusion/implementation-plan`: the subject's manager records
//! the plan (kế hoạch thực hiện kết luận) by which its agency carries out an issued conclusion;
//! the plan is due by the `implementation_plan` time limit (15 days by default) and flagged
//! late after it.

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde_json::json;
use uuid::Uuid;

use super::access::{self, Loaded};
use super::dto::{answer, ConclusionDto, PutImplementationPlan};
use super::model::ConclusionChanges;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::conclusion::ConclusionStatus;
use crate::domain::ids::{AgencyId, DelegationId};
use crate::domain::permissions::delegations as rules;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::state::AppState;

/// The plan as the request gives it, checked on its own.
pub(crate) struct Plan {
    number: String,
    issued_on: NaiveDate,
}

pub(crate) fn parse(body: PutImplementationPlan) -> Result<Plan, ApiError> {
    let mut errors = Vec::new();
    let number = super::conclude::check_document(&body.number, body.issued_on, &mut errors);
    match number {
        Some(number) if errors.is_empty() => Ok(Plan {
            number,
            issued_on: body.issued_on,
        }),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// Record the subject's implementation plan
///
/// The subject agency's manager, once the conclusion is issued and while the delegation is
/// open: the plan's number and date (not before the conclusion's); a later call replaces it.
/// `implementation_plan_late` tells whether it came after `implementation_plan_due_on`.
#[utoipa::path(
    put,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/conclusion/implementation-plan",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    request_body = PutImplementationPlan,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The conclusion with the plan", body = ConclusionDto, headers(("ETag" = String, description = "The conclusion's new version"))),
        (status = 403, description = "Only the subject's manager records it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such conclusion in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The conclusion is not issued, or the delegation closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad number, or a date in the future or before the conclusion", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_implementation_plan(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    body: Body<PutImplementationPlan>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let plan = parse(body.into_inner())?;
    let loaded = state
        .pool
        .write_as(auth, move |conn, caller| {
            record(conn, caller, &id, &agency, plan)
        })
        .await?;
    answer(loaded)
}

/// Stores the checked plan on the issued conclusion, as `caller`.
pub(crate) fn record(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    agency: &AgencyId,
    plan: Plan,
) -> Result<Loaded, ApiError> {
    let from = [ConclusionStatus::Concluded];
    let allowed = |r: &access::Reached| rules::records_implementation_plan(caller, &r.entry.path);
    let (reached, current) = access::for_step(conn, caller, id, agency, allowed, &from)?;
    if current
        .issued_on
        .is_some_and(|issued| plan.issued_on < issued)
    {
        let message = "must not be before the conclusion was issued";
        return Err(ApiError::field("issued_on", message));
    }
    let changes = ConclusionChanges {
        implementation_plan_number: Some(Some(plan.number.clone())),
        implementation_plan_on: Some(Some(plan.issued_on)),
        implementation_plan_by: Some(Some(caller.id.clone())),
        ..Default::default()
    };
    let audit = json!({"number": plan.number, "issued_on": plan.issued_on});
    let event = "delegation_conclusion.implementation_plan";
    let row = access::save(conn, caller, &current, changes, event, audit)?;
    let issued = access::issued_of(conn, &row)?;
    Ok(reached.answer(row, issued))
}
