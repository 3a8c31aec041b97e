//! `GET /api/v1/delegations/{id}/subjects/{agency_id}/conclusion`: a subject's conclusion.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::{answer, ConclusionDto};
use crate::auth::Authenticated;
use crate::domain::ids::{AgencyId, DelegationId};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// Read a subject's conclusion
///
/// The delegation's overseers, members and readers from the first draft; the subject agency's
/// users once the draft was sent to it. Never another subject's. Once issued, each
/// recommendation names its follow-up task.
#[utoipa::path(
    get,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/conclusion",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    security(("bearer" = []), ("client_credentials" = ["delegations:read"])),
    responses(
        (status = 200, description = "The conclusion", body = ConclusionDto, headers(("ETag" = String, description = "The conclusion's version"))),
        (status = 404, description = "No such conclusion in your reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_conclusion(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let loaded = state
        .pool
        .read_by_key_as(auth, move |conn, caller| {
            access::load(conn, caller, &id, &agency)
        })
        .await?;
    answer(loaded)
}
