//! `POST /api/v1/users`: admins create any account; agency managers create staff accounts in
//! their own subtree.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;

use super::dto::{CreateUser, UserDto};
use super::model::UserRow;
use super::{access, queries};
use crate::audit::{self, AuditActor};
use crate::auth::{Authenticated, Scope};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::role::Role;
use crate::domain::search_key::search_key;
use crate::domain::values::{Name, NewPassword, Username};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;

pub const FULL_NAME_MAX: usize = 200;

/// A create request whose fields are known valid.
#[derive(Debug)]
pub struct NewUser {
    pub username: Username,
    pub full_name: Name,
    pub password: NewPassword,
    pub role: Role,
    pub agency_id: Option<AgencyId>,
    pub active: bool,
}

impl CreateUser {
    pub fn parse(self) -> Result<NewUser, ApiError> {
        let mut errors = FieldErrors::default();
        let username = errors.take("username", Username::parse(&self.username));
        let full_name = errors.take("full_name", Name::parse(&self.full_name, FULL_NAME_MAX));
        let password = errors.take("password", NewPassword::parse(&self.password));
        errors.finish()?;
        match (username, full_name, password) {
            (Some(username), Some(full_name), Some(password)) => Ok(NewUser {
                username,
                full_name,
                password,
                role: self.role,
                agency_id: self.agency_id.map(AgencyId::from),
                active: self.active.unwrap_or(true),
            }),
            _ => Err(ApiError::internal("user parse lost an error")),
        }
    }
}

/// Create an account
///
/// Admins create any account; an agency manager creates `agency_staff` accounts inside its subtree.
/// Agency roles need an agency.
#[utoipa::path(
    post,
    path = "/api/v1/users",
    tag = "users",
    request_body = CreateUser,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The account was created", body = UserDto,
            headers(("ETag" = String, description = "The account's version"))),
        (status = 403, description = "Your role may not create this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The username is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or an agency outside your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: Body<CreateUser>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    // The caller's rights are checked before the costly hash, and again with the write.
    let new = state
        .pool
        .run_as(auth.clone(), move |_, user| {
            access::check_manages_accounts(user)?;
            let new = body.parse()?;
            access::check_grant(user, new.role)?;
            Ok(new)
        })
        .await?;
    let hash = state
        .passwords
        .hash(new.password.expose().to_owned())
        .await?;
    let row = state
        .pool
        .write_as(auth, move |conn, user| {
            access::check_grant(user, new.role)?;
            insert_user(conn, &user.scope, &user.actor(), new, hash)
        })
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    Ok(created(
        "users",
        id.as_str(),
        version,
        &UserDto::from_row(row)?,
    ))
}

/// Inserts an account whose agency lies in `scope`, with its audit event; used by the CLI too.
pub fn insert_user(
    conn: &mut AnyConnection,
    scope: &Scope,
    actor: &AuditActor,
    new: NewUser,
    password_hash: String,
) -> Result<UserRow, ApiError> {
    access::check_agency(
        conn,
        scope,
        new.role,
        new.agency_id.as_ref().map(AgencyId::as_str),
    )?;
    let username = new.username.into_inner();
    if queries::find_by_username(conn, &username)?.is_some() {
        return Err(ApiError::Conflict(format!(
            "the username {username} is taken"
        )));
    }
    let now = Utc::now().naive_utc();
    let full_name = new.full_name.into_inner();
    let row = UserRow {
        id: UserId::generate(),
        search_key: search_key([username.as_str(), full_name.as_str()]),
        username,
        full_name,
        password_hash,
        role: new.role,
        agency_id: new.agency_id,
        active: new.active,
        token_version: 0,
        password_changed_at: now,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    queries::insert(conn, &row)?;
    let changes = json!({
        "username": row.username, "full_name": row.full_name, "role": row.role,
        "agency_id": row.agency_id, "active": row.active,
    });
    audit::record(conn, actor, "user.create", "user", row.id.as_str(), changes)?;
    access::reload_written(conn, &row.id)
}
