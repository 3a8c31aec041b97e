//! `PUT /api/v1/assessments/{id}/self-scores` and `/review-scores`: scores for some or all
//! criteria. Criteria not listed keep their scores; nothing is stored unless every entry is valid.

use std::collections::HashSet;

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use chrono::Utc;
use futures_util::future::LocalBoxFuture;
use serde_json::json;
use uuid::Uuid;

use super::access::{self, save, to_dto, Loaded};
use super::dto::{AssessmentDto, ScoreInput, ScoresBody, ScoresRequest};
use super::model::{own_outcome, review_total, AssessmentChanges, Score, ScoreSheet};
use crate::auth::{AuthUser, Authenticated};
use crate::db::{json, AnyConnection};
use crate::domain::assessment::{transition, AssessmentAction};
use crate::domain::framework::{is_half_point, parse_item_code, Scheme};
use crate::domain::ids::AssessmentId;
use crate::domain::scoring::{check_mark, Mark};
use crate::domain::values::parse_text;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::etag::{self, json_with_etag};
use crate::state::AppState;

/// The scores of a `PUT .../self-scores` or `.../review-scores` body, in either shape: the bare
/// list the issue describes, or `{"scores": [...]}` (which `Body` alone would require).
pub struct ScoresPayload(pub Vec<ScoreInput>);

impl FromRequest for ScoresPayload {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let value = json.await?.into_inner();
            let scores = match value {
                serde_json::Value::Array(_) => serde_json::from_value::<Vec<ScoreInput>>(value),
                serde_json::Value::Object(_) => {
                    serde_json::from_value::<ScoresRequest>(value).map(|r| r.scores)
                }
                _ => {
                    return Err(ApiError::field(
                        "body",
                        "must be a list of scores or {\"scores\": [...]}",
                    )
                    .into())
                }
            };
            scores
                .map(ScoresPayload)
                .map_err(|e| ApiError::field("body", e.to_string()).into())
        })
    }
}

const NOTE_MAX: usize = 2000;

/// Checks what the schema promises before anything is loaded, so that bad input is a 422
/// whatever `If-Match` says.
fn check_shape(input: &[ScoreInput]) -> Result<(), ApiError> {
    if input.is_empty() || input.len() > 300 {
        return Err(ApiError::field("scores", "must list 1 to 300 criteria"));
    }
    let mut errors = FieldErrors::default();
    for (i, entry) in input.iter().enumerate() {
        let at = format!("scores[{i}]");
        errors.take(
            &format!("{at}.criterion_code"),
            parse_item_code(&entry.criterion_code),
        );
        if let Some(score) = entry.score {
            if !(is_half_point(score) && (0.0..=1000.0).contains(&score)) {
                errors.add(
                    &format!("{at}.score"),
                    "must be whole or half points from 0 to 1000",
                );
            }
        }
        if let Some(note) = &entry.note {
            errors.take(&format!("{at}.note"), parse_text(note, NOTE_MAX));
        }
    }
    errors.finish()
}

/// Checks every entry against the pinned framework and writes them over `sheet`.
fn merge(
    scheme: &Scheme,
    sheet: &mut ScoreSheet,
    input: &[ScoreInput],
    user: &AuthUser,
) -> Result<Vec<String>, ApiError> {
    let mut errors = FieldErrors::default();
    let mut seen = HashSet::new();
    let now = Utc::now();
    for (i, entry) in input.iter().enumerate() {
        let at = format!("scores[{i}]");
        let Some(criterion) = scheme.criterion(&entry.criterion_code) else {
            errors.add(
                &format!("{at}.criterion_code"),
                "names no criterion of this framework",
            );
            continue;
        };
        if !seen.insert(criterion.code.clone()) {
            errors.add(&format!("{at}.criterion_code"), "is listed twice");
            continue;
        }
        let note = match entry.note.as_deref() {
            Some(n) => match errors.take(&format!("{at}.note"), parse_text(n, NOTE_MAX)) {
                Some(n) => Some(n),
                None => continue,
            },
            None => None,
        };
        let mark = match (entry.score, entry.met) {
            (Some(_), Some(_)) => {
                errors.add(&at, "send either score or met, not both");
                continue;
            }
            (Some(points), None) => Mark::Points(points),
            (None, Some(met)) => Mark::Met(met),
            (None, None) => {
                sheet.remove(&criterion.code);
                continue;
            }
        };
        if let Err((field, message)) = check_mark(criterion, mark) {
            errors.add(&format!("{at}.{field}"), message);
            continue;
        }
        let (score, met) = match mark {
            Mark::Points(p) => (Some(p), None),
            Mark::Met(m) => (None, Some(m)),
        };
        let scored_by = user.id.to_string();
        let entry = Score {
            score,
            met,
            note,
            scored_by,
            scored_at: now,
        };
        sheet.insert(criterion.code.clone(), entry);
    }
    errors.finish()?;
    Ok(seen.into_iter().collect())
}

