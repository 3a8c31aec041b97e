//! `PUT /api/v1/delegations/{id}/members/{user_id}/results`: a member's results of the field
//! work (báo cáo kết quả của thành viên), which each member sends to the head within the time
//! limit after the field work ends (`results_due_on`). A later send replaces the earlier one;
//! the subject agencies never see them.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::access;
use super::dto::DelegationDto;
use super::model::DelegationChanges;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::delegation::DelegationStatus;
use crate::domain::ids::{DelegationId, UserId};
use crate::domain::values::parse_text;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

const RESULTS_MAX: usize = 20_000;

/// A member's results of the field work.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendResults {
    /// What the member found in the part of the work it was given: the facts, the figures
    /// checked and its proposals for the conclusion.
    #[schema(
        min_length = 1,
        max_length = 20000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*\S[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub results: String,
}

/// Send a member's results of the field work
///
/// Only the member itself, while the delegation is in or after its field work (`field_work`,
/// `field_work_ended`). The delegation shows each member's results to its own side with
/// `results_late` against `results_due_on` (by default 5 days after the field work ends);
/// the subject agencies never see them. Send `If-Match` to refuse a stale change.
#[utoipa::path(
    put,
    path = "/api/v1/delegations/{id}/members/{user_id}/results",
    tag = "delegations",
    params(
        ("id" = Uuid, Path, description = "Delegation id"),
        ("user_id" = Uuid, Path, description = "The member's user id: the caller's own"),
        ("If-Match" = Option<String>, Header, description = "The delegation's ETag last read"),
    ),
    request_body = SendResults,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The delegation", body = DelegationDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "A member sends only its own results", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation in your reach, or the user is not a member", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delegation is not in or after its field work", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Blank or too long results", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn send_member_results(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    req: HttpRequest,
    body: Body<SendResults>,
) -> Result<HttpResponse, ApiError> {
    let (id, user) = path.into_inner();
    let (id, user) = (DelegationId::from(id), UserId::from(user));
    // The body is checked before If-Match so that bad input is a 422 whatever the header says.
    let results = parse_text(&body.into_inner().results, RESULTS_MAX)
        .map_err(|message| ApiError::field("results", message))?;
    let expected = etag::expected_version(&req)?;
    let dto = state
        .pool
        .write_as(auth, move |conn, caller| {
            let at = chrono::Utc::now().naive_utc();
            send(conn, caller, &id, &user, expected, &results, at)
        })
        .await?;
    Ok(json_with_etag(StatusCode::OK, dto.version, &dto))
}

/// Stores `caller`'s results in delegation `id`, sent at `at`, as one write of the delegation
/// (also for `seed-demo`, on a story's own day).
pub(crate) fn send(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    user: &UserId,
    expected: Option<i32>,
    results: &str,
    at: chrono::NaiveDateTime,
) -> Result<DelegationDto, ApiError> {
    let visible = access::load(conn, caller, id)?;
    let member = access::own_membership(conn, caller, &visible, user)?;
    etag::check(expected, visible.row().version)?;
    let status = visible.row().status;
    if !matches!(
        status,
        DelegationStatus::FieldWork | DelegationStatus::FieldWorkEnded
    ) {
        return Err(ApiError::Conflict(format!(
            "the delegation is {}; members send their results during and after its field work",
            status.as_str()
        )));
    }
    access::save(
        conn,
        caller,
        &visible,
        DelegationChanges::default(),
        "delegation.member.results",
        json!({"user_id": user, "chars": results.chars().count()}),
        |conn| access::send_results(conn, &visible, &member, results, at),
    )?;
    super::get::read(conn, caller, id)
}
