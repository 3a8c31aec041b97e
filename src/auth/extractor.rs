//! `AuthUser`: a handler requires login just by taking it as an argument.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;

use crate::audit::AuditActor;
use crate::auth::Scope;
use crate::domain::role::Role;
use crate::error::ApiError;
use crate::http::request_id::RequestId;
use crate::state::AppState;
use crate::users::queries as user_queries;

/// The authenticated caller, loaded fresh from the database on each request so that
/// deactivation, password changes and role changes take effect at once.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: String,
    pub username: String,
    pub role: Role,
    pub agency_id: Option<String>,
    pub scope: Scope,
    pub request_id: Option<String>,
}

impl AuthUser {
    pub fn actor(&self) -> AuditActor {
        AuditActor {
            user_id: Some(self.id.clone()),
            request_id: self.request_id.clone(),
        }
    }

    pub fn is(&self, role: Role) -> bool {
        self.role == role
    }

    /// Fails with 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or(ApiError::Unauthorized("a bearer access token is required"))?;
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::Unauthorized("a bearer access token is required"));
    }
    Ok(token.trim().to_owned())
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        let request_id = RequestId::of(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("application state missing"))?;
            let claims = state.jwt.verify(&token?)?;
            let user_id = claims.sub.clone();
            let account = state
                .pool
                .run(move |conn| user_queries::find_account(conn, &user_id))
                .await?;
            let revoked = ApiError::Unauthorized("the access token is no longer valid");
            let (user, agency_path) = account.ok_or(revoked)?;
            if !user.active || user.token_version != claims.ver {
                return Err(ApiError::Unauthorized(
                    "the access token is no longer valid",
                ));
            }
            let role = Role::parse(&user.role).ok_or_else(|| {
                ApiError::internal(format!("unknown role {:?} stored", user.role))
            })?;
            Ok(AuthUser {
                scope: Scope::for_user(role, agency_path.as_deref()),
                id: user.id,
                username: user.username,
                role,
                agency_id: user.agency_id,
                request_id,
            })
        })
    }
}
