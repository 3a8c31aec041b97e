//! The one path by which a delegation's members and subjects change: the caller must run the
//! delegation, `If-Match` must match, a closed delegation does not change, and the change is
//! saved with the delegation's next version and its audit event.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::access::{self, Visible};
use super::model::DelegationChanges;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::ids::DelegationId;
use crate::error::ApiError;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// What one request changes: `check` runs on the loaded delegation before anything is
/// written, `apply` inside the save.
pub(super) struct PartChange<C, A> {
    pub event: &'static str,
    pub audit: serde_json::Value,
    pub check: C,
    pub apply: A,
}

/// Runs `change` on delegation `id` as one write and answers the delegation with its ETag.
pub(super) async fn change<C, A>(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: &HttpRequest,
    id: DelegationId,
    change: PartChange<C, A>,
) -> Result<HttpResponse, ApiError>
where
    C: FnOnce(&mut AnyConnection, &AuthUser, &Visible) -> Result<(), ApiError> + Send + 'static,
    A: FnOnce(&mut AnyConnection, &Visible) -> Result<(), ApiError> + Send + 'static,
{
    let expected = etag::expected_version(req)?;
    let dto = state
        .pool
        .write_as(auth, move |conn, caller| {
            let visible = access::for_oversight(conn, caller, &id)?;
            etag::check(expected, visible.row().version)?;
            access::check_open(&visible)?;
            (change.check)(conn, caller, &visible)?;
            let PartChange {
                event,
                audit,
                apply,
                ..
            } = change;
            access::save(
                conn,
                caller,
                &visible,
                DelegationChanges::default(),
                event,
                audit,
                |conn| apply(conn, &visible),
            )?;
            super::get::read(conn, caller, &id)
        })
        .await?;
    Ok(json_with_etag(StatusCode::OK, dto.version, &dto))
}
