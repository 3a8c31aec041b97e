//! `POST /api/v1/delegations/{id}/start-field-work`, `.../end-field-work` and `.../close`: the
//! delegation's lifecycle, each step its own POST, by the state machine in
//! `domain::delegation`; a step refused in the current state is 409 naming that state.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use super::access::{self, Visible};
use super::dto::{CloseDelegation, DelegationDto};
use super::model::{DelegationChanges, DelegationRow};
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::delegation::{next_status, DelegationAction};
use crate::domain::directive::parse_number;
use crate::domain::ids::DelegationId;
use crate::domain::task::vietnam_date;
use crate::domain::time_limit::TimeLimitCode;
use crate::domain::values::parse_text;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// Why a delegation closes, and by which decision when recommendations are still open.
struct Closing {
    reason: String,
    decision: Option<String>,
}

/// 409 while recommendations are open, unless a closing decision closes it.
fn check_closing(
    conn: &mut AnyConnection,
    visible: &Visible,
    closing: &Closing,
) -> Result<(), ApiError> {
    let open = crate::recommendations::access::open_count(conn, visible)?;
    if open > 0 && closing.decision.is_none() {
        return Err(ApiError::Conflict(format!(
            "{open} of its recommendations are neither done nor cancelled; close it by a closing decision (closing_decision)"
        )));
    }
    Ok(())
}

/// Moves the delegation by `action` (with why it closes) through its one write path; 409
/// naming the state when the step is not open to it.
fn step(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
    action: DelegationAction,
    closing: Option<&Closing>,
    at: NaiveDateTime,
) -> Result<DelegationRow, ApiError> {
    let from = visible.row().status;
    let to = next_status(from, action).ok_or_else(|| {
        ApiError::Conflict(format!(
            "the delegation is {}; this step is not open to it",
            from.as_str()
        ))
    })?;
    if let Some(closing) = closing {
        check_closing(conn, visible, closing)?;
    }
    let mut changes = DelegationChanges {
        status: Some(to),
        closed_reason: closing.map(|c| Some(c.reason.clone())),
        closing_decision: closing.map(|c| c.decision.clone()),
        ..Default::default()
    };
    if action == DelegationAction::EndFieldWork {
        // The members' results and the draft conclusions fall due from the day it ends.
        let limits = crate::time_limits::access::current(conn)?;
        let results = limits.due_in_days(TimeLimitCode::MembersResults, vietnam_date(at.and_utc()));
        let drafts = limits.due_in_days(TimeLimitCode::DraftConclusion, results);
        changes.results_due_on = Some(Some(results));
        changes.conclusions_due_on = Some(Some(drafts));
    }
    let audit = json!({
        "from": from, "to": to,
        "reason": closing.map(|c| &c.reason), "closing_decision": closing.map(|c| &c.decision),
    });
    access::save(
        conn,
        caller,
        visible,
        changes,
        action.event(),
        audit,
        |_| Ok(()),
    )
}

/// Records in the delegation, in the caller's transaction, that a subject's conclusion was
/// issued (`conclusions::conclude`, which checked the caller runs it): it follows up its
/// recommendations from then on.
pub(crate) fn record_conclusion(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
) -> Result<DelegationRow, ApiError> {
    let now = Utc::now().naive_utc();
    step(conn, caller, visible, DelegationAction::Conclude, None, now)
}

/// Takes `action` on delegation `id` (with the closing reason) and answers it, seen with the
/// standing the caller took the step with: a head's grant ends when it closes the delegation.
async fn take(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: Uuid,
    action: DelegationAction,
    closing: Option<Closing>,
) -> Result<HttpResponse, ApiError> {
    let id = DelegationId::from(id);
    let dto = state
        .pool
        .write_as(auth, move |conn, caller| {
            move_by(
                conn,
                caller,
                &id,
                action,
                closing.as_ref(),
                Utc::now().naive_utc(),
            )
        })
        .await?;
    Ok(json_with_etag(StatusCode::OK, dto.version, &dto))
}

fn move_by(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    action: DelegationAction,
    closing: Option<&Closing>,
    at: NaiveDateTime,
) -> Result<DelegationDto, ApiError> {
    let visible = access::for_lifecycle(conn, caller, id)?;
    let row = step(conn, caller, &visible, action, closing, at)?;
    let moved = visible.with_row(row);
    let details = access::details(conn, caller, &moved)?;
    Ok(DelegationDto::new(&moved, details))
}

/// Starts or ends the field work, as `caller`, on the day of `at` (for `seed-demo`, which
/// plays stories on their own days; closing takes its reason through the route).
pub(crate) fn advance(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    action: DelegationAction,
    at: NaiveDateTime,
) -> Result<DelegationDto, ApiError> {
    if action == DelegationAction::Close {
        return Err(ApiError::internal("a delegation closes with its reason"));
    }
    move_by(conn, caller, id, action, None, at)
}

/// Start the field work
///
/// Its overseers and its head, from `preparing`: the delegation begins working with its
/// subjects (`field_work`).
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/start-field-work",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The delegation in field work", body = DelegationDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "Only its overseers and head move it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not open to this step in its current state", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn start_field_work(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    take(
        state,
        auth,
        id.into_inner(),
        DelegationAction::StartFieldWork,
        None,
    )
    .await
}

/// End the field work
///
/// Its overseers and its head, from `field_work`: the delegation drafts its findings and
/// conclusions (`field_work_ended`). The members' results fall due by the `members_results`
/// time limit (5 days by default), the draft conclusions `draft_conclusion` days after that
/// (7 by default).
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/end-field-work",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The delegation after its field work", body = DelegationDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "Only its overseers and head move it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not open to this step in its current state", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn end_field_work(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    take(
        state,
        auth,
        id.into_inner(),
        DelegationAction::EndFieldWork,
        None,
    )
    .await
}

/// Close a delegation
///
/// Its overseers and its head, from any state but `closed`, with the reason: once every
/// recommendation is done or cancelled, or by a closing decision (`closing_decision`, needed
/// while some are open). Its members' access through it ends at once.
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/close",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id")),
    request_body = CloseDelegation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The closed delegation", body = DelegationDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "Only its overseers and head close it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It is closed already, or recommendations are open and no closing decision is given", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A blank reason or a bad decision number", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn close_delegation(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<CloseDelegation>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut errors = FieldErrors::default();
    let reason = errors.take("reason", parse_text(&body.reason, 2000));
    let decision = body
        .closing_decision
        .and_then(|d| errors.take("closing_decision", parse_number(&d)));
    errors.finish()?;
    let closing = Closing {
        reason: reason.unwrap_or_default(),
        decision,
    };
    take(
        state,
        auth,
        id.into_inner(),
        DelegationAction::Close,
        Some(closing),
    )
    .await
}
