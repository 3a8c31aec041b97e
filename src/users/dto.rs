//! Request and response bodies of the user endpoints.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::UserRow;
use crate::domain::ids::AgencyId;
use crate::domain::role::Role;
use crate::http::double_option;

/// A user account. The password hash never leaves the server.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserDto {
    pub id: String,
    /// Login name (tên đăng nhập).
    pub username: String,
    /// Full name (họ và tên).
    pub full_name: String,
    pub role: Role,
    /// The agency the user belongs to; required for agency roles.
    pub agency_id: Option<String>,
    /// An inactive user cannot log in and its tokens stop working.
    pub active: bool,
    pub password_changed_at: DateTime<Utc>,
    /// Changes on every update; send it back as `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl UserDto {
    pub fn from_row(row: UserRow) -> Result<Self, crate::error::ApiError> {
        let role = row.role;
        Ok(Self {
            id: row.id.into_string(),
            username: row.username,
            full_name: row.full_name,
            role,
            agency_id: row.agency_id.map(AgencyId::into_string),
            active: row.active,
            password_changed_at: row.password_changed_at.and_utc(),
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// A new account. An agency manager may create `agency_staff` accounts in its own subtree only.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    /// 3-64 lower-case letters, digits, `.`, `_`, `-`.
    #[schema(
        pattern = "^[a-z0-9][a-z0-9._-]{2,63}$",
        min_length = 3,
        max_length = 64
    )]
    pub username: String,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub full_name: String,
    /// At least 12 characters.
    #[schema(min_length = 12, max_length = 128)]
    pub password: String,
    pub role: Role,
    /// Required for `agency_manager` and `agency_staff`.
    pub agency_id: Option<Uuid>,
    /// Defaults to true.
    pub active: Option<bool>,
}

/// Changes to an account; absent fields stay as they are. Setting `password` resets it and
/// ends the user's sessions; `active: false` ends them too.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub full_name: Option<String>,
    pub role: Option<Role>,
    /// `null` removes the agency (only for provincial roles).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub agency_id: Option<Option<Uuid>>,
    pub active: Option<bool>,
    #[schema(min_length = 12, max_length = 128)]
    pub password: Option<String>,
}
