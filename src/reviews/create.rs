//! `POST /api/v1/reviews`: a periodic review with the dashboard's figures frozen in it.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde_json::json;

use super::access;
use super::dto::{CreateReview, ReviewDto, BASES_MAX};
use super::model::ReviewRow;
use crate::agencies::access as agency_access;
use crate::auth::{AuthUser, Authenticated};
use crate::dashboard::figures;
use crate::db::json as stored;
use crate::db::AnyConnection;
use crate::directives::access as directive_access;
use crate::domain::ids::{AgencyId, ReviewId};
use crate::domain::period::Period;
use crate::domain::review::{check_period, SECTION_MAX};
use crate::domain::values::{parse_text, Name};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;

/// Create a periodic review
///
/// Supervisors and admins, for the province or any agency; an agency manager, for its own
/// agency (the default) or one of its subtree. `kind` `half_year` reviews `2026-H1`, `year`
/// reviews `2026`, `thematic` any period. The review keeps the dashboard of that period and
/// agency as it is now (`figures`), so its document does not change when the records do;
/// the title and the narrative sections stay editable. An unknown agency or directive and one
/// outside the caller's scope are the same 422.
#[utoipa::path(
    post,
    path = "/api/v1/reviews",
    tag = "dashboard",
    request_body = CreateReview,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The review", body = ReviewDto,
            headers(("Location" = String, description = "The review's URL"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Your role may not write this review", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or unknown agencies or directives", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_review(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: Body<CreateReview>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let (period, title, sections) = parse(&body)?;
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            let agency = agency_of(conn, caller, body.agency_id.map(AgencyId::from))?;
            let directive_ids = bases(conn, caller, &body.directive_ids)?;
            let dashboard = figures::dashboard(
                conn,
                caller,
                agency.as_ref(),
                body.include_predecessors,
                period,
            )?;
            let now = Utc::now().naive_utc();
            let [results, shortcomings, next_tasks] = sections;
            let row = ReviewRow {
                id: ReviewId::generate(),
                kind: body.kind,
                period: period.to_string(),
                agency_id: agency,
                include_predecessors: body.include_predecessors,
                title,
                directive_ids: stored::encode(&directive_ids)?,
                figures: stored::encode(&dashboard)?,
                results,
                shortcomings,
                next_tasks,
                created_by: caller.id.clone(),
                version: 1,
                created_at: now,
                updated_at: now,
            };
            let audit = json!({"kind": row.kind, "period": row.period, "agency_id": row.agency_id});
            access::insert(conn, caller, &row, audit)?;
            Ok(row)
        })
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    Ok(created(
        "reviews",
        id.as_str(),
        version,
        &ReviewDto::from_row(row)?,
    ))
}

/// The sections of a new review, in order: results, shortcomings, next tasks.
type Sections = [Option<String>; 3];

fn parse(body: &CreateReview) -> Result<(Period, String, Sections), ApiError> {
    let mut errors = FieldErrors::default();
    let period = errors.take("period", Period::parse(&body.period));
    if let Some(period) = period {
        errors.take("period", check_period(body.kind, period));
    }
    let title = errors.take("title", Name::parse(&body.title, 500).map(Name::into_inner));
    if body.directive_ids.len() > BASES_MAX {
        errors.add(
            "directive_ids",
            format!("must name at most {BASES_MAX} directives"),
        );
    }
    let mut section = |field: &str, text: &Option<String>| {
        text.as_ref()
            .and_then(|t| errors.take(field, parse_text(t, SECTION_MAX)))
    };
    let sections = [
        section("results", &body.results),
        section("shortcomings", &body.shortcomings),
        section("next_tasks", &body.next_tasks),
    ];
    errors.finish()?;
    match (period, title) {
        (Some(period), Some(title)) => Ok((period, title, sections)),
        _ => Err(ApiError::internal("review parse lost a field")),
    }
}

/// The agency a new review covers, checked against the caller's scope and role.
fn agency_of(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    named: Option<AgencyId>,
) -> Result<Option<AgencyId>, ApiError> {
    let agency = named.or_else(|| {
        caller
            .role
            .is_agency_scoped()
            .then(|| caller.agency_id.clone())
            .flatten()
    });
    let Some(agency) = agency else {
        access::check_writes(caller, None)?;
        return Ok(None);
    };
    let message = "no agency with this id";
    let row = agency_access::named(conn, &caller.scope, agency.as_str(), "agency_id", message)?;
    access::check_writes(caller, Some(&row.path))?;
    Ok(Some(row.id))
}

/// The directives a review names, each one that exists (else 422).
fn bases(
    conn: &mut AnyConnection,
    _caller: &AuthUser,
    ids: &[uuid::Uuid],
) -> Result<Vec<String>, ApiError> {
    let mut bases = Vec::with_capacity(ids.len());
    for id in ids {
        let id = id.to_string();
        if !directive_access::exists(conn, &id)? {
            return Err(ApiError::field(
                "directive_ids",
                "names no directive with this id",
            ));
        }
        if !bases.contains(&id) {
            bases.push(id);
        }
    }
    Ok(bases)
}
