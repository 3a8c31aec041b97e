//! `POST /api/v1/delegations/{id}/extend-field-work`: a decision extends the field work once,
//! by at most one third of its limit (Quyết định 331-QĐ/TW 2025).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::access::{self, Visible};
use super::dto::DelegationDto;
use super::model::DelegationChanges;
use crate::auth::Authenticated;
use crate::db::AnyConnection;
use crate::domain::delegation::{DelegationDates, DelegationStatus};
use crate::domain::directive::parse_number;
use crate::domain::ids::DelegationId;
use crate::error::{ApiError, Problem};
use crate::http::body::Body;
use crate::http::etag::json_with_etag;
use crate::state::AppState;

/// The decision extending the field work and its new last day.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtendFieldWork {
    /// After the current last day; the whole field work at most one third longer than its limit
    /// (60 days for the default 45).
    pub field_work_to: NaiveDate,
    /// The number of the decision extending it, e.g. `131-QĐ/TU`.
    #[schema(
        pattern = "^[0-9]{1,5}(/[0-9]{4})?[-/][A-ZĐ][A-Z0-9Đ]*([-/.][A-Z0-9Đ]+)*$",
        max_length = 60
    )]
    pub decision_number: String,
}

/// 409 unless the field work is set, not ended and not extended yet; 422 unless the new last
/// day comes later and keeps within the extended limit.
fn check(
    conn: &mut AnyConnection,
    visible: &Visible,
    to: NaiveDate,
) -> Result<NaiveDate, ApiError> {
    let row = visible.row();
    if !matches!(
        row.status,
        DelegationStatus::Preparing | DelegationStatus::FieldWork
    ) {
        return Err(ApiError::Conflict(format!(
            "the delegation is {}; only field work not yet ended is extended",
            row.status.as_str()
        )));
    }
    if let Some(decision) = &row.extension_decision {
        return Err(ApiError::Conflict(format!(
            "the field work was extended already, by {decision}"
        )));
    }
    let (from, current) = row
        .field_work()
        .ok_or_else(|| ApiError::Conflict("the decision sets no field work to extend".into()))?;
    if to <= current {
        return Err(ApiError::field(
            "field_work_to",
            format!("must come after the current last day, {current}"),
        ));
    }
    let dates = DelegationDates {
        decided_on: row.decided_on,
        review_from: row.review_from,
        review_to: row.review_to,
        field_work: Some((from, to)),
    };
    let limits = crate::time_limits::access::current(conn)?
        .delegation(row.level)
        .extended();
    if let Some((field, message)) = limits.check(&dates).into_iter().next() {
        return Err(ApiError::field(field, format!("{message} once extended")));
    }
    Ok(current)
}

/// Extend the field work
///
/// Its overseers and its head, while it is `preparing` or in `field_work`, once: by a decision,
/// to a later last day, the whole field work at most one third longer than the field-work
/// limit of its `level`.
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/extend-field-work",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id")),
    request_body = ExtendFieldWork,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The delegation with its extended field work", body = DelegationDto,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "Only its overseers and head extend it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The field work ended, was extended already, or is not set", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad decision number, or a last day not later or beyond the extended limit", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn extend_field_work(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: Body<ExtendFieldWork>,
) -> Result<HttpResponse, ApiError> {
    let id = DelegationId::from(id.into_inner());
    let body = body.into_inner();
    let decision =
        parse_number(&body.decision_number).map_err(|m| ApiError::field("decision_number", m))?;
    let to = body.field_work_to;
    let dto = state
        .pool
        .write_as(auth, move |conn, caller| {
            let visible = access::for_lifecycle(conn, caller, &id)?;
            let from = check(conn, &visible, to)?;
            let changes = DelegationChanges {
                field_work_to: Some(Some(to)),
                extension_decision: Some(Some(decision.clone())),
                ..Default::default()
            };
            let audit = json!({"from": from, "to": to, "decision_number": decision});
            let event = "delegation.extend_field_work";
            let row = access::save(conn, caller, &visible, changes, event, audit, |_| Ok(()))?;
            let moved = visible.with_row(row);
            let details = access::details(conn, caller, &moved)?;
            Ok(DelegationDto::new(&moved, details))
        })
        .await?;
    Ok(json_with_etag(StatusCode::OK, dto.version, &dto))
}
