//! `GET /api/v1/users`: the accounts in the caller's scope, filtered and paged.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::access;
use super::dto::UserDto;
use super::queries::UserFilter;
use crate::auth::Authenticated;
use crate::domain::ids::AgencyId;
use crate::domain::role::Role;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// Filters for the user list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UserQuery {
    /// Only accounts of this agency.
    pub agency_id: Option<Uuid>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    /// Search over username and full name, ignoring case and Vietnamese diacritics.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
}

/// List accounts
///
/// The accounts the caller sees: every account for province roles, those of its subtree for
/// agency users. Filter by agency, role and active flag; search by name.
#[utoipa::path(
    get,
    path = "/api/v1/users",
    tag = "users",
    params(UserQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of accounts in your scope", body = Page<UserDto>),
        (status = 422, description = "Invalid filter or cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_users(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<UserQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let mut errors = FieldErrors::default();
    errors.max_chars("q", query.q.as_deref(), 200);
    errors.finish()?;
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let filter = UserFilter {
        agency_id: query.agency_id.map(AgencyId::from),
        role: query.role.map(|r| r.as_str().to_owned()),
        active: query.active,
        q: query.q,
    };
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, user| {
            access::list(conn, user, filter, &fetch)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.try_finish(rows, |r| r.id.as_str(), UserDto::from_row)?))
}
