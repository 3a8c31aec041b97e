//! Request and answer bodies of API clients and of the token endpoint.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::model::ApiClientRow;
use crate::domain::client_scope::{ClientScope, ScopeSet};
use crate::error::ApiError;

/// A new API client.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiClient {
    /// The system it stands for, e.g. "Hệ thống quản lý văn bản và điều hành tỉnh".
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub name: String,
    /// The agency whose subtree it reaches; leave it out for the whole province (admins only).
    pub agency_id: Option<Uuid>,
    /// What it may do, each scope once.
    #[schema(min_items = 1, max_items = 9)]
    pub scopes: Vec<ClientScope>,
    /// When it stops getting and using tokens, if ever; in the future.
    pub expires_at: Option<DateTime<Utc>>,
}

/// Changes to an API client; absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateApiClient {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub name: Option<String>,
    #[schema(min_items = 1, max_items = 9)]
    pub scopes: Option<Vec<ClientScope>>,
    /// `false` refuses its tokens at once, those already issued included.
    pub active: Option<bool>,
    /// A new expiry, in the future; `null` for none.
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub expires_at: Option<Option<DateTime<Utc>>>,
}

/// A new secret for an API client or a webhook.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RotateSecret {
    /// How long the secret it replaces stays valid, in hours (0 to 168, by default 24), so
    /// that the system can switch without a gap.
    #[schema(minimum = 0, maximum = 168)]
    #[serde(default, deserialize_with = "crate::http::whole_number")]
    pub overlap_hours: Option<i32>,
}

/// An API client. Its secret is shown only when it is made.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiClientDto {
    /// Its OAuth `client_id`.
    pub id: String,
    pub name: String,
    pub agency_id: Option<String>,
    pub scopes: Vec<ClientScope>,
    pub expires_at: Option<DateTime<Utc>>,
    pub active: bool,
    /// When it last got a token.
    pub last_used_at: Option<DateTime<Utc>>,
    /// Until when the secret before the current one is still accepted, during a rotation.
    pub previous_secret_valid_until: Option<DateTime<Utc>>,
    /// The account its writes are recorded under.
    pub user_id: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ApiClientDto {
    pub fn from_row(row: ApiClientRow) -> Result<Self, ApiError> {
        let scopes = ScopeSet::parse(&row.scopes).map_err(ApiError::internal)?;
        Ok(Self {
            id: row.id.into_string(),
            name: row.name,
            agency_id: row.agency_id.map(|a| a.into_string()),
            scopes: scopes.scopes().to_vec(),
            expires_at: row.expires_at.map(|t| t.and_utc()),
            active: row.active,
            last_used_at: row.last_used_at.map(|t| t.and_utc()),
            previous_secret_valid_until: row.previous_secret_valid_until.map(|t| t.and_utc()),
            user_id: row.user_id.into_string(),
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// A client with its secret, shown this once: only its hash is kept.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientWithSecret {
    pub client: ApiClientDto,
    /// Its OAuth `client_secret`.
    pub client_secret: String,
}

/// Page of API clients.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApiClientQuery {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
}
