//! The caller of a request in two steps: `Authenticated` (the extractor) only verifies the
//! access token, without touching the database; `AuthUser` (the caller) is loaded from that
//! token on the connection of the handler's one blocking hop (`DbPool::run_as`/`write_as`),
//! so deactivation, password changes and role or agency changes take effect at once and a
//! request costs one trip to the blocking pool.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::{ready, Ready};

use crate::audit::AuditActor;
use crate::auth::Scope;
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, ApiClientId, UserId};
use crate::domain::permissions::Actor;
use crate::domain::role::Role;
use crate::error::ApiError;
use crate::http::request_id::RequestId;
use crate::routes::OpenToClients;
use crate::state::AppState;
use crate::users::access as user_access;

/// A request whose bearer token verified: signature, issuer, audience, expiry. Who the caller
/// is, and whether the account still accepts this token, is decided by [`Authenticated::caller`].
#[derive(Debug, Clone)]
pub struct Authenticated {
    user_id: UserId,
    token_version: i32,
    /// The API client of a client-credentials token.
    client: Option<ApiClientId>,
    /// The client token's scopes, space-separated.
    client_scopes: Option<String>,
    request_id: Option<String>,
}

/// The authenticated caller as the database knows it now.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: UserId,
    pub username: String,
    pub role: Role,
    pub agency_id: Option<AgencyId>,
    pub scope: Scope,
    pub request_id: Option<String>,
}

impl Authenticated {
    /// Whether the token carries `scope`: always for a person's token, whose role rules
    /// decide alone; for an API client's, when it was granted.
    pub fn holds(&self, scope: crate::domain::client_scope::ClientScope) -> bool {
        match &self.client_scopes {
            None => true,
            Some(held) => held.split(' ').any(|h| h == scope.as_str()),
        }
    }

    /// Loads the account behind the token on `conn`; a deactivated account, or a token older
    /// than the account's last password change or logout, is refused.
    pub fn caller(&self, conn: &mut AnyConnection) -> Result<AuthUser, ApiError> {
        let revoked = || ApiError::Unauthorized("the access token is no longer valid");
        let (user, agency_path) =
            user_access::system_find_account(conn, &self.user_id)?.ok_or_else(revoked)?;
        if !user.active || user.token_version != self.token_version {
            return Err(revoked());
        }
        if let Some(client) = &self.client {
            if !crate::api_clients::access::system_still_usable(conn, client)? {
                return Err(revoked());
            }
        }
        let role = user.role;
        Ok(AuthUser {
            scope: Scope::for_user(role, agency_path.as_deref()),
            id: user.id,
            username: user.username,
            role,
            agency_id: user.agency_id,
            request_id: self.request_id.clone(),
        })
    }
}

/// The account `id` as a caller, if it is still active: for work the service does later on
/// someone's behalf (a reorganisation an admin scheduled), with that account's role and scope
/// as they are now.
pub(crate) fn system_acting_as(
    conn: &mut AnyConnection,
    id: &UserId,
) -> Result<Option<AuthUser>, ApiError> {
    let Some((user, agency_path)) = user_access::system_find_account(conn, id)? else {
        return Ok(None);
    };
    if !user.active {
        return Ok(None);
    }
    Ok(Some(AuthUser {
        scope: Scope::for_user(user.role, agency_path.as_deref()),
        id: user.id,
        username: user.username,
        role: user.role,
        agency_id: user.agency_id,
        request_id: None,
    }))
}

/// Whether a verified token's account (and API client) still accepts it, for the
/// idempotency middleware, which runs before routing and must not replay an answer to a token
/// revoked since: the same rule as [`Authenticated::caller`].
pub(crate) fn system_token_still_valid(
    conn: &mut AnyConnection,
    claims: &crate::auth::tokens::Claims,
) -> Result<bool, ApiError> {
    let token = Authenticated {
        user_id: UserId::from_stored(claims.sub.clone()),
        token_version: claims.ver,
        client: claims.cid.clone().map(ApiClientId::from_stored),
        client_scopes: None,
        request_id: None,
    };
    match token.caller(conn) {
        Ok(_) => Ok(true),
        Err(ApiError::Unauthorized(_)) => Ok(false),
        Err(other) => Err(other),
    }
}

impl Actor for AuthUser {
    fn user_id(&self) -> &str {
        self.id.as_str()
    }

    fn role(&self) -> Role {
        self.role
    }

    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl AuthUser {
    /// The active account `username` as a caller, for the province's own scripted work
    /// (`seed-demo` acts as the demo accounts, through the same access modules as a request).
    pub fn system_acting_as(conn: &mut AnyConnection, username: &str) -> Result<Self, ApiError> {
        let user = crate::users::queries::find_by_username(conn, username)?
            .filter(|u| u.active)
            .ok_or(ApiError::NotFound)?;
        let (user, agency_path) =
            user_access::system_find_account(conn, &user.id)?.ok_or(ApiError::NotFound)?;
        Ok(Self {
            scope: Scope::for_user(user.role, agency_path.as_deref()),
            id: user.id,
            username: user.username,
            role: user.role,
            agency_id: user.agency_id,
            request_id: None,
        })
    }

    pub fn actor(&self) -> AuditActor {
        AuditActor {
            user_id: Some(self.id.clone()),
            request_id: self.request_id.clone(),
        }
    }
}

pub(crate) fn bearer_token(req: &HttpRequest) -> Result<&str, ApiError> {
    let missing = ApiError::Unauthorized("a bearer access token is required");
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or(ApiError::Unauthorized("a bearer access token is required"))?;
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(missing);
    }
    Ok(token.trim())
}

fn authenticate(req: &HttpRequest) -> Result<Authenticated, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal("application state missing"))?;
    let claims = state.jwt.verify(bearer_token(req)?)?;
    if claims.cid.is_some() {
        check_open_to_client(req, claims.scp.as_deref().unwrap_or_default())?;
    }
    Ok(Authenticated {
        user_id: UserId::from_stored(claims.sub),
        token_version: claims.ver,
        client_scopes: claims
            .cid
            .as_ref()
            .map(|_| claims.scp.clone().unwrap_or_default()),
        client: claims.cid.map(ApiClientId::from_stored),
        request_id: RequestId::of(req),
    })
}

/// A client's token passes only operations open to clients, with every scope they need.
fn check_open_to_client(req: &HttpRequest, held: &str) -> Result<(), ApiError> {
    let needed = req
        .app_data::<OpenToClients>()
        .and_then(|open| open.scopes_for(req.method()))
        .ok_or_else(|| {
            ApiError::InsufficientScope("this operation is not open to API clients".into())
        })?;
    match needed
        .iter()
        .find(|scope| !held.split(' ').any(|h| h == scope.as_str()))
    {
        Some(missing) => Err(ApiError::InsufficientScope(format!(
            "this operation needs the scope {missing}"
        ))),
        None => Ok(()),
    }
}

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}
