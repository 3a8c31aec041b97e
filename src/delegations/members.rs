//! `PUT/DELETE /api/v1/delegations/{id}/members/{user_id}`: who the delegation's members are.
//! A member's access to what the delegation supervises starts when it is added and ends when it
//! is removed.

use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;
use uuid::Uuid;

use super::access::{self, Visible};
use super::dto::{DelegationDto, PutMember};
use super::input::member_user;
use super::parts::{self, PartChange};
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::delegation::MemberRole;
use crate::domain::ids::{DelegationId, UserId};
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::state::AppState;

/// Add a member or change its role
///
/// The delegation's overseers (admins, supervisors, the head of the leading body's subtree),
/// while it is not closed. Any active user the caller sees may be a member; a delegation has
/// one head. Send `If-Match` to refuse a stale change.
#[utoipa::path(
    put,
    path = "/api/v1/delegations/{id}/members/{user_id}",
    tag = "delegations",
    params(
        ("id" = Uuid, Path, description = "Delegation id"),
        ("user_id" = Uuid, Path, description = "The member's user id"),
        ("If-Match" = Option<String>, Header, description = "The delegation's ETag last read"),
    ),
    request_body = PutMember,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The delegation", body = DelegationDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "You do not run this delegation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delegation is closed or already has a head", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown user or role", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_delegation_member(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    req: HttpRequest,
    body: Body<PutMember>,
) -> Result<HttpResponse, ApiError> {
    let (id, user) = path.into_inner();
    let (id, user) = (DelegationId::from(id), UserId::from(user));
    let role = body.into_inner().role;
    let checked = user.clone();
    let change = PartChange {
        event: "delegation.member.put",
        audit: json!({"user_id": user, "role": role}),
        check: move |conn: &mut AnyConnection, caller: &AuthUser, visible: &Visible| {
            if !member_user(conn, caller, &checked)? {
                return Err(ApiError::field("user_id", "names no user you may add"));
            }
            let heads = access::heads(conn, visible)?;
            if role == MemberRole::Head && heads.iter().any(|h| *h != checked) {
                return Err(ApiError::Conflict(
                    "the delegation already has a head; change that member's role first".into(),
                ));
            }
            Ok(())
        },
        apply: move |conn: &mut AnyConnection, visible: &Visible| {
            access::put_member(conn, visible, &user, role)
        },
    };
    parts::change(state, auth, &req, id, change).await
}

/// Remove a member
///
/// The delegation's overseers. The user's access through the delegation ends at once.
#[utoipa::path(
    delete,
    path = "/api/v1/delegations/{id}/members/{user_id}",
    tag = "delegations",
    params(
        ("id" = Uuid, Path, description = "Delegation id"),
        ("user_id" = Uuid, Path, description = "The member's user id"),
        ("If-Match" = Option<String>, Header, description = "The delegation's ETag last read"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The delegation", body = DelegationDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "You do not run this delegation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation in your reach, or the user is not a member", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delegation is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_delegation_member(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (id, user) = path.into_inner();
    let (id, user) = (DelegationId::from(id), UserId::from(user));
    let change = PartChange {
        event: "delegation.member.remove",
        audit: json!({"user_id": user}),
        check: |_: &mut AnyConnection, _: &AuthUser, _: &Visible| Ok(()),
        apply: move |conn: &mut AnyConnection, visible: &Visible| {
            access::remove_member(conn, visible, &user)
        },
    };
    parts::change(state, auth, &req, id, change).await
}