/// Which sheet a request writes.
#[derive(Clone, Copy)]
enum Sheet {
    Own,
    Review,
}

fn apply(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: &AssessmentId,
    expected: Option<i32>,
    input: &[ScoreInput],
    which: Sheet,
) -> Result<Loaded, ApiError> {
    let action = match which {
        Sheet::Own => AssessmentAction::SelfScore,
        Sheet::Review => AssessmentAction::ReviewScore,
    };
    let loaded = access::for_action(conn, user, id, action)?;
    etag::check(expected, loaded.row.version)?;
    loaded.campaign.check_open()?;
    let next = transition(loaded.row.status, action).map_err(ApiError::Conflict)?;
    if matches!(which, Sheet::Own) {
        loaded.check_scoring_open()?;
    }
    let mut sheet = match which {
        Sheet::Own => loaded.row.self_sheet()?,
        Sheet::Review => loaded.row.review_sheet()?,
    };
    let codes = merge(&loaded.scheme, &mut sheet, input, user)?;
    let mut changes = AssessmentChanges {
        status: Some(next),
        ..Default::default()
    };
    let (action_name, event) = match which {
        Sheet::Own => {
            changes.self_total = Some(own_outcome(&loaded.scheme, &sheet).total);
            changes.self_scores = Some(json::encode(&sheet)?);
            (
                "assessment.self_score",
                json!({"criteria": codes, "status": next.as_str()}),
            )
        }
        Sheet::Review => {
            let own = loaded.row.self_sheet()?;
            changes.review_total = Some(review_total(&loaded.scheme, &own, &sheet));
            changes.review_scores = Some(json::encode(&sheet)?);
            (
                "assessment.review_score",
                json!({"criteria": codes, "status": next.as_str()}),
            )
        }
    };
    save(conn, user, loaded, changes, action_name, event)
}

async fn respond(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: Uuid,
    req: HttpRequest,
    scores: Vec<ScoreInput>,
    which: Sheet,
) -> Result<HttpResponse, ApiError> {
    let id = AssessmentId::from(id);
    check_shape(&scores)?;
    let expected = etag::expected_version(&req)?;
    let loaded = state
        .pool
        .write_as(auth, move |conn, user| {
            apply(conn, user, &id, expected, &scores, which)
        })
        .await?;
    Ok(json_with_etag(
        StatusCode::OK,
        loaded.row.version,
        &to_dto(loaded)?,
    ))
}

/// Save self-scores
///
/// Staff and managers of the assessed agency, while it is `registered`, `self_assessing` or
/// `returned` and before its self-assessment deadline (a returned one until the review deadline).
/// Only the listed criteria change.
#[utoipa::path(
    put,
    path = "/api/v1/assessments/{id}/self-scores",
    tag = "assessments",
    params(
        ("id" = Uuid, Path, description = "Assessment id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412"),
    ),
    request_body = ScoresBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The scores are stored; the assessment is self-assessing", body = AssessmentDto,
            headers(("ETag" = String, description = "The assessment's new version"))),
        (status = 403, description = "Only the agency's staff and managers score it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assessment in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted or decided, past the deadline, or the campaign is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown criteria, scores out of range, score and met mixed up", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_self_scores(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: ScoresPayload,
) -> Result<HttpResponse, ApiError> {
    respond(state, auth, id.into_inner(), req, body.0, Sheet::Own).await
}

/// Save review scores
///
/// Supervisors and admins, on a `submitted` or `under_review` assessment. Only the listed criteria
/// change.
#[utoipa::path(
    put,
    path = "/api/v1/assessments/{id}/review-scores",
    tag = "assessments",
    params(
        ("id" = Uuid, Path, description = "Assessment id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412"),
    ),
    request_body = ScoresBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The review scores are stored; the assessment is under review", body = AssessmentDto,
            headers(("ETag" = String, description = "The assessment's new version"))),
        (status = 403, description = "Only supervisors review", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assessment in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted, already decided, or the campaign is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match does not match the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown criteria, scores out of range, score and met mixed up", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_review_scores(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
    body: ScoresPayload,
) -> Result<HttpResponse, ApiError> {
    respond(state, auth, id.into_inner(), req, body.0, Sheet::Review).await
}
