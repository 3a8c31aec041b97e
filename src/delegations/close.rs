//! `POST /api/v1/delegations/{id}/close`: the delegation ends, and with it its members' grant.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde_json::json;
use uuid::Uuid;

use super::access::{self, Visible};
use super::dto::{CloseDelegation, DelegationDto};
use super::model::DelegationChanges;
use crate::auth::Authenticated;
use crate::domain::delegation::DelegationStatus;
use crate::domain::ids::DelegationId;
use crate::domain::values::parse_text;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// 409 naming the state once the delegation is closed.
pub(super) fn check_open(visible: &Visible) -> Result<(), ApiError> {
    if visible.row().status.is_active() {
        Ok(())
    } else {
        Err(ApiError::Conflict(format!(
            "the delegation is {}; a closed delegation does not change",
            visible.row().status.as_str()
        )))
    }
}

/// Close a delegation
///
/// Its overseers and its head, from any state but `closed`, with the reason (every
/// recommendation done or cancelled, or the closing decision). Its members' access through it
/// ends at once.
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/close",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id")),
    request_body = CloseDelegation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The closed delegation", body = DelegationDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "Only its overseers and head close it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It is closed already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A blank reason", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn close_delegation(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<CloseDelegation>,
) -> Result<HttpResponse, ApiError> {
    let id = DelegationId::from(id.into_inner());
    let reason =
        parse_text(&body.into_inner().reason, 2000).map_err(|m| ApiError::field("reason", m))?;
    let dto = state
        .pool
        .write_as(auth, move |conn, caller| {
            let visible = access::for_closing(conn, caller, &id)?;
            check_open(&visible)?;
            let changes = DelegationChanges {
                status: Some(DelegationStatus::Closed),
                closed_reason: Some(Some(reason.clone())),
                ..Default::default()
            };
            let audit = json!({"from": visible.row().status, "reason": reason});
            let row = access::save(
                conn,
                caller,
                &visible,
                changes,
                "delegation.close",
                audit,
                |_| Ok(()),
            )?;
            // The answer keeps the standing the caller closed it with: a head's grant ends now.
            let closed = visible.with_row(row);
            let details = access::details(conn, caller, &closed)?;
            Ok(DelegationDto::new(&closed, details))
        })
        .await?;
    Ok(json_with_etag(StatusCode::OK, dto.version, &dto))
}
