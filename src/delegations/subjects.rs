//! `PUT/DELETE /api/v1/delegations/{id}/subjects/{agency_id}`: the agencies a delegation works
//! with and their planned days of work.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::access::{self, Visible};
use super::dto::{DelegationDto, PutSubject};
use super::input::{date_pair, subject_agency};
use super::model::SubjectRow;
use super::parts::{self, PartChange};
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::delegation::check_planned;
use crate::domain::ids::{AgencyId, DelegationId};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::state::AppState;

/// Add a subject or change its planned days
///
/// The delegation's overseers, while it is not closed: an agency the caller sees, not the
/// leading body, with its planned days of work (both or neither) inside the field work.
#[utoipa::path(
    put,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}",
    tag = "delegations",
    params(
        ("id" = Uuid, Path, description = "Delegation id"),
        ("agency_id" = Uuid, Path, description = "The subject agency's id"),
        ("If-Match" = Option<String>, Header, description = "The delegation's ETag last read"),
    ),
    request_body = PutSubject,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The delegation", body = DelegationDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "You do not run this delegation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delegation is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown agency, or planned days out of order or outside the field work", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_delegation_subject(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    req: HttpRequest,
    body: Body<PutSubject>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let body = body.into_inner();
    let row = SubjectRow {
        delegation_id: id.clone(),
        agency_id: agency.clone(),
        planned_from: body.planned_from,
        planned_to: body.planned_to,
        added_at: Utc::now().naive_utc(),
    };
    let audit = json!({"agency_id": agency, "planned_from": row.planned_from, "planned_to": row.planned_to});
    let change = PartChange {
        event: "delegation.subject.put",
        audit,
        check: move |conn: &mut AnyConnection, caller: &AuthUser, visible: &Visible| {
            subject_agency(
                conn,
                caller,
                "agency_id",
                &agency,
                &visible.row().leading_agency_id,
            )?;
            let mut errors = FieldErrors::default();
            let planned = date_pair(
                &mut errors,
                "planned_to",
                body.planned_from,
                body.planned_to,
            );
            errors.finish()?;
            match planned {
                Some(planned) => check_planned(planned, visible.row().field_work())
                    .map_err(|m| ApiError::field("planned_to", m)),
                None => Ok(()),
            }
        },
        apply: move |conn: &mut AnyConnection, _: &Visible| access::put_subject(conn, &row),
    };
    parts::change(state, auth, &req, id, change).await
}

/// Remove a subject
///
/// The delegation's overseers, while it is not closed.
#[utoipa::path(
    delete,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}",
    tag = "delegations",
    params(
        ("id" = Uuid, Path, description = "Delegation id"),
        ("agency_id" = Uuid, Path, description = "The subject agency's id"),
        ("If-Match" = Option<String>, Header, description = "The delegation's ETag last read"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The delegation", body = DelegationDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "You do not run this delegation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation in your reach, or the agency is not a subject", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delegation is closed, or this is its last subject", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_delegation_subject(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let change = PartChange {
        event: "delegation.subject.remove",
        audit: json!({"agency_id": agency}),
        check: |_: &mut AnyConnection, _: &AuthUser, _: &Visible| Ok(()),
        apply: move |conn: &mut AnyConnection, visible: &Visible| {
            access::remove_subject(conn, visible, &agency)
        },
    };
    parts::change(state, auth, &req, id, change).await
}
