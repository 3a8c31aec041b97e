//! `DELETE /api/v1/agencies/{id}`: admins remove an agency that nothing hangs off any more.

use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;
use uuid::Uuid;

use super::{access, queries};
use crate::audit;
use crate::auth::Authenticated;
use crate::domain::ids::AgencyId;
use crate::error::{ApiError, Problem};
use crate::http::etag;
use crate::state::AppState;

/// Delete an agency
///
/// Admins only, and only an agency with no child agencies and no users.
#[utoipa::path(
    delete,
    path = "/api/v1/agencies/{id}",
    tag = "agencies",
    params(
        ("id" = Uuid, Path, description = "Agency id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The agency was deleted"),
        (status = 403, description = "Only admins delete agencies", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such agency in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The agency still has child agencies or users", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_agency(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let id = AgencyId::from(id.into_inner());
    let expected = etag::expected_version(&req)?;
    state
        .pool
        .write_as(auth, move |conn, user| {
            let actor = user.actor();
            let current = access::for_admin(conn, user, &id)?.into_row();
            etag::check(expected, current.version)?;
            let (children, members) = queries::dependants(conn, &id)?;
            if children > 0 || members > 0 {
                return Err(ApiError::Conflict(format!(
                    "the agency still has {children} child agencies and {members} users; move or remove them first"
                )));
            }
            queries::delete(conn, &id)?;
            let feed = audit::FeedDetail { version: None, reach: Some(vec![current.path]) };
            let event = json!({"code": current.code});
            audit::record_with(conn, &actor, "agency.delete", "agency", id.as_str(), event, feed)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
