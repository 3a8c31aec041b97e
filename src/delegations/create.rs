//! `POST /api/v1/delegations`: form a delegation by its decision.

use actix_web::{web, HttpResponse};
use serde_json::json;

use super::access;
use super::dto::{CreateDelegation, DelegationDto};
use super::input;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;

/// Form a delegation
///
/// Admins and supervisors, for any leading body; an agency manager, for a body of its own
/// subtree and subjects inside it. The delegation starts `preparing`, with its legal bases,
/// members (at most one head) and subjects (each with its planned days of work inside the
/// field work, which follows the decision and lasts at most the time limit of its `level`,
/// by default 60 days central, 45 province, 20 grassroots; the period under review is at most
/// 5 years).
#[utoipa::path(
    post,
    path = "/api/v1/delegations",
    tag = "delegations",
    request_body = CreateDelegation,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The delegation", body = DelegationDto,
            headers(("Location" = String, description = "The delegation's URL"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Your role may not form a delegation of this body", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The body already formed a delegation by this decision", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, dates out of order, or unknown agencies, users or directives", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_delegation(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: Body<CreateDelegation>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let dto = state
        .pool
        .write_as(auth, move |conn, caller| form(conn, caller, body))
        .await?;
    Ok(created("delegations", &dto.id.clone(), dto.version, &dto))
}

/// Forms the delegation `body` decides, as `caller` (also for `seed-demo`).
pub(crate) fn form(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    body: CreateDelegation,
) -> Result<DelegationDto, ApiError> {
    let new = input::parse(conn, caller, body)?;
    let audit = json!({
        "kind": new.row.kind, "title": new.row.title, "leading_agency_id": new.row.leading_agency_id,
        "decision_number": new.row.decision_number, "decided_on": new.row.decided_on,
        "legal_bases": new.bases, "members": new.members.iter().map(|m| json!({"user_id": m.user_id, "role": m.role})).collect::<Vec<_>>(),
        "subjects": new.subjects.iter().map(|s| &s.agency_id).collect::<Vec<_>>(),
    });
    access::insert(conn, caller, &new, audit)?;
    super::get::read(conn, caller, &new.row.id)
}
