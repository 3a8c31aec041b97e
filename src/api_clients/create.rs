//! `POST /api/v1/api-clients`: a new API client with its own account, and its secret shown
//! once.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde_json::json;

use super::access;
use super::dto::{ApiClientDto, ClientWithSecret, CreateApiClient};
use super::model::ApiClientRow;
use crate::auth::password::unmatchable_hash;
use crate::auth::tokens::{hash_token, random_token};
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::client_scope::ScopeSet;
use crate::domain::ids::{AgencyId, ApiClientId};
use crate::domain::values::{Name, NewPassword, Username};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;
use crate::users::create::{insert_user, NewUser};

pub(super) const NAME_MAX: usize = 200;

/// A new client whose fields are known valid.
pub(super) struct NewClient {
    name: Name,
    agency_id: Option<AgencyId>,
    scopes: ScopeSet,
    expires_at: Option<DateTime<Utc>>,
}

/// An expiry must lie ahead.
pub(super) fn check_expiry(at: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    if at > Utc::now() {
        Ok(at)
    } else {
        Err("must be in the future".into())
    }
}

impl CreateApiClient {
    fn parse(self) -> Result<NewClient, ApiError> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", Name::parse(&self.name, NAME_MAX));
        let scopes = errors.take("scopes", ScopeSet::new(&self.scopes));
        let expires_at = self
            .expires_at
            .and_then(|at| errors.take("expires_at", check_expiry(at)));
        errors.finish()?;
        match (name, scopes) {
            (Some(name), Some(scopes)) => Ok(NewClient {
                name,
                agency_id: self.agency_id.map(AgencyId::from),
                scopes,
                expires_at,
            }),
            _ => Err(ApiError::internal("client parse lost an error")),
        }
    }
}

/// Create an API client
///
/// Admins, for the province or any agency; an agency manager, for an agency of its subtree.
/// The client acts through an account of its own (which cannot log in with a password): a
/// province client as a supervisor, an agency's client as that agency's manager, and only
/// through the operations its scopes open. The answer holds `client_secret`, shown this
/// once.
#[utoipa::path(
    post,
    path = "/api/v1/api-clients",
    tag = "api-clients",
    request_body = CreateApiClient,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The client and its secret", body = ClientWithSecret,
            headers(("ETag" = String, description = "The client's version"))),
        (status = 403, description = "Your role does not manage API clients", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or an agency outside your subtree", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_api_client(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: Body<CreateApiClient>,
) -> Result<HttpResponse, ApiError> {
    let new = body.into_inner().parse()?;
    let secret = random_token();
    let secret_hash = hash_token(&secret);
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            insert(conn, caller, new, secret_hash)
        })
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    let answer = ClientWithSecret {
        client: ApiClientDto::from_row(row)?,
        client_secret: secret,
    };
    Ok(created("api-clients", id.as_str(), version, &answer))
}

fn insert(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    new: NewClient,
    secret_hash: String,
) -> Result<ApiClientRow, ApiError> {
    let role = access::reach_of_new(conn, caller, new.agency_id.as_ref())?;
    let id = ApiClientId::generate();
    let username = format!("client.{}", id.as_str().replace('-', ""));
    let account = NewUser {
        username: Username::parse(&username).map_err(ApiError::internal)?,
        full_name: new.name.clone(),
        password: NewPassword::parse(&random_token()).map_err(ApiError::internal)?,
        role,
        agency_id: new.agency_id.clone(),
        active: true,
    };
    let user = insert_user(
        conn,
        &caller.scope,
        &caller.actor(),
        account,
        unmatchable_hash()?,
    )?;
    let now = Utc::now().naive_utc();
    let row = ApiClientRow {
        id,
        user_id: user.id,
        name: new.name.into_inner(),
        agency_id: new.agency_id,
        scopes: new.scopes.to_text(),
        expires_at: new.expires_at.map(|at| at.naive_utc()),
        active: true,
        secret_hash,
        previous_secret_hash: None,
        previous_secret_valid_until: None,
        last_used_at: None,
        created_by: caller.id.clone(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let audit = json!({
        "name": row.name, "agency_id": row.agency_id, "scopes": row.scopes,
        "expires_at": row.expires_at, "user_id": row.user_id,
    });
    access::insert(conn, caller, &row, audit)?;
    Ok(row)
}
