//! `PATCH /api/v1/delegations/{id}`: correct the decision forming a delegation.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Datelike;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::access::{self, Visible};
use super::dto::{DelegationDto, UpdateDelegation};
use super::input::{bases, date_pair};
use super::model::DelegationChanges;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::delegation::DelegationDates;
use crate::domain::directive::parse_number;
use crate::domain::ids::{DelegationId, DirectiveId};
use crate::domain::values::{parse_text, Name};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// Change a delegation
///
/// Its overseers, while it is not closed: title, content, decision number and date, the period
/// under review, the field work and the legal bases, checked as when it was formed. Send
/// `If-Match` to refuse a stale change.
#[utoipa::path(
    patch,
    path = "/api/v1/delegations/{id}",
    tag = "delegations",
    params(
        ("id" = Uuid, Path, description = "Delegation id"),
        ("If-Match" = Option<String>, Header, description = "The delegation's ETag last read"),
    ),
    request_body = UpdateDelegation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The delegation", body = DelegationDto, headers(("ETag" = String, description = "Its new version"))),
        (status = 403, description = "You do not run this delegation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Closed, or the body already formed a delegation by this decision", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, dates out of order, or unknown directives", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_delegation(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: Body<UpdateDelegation>,
) -> Result<HttpResponse, ApiError> {
    let id = DelegationId::from(id.into_inner());
    let patch = body.into_inner();
    let expected = etag::expected_version(&req);
    let dto = state
        .pool
        .write_as(auth, move |conn, caller| {
            let visible = access::for_oversight(conn, caller, &id)?;
            let (changes, new_bases, audit) = check(conn, &visible, patch)?;
            etag::check(expected?, visible.row().version)?;
            access::check_open(&visible)?;
            save(conn, caller, &visible, changes, new_bases, audit)?;
            super::get::read(conn, caller, &id)
        })
        .await?;
    Ok(json_with_etag(StatusCode::OK, dto.version, &dto))
}

type Checked = (DelegationChanges, Option<Vec<DirectiveId>>, Value);

/// The patch merged with the delegation and checked as on creation, or 422 naming each field.
fn check(
    conn: &mut AnyConnection,
    visible: &Visible,
    patch: UpdateDelegation,
) -> Result<Checked, ApiError> {
    let row = visible.row();
    let mut errors = FieldErrors::default();
    let mut audit = Map::new();
    let mut note = |field: &str, value: Value| {
        audit.insert(field.to_owned(), value);
    };
    let title = patch
        .title
        .and_then(|t| errors.take("title", Name::parse(&t, 500).map(Name::into_inner)));
    let content = patch
        .content
        .map(|c| c.and_then(|c| errors.take("content", parse_text(&c, 5000))));
    let number = patch
        .decision_number
        .and_then(|n| errors.take("decision_number", parse_number(&n)));
    let decided_on = patch.decided_on.unwrap_or(row.decided_on);
    if !(1945..=2100).contains(&decided_on.year()) {
        errors.add("decided_on", "must fall between 1945 and 2100");
    }
    let field_from = patch.field_work_from.unwrap_or(row.field_work_from);
    let field_to = patch.field_work_to.unwrap_or(row.field_work_to);
    let field_work = date_pair(&mut errors, "field_work_to", field_from, field_to);
    let dates = DelegationDates {
        decided_on,
        review_from: patch.review_from.unwrap_or(row.review_from),
        review_to: patch.review_to.unwrap_or(row.review_to),
        field_work,
    };
    let limits =
        crate::time_limits::access::current(conn)?.delegation(patch.level.unwrap_or(row.level));
    let limits = match row.extension_decision {
        Some(_) => limits.extended(),
        None => limits,
    };
    for (field, message) in limits.check(&dates) {
        errors.add(field, message);
    }
    if let Some((from, to)) = field_work {
        if access::planned_days(conn, visible)?
            .iter()
            .any(|(a, b)| *a < from || *b > to)
        {
            errors.add(
                "field_work_to",
                "a subject's planned days would fall outside the field work",
            );
        }
    }
    let new_bases = match &patch.legal_bases {
        Some(ids) if ids.is_empty() || ids.len() > 50 => {
            errors.add("legal_bases", "must name 1 to 50 directives");
            None
        }
        Some(ids) => Some(bases(conn, &mut errors, ids)?),
        None => None,
    };
    errors.finish()?;
    for (field, value) in [
        ("title", json!(title)),
        ("decision_number", json!(number)),
        ("decided_on", json!(patch.decided_on)),
        ("review_from", json!(patch.review_from)),
        ("review_to", json!(patch.review_to)),
        ("legal_bases", json!(new_bases)),
        ("level", json!(patch.level)),
    ] {
        if !value.is_null() {
            note(field, value);
        }
    }
    if let Some(content) = &content {
        note("content", json!(content));
    }
    if patch.field_work_from.is_some() || patch.field_work_to.is_some() {
        note("field_work", json!([field_from, field_to]));
    }
    let changes = DelegationChanges {
        title,
        content,
        decision_number: number,
        decided_on: patch.decided_on,
        review_from: patch.review_from,
        review_to: patch.review_to,
        field_work_from: patch.field_work_from,
        field_work_to: patch.field_work_to,
        level: patch.level,
        ..Default::default()
    };
    Ok((changes, new_bases, Value::Object(audit)))
}

fn save(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
    changes: DelegationChanges,
    new_bases: Option<Vec<DirectiveId>>,
    audit: Value,
) -> Result<(), ApiError> {
    access::save(
        conn,
        caller,
        visible,
        changes,
        "delegation.update",
        audit,
        |conn| match &new_bases {
            Some(bases) => access::replace_bases(conn, visible, bases),
            None => Ok(()),
        },
    )
    .map(|_| ())
}
