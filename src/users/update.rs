//! `PATCH /api/v1/users/{id}`: change, move, deactivate an account or reset its password.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::access;
use super::create::FULL_NAME_MAX;
use super::dto::{UpdateUser, UserDto};
use super::model::{UserChanges, UserRow};
use crate::auth::{sessions, AuthUser, Authenticated};
use crate::db::{versioned, AnyConnection};
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::role::Role;
use crate::domain::search_key::search_key;
use crate::domain::values::{Name, NewPassword};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// An update request whose fields are known valid.
pub struct UserPatch {
    pub full_name: Option<Name>,
    pub role: Option<Role>,
    pub agency_id: Option<Option<AgencyId>>,
    pub active: Option<bool>,
    pub password: Option<NewPassword>,
}

impl UpdateUser {
    pub fn parse(self) -> Result<UserPatch, ApiError> {
        let mut errors = FieldErrors::default();
        let patch = UserPatch {
            full_name: self
                .full_name
                .and_then(|n| errors.take("full_name", Name::parse(&n, FULL_NAME_MAX))),
            role: self.role,
            agency_id: self.agency_id.map(|a| a.map(AgencyId::from)),
            active: self.active,
            password: self
                .password
                .and_then(|p| errors.take("password", NewPassword::parse(&p))),
        };
        errors.finish()?;
        Ok(patch)
    }
}

/// Change an account
///
/// Admins change any account; an agency manager changes `agency_staff` accounts of its subtree.
/// Nobody deactivates themselves or changes their own role. Deactivating an account or resetting
/// its password revokes its tokens.
#[utoipa::path(
    patch,
    path = "/api/v1/users/{id}",
    tag = "users",
    params(
        ("id" = Uuid, Path, description = "User id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412"),
    ),
    request_body = UpdateUser,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The updated account", body = UserDto,
            headers(("ETag" = String, description = "The account's new version"))),
        (status = 403, description = "Your role may not change this account or give this role", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "You cannot deactivate yourself or change your own role", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or an agency outside your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: Body<UpdateUser>,
) -> Result<HttpResponse, ApiError> {
    let id = UserId::from(id.into_inner());
    let patch = body.into_inner().parse()?;
    let expected = etag::expected_version(&req)?;
    let hash = match &patch.password {
        Some(password) => Some(state.passwords.hash(password.expose().to_owned()).await?),
        None => None,
    };
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            let current = access::for_management(conn, user, &id, patch.role)?;
            etag::check(expected, current.version)?;
            apply_patch(conn, user, current, patch, hash)
        })
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        row.version,
        &UserDto::from_row(row)?,
    ))
}

fn check_permissions(
    caller: &AuthUser,
    current: &UserRow,
    current_role: Role,
    patch: &UserPatch,
) -> Result<(), ApiError> {
    let demoted = patch.role.is_some_and(|r| r != current_role);
    if current.id == caller.id && (patch.active == Some(false) || demoted) {
        return Err(ApiError::Conflict(
            "you cannot deactivate yourself or change your own role".into(),
        ));
    }
    Ok(())
}

fn apply_patch(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    current: UserRow,
    patch: UserPatch,
    password_hash: Option<String>,
) -> Result<UserRow, ApiError> {
    let current_role = current.role;
    check_permissions(caller, &current, current_role, &patch)?;
    let role = patch.role.unwrap_or(current_role);
    let agency_id = patch.agency_id.clone().unwrap_or(current.agency_id.clone());
    access::require_agency(role, agency_id.as_ref().map(AgencyId::as_str))?;
    if let Some(Some(new_agency)) = &patch.agency_id {
        access::check_agency(conn, &caller.scope, role, Some(new_agency.as_str()))?;
    }
    let now = Utc::now().naive_utc();
    let mut audit_changes = Map::new();
    let mut changes = UserChanges::default();
    if let Some(full_name) = patch.full_name.map(Name::into_inner) {
        changes.search_key = Some(search_key([current.username.as_str(), full_name.as_str()]));
        audit_changes.insert("full_name".into(), json!(full_name));
        changes.full_name = Some(full_name);
    }
    if let Some(role) = patch.role {
        audit_changes.insert("role".into(), json!(role.as_str()));
        changes.role = Some(role);
    }
    if let Some(agency) = patch.agency_id {
        audit_changes.insert("agency_id".into(), json!(agency));
        changes.agency_id = Some(agency);
    }
    if let Some(active) = patch.active {
        audit_changes.insert("active".into(), json!(active));
        changes.active = Some(active);
    }
    let password_changed = password_hash.is_some();
    if let Some(hash) = password_hash {
        audit_changes.insert("password".into(), json!("changed"));
        changes.password_hash = Some(hash);
        changes.password_changed_at = Some(now);
    }
    let ends_sessions = password_changed || patch.active == Some(false);
    versioned::save(
        conn,
        &caller.actor(),
        &current,
        changes,
        "user.update",
        Value::Object(audit_changes),
        |conn| match ends_sessions {
            true => sessions::end_all(conn, &current.id),
            false => Ok(()),
        },
    )
}
