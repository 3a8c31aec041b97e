//! `GET/POST /api/v1/delegations/{id}/subjects/{agency_id}/sessions`: the delegation's working
//! sessions (buổi làm việc) with a subject, in person or remote, with participants and minutes
//! (biên bản). Members and overseers record them during and after the field work; the subject
//! sees the sessions held with it.

use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::access;
use super::model::{DelegationChanges, SessionRow};
use crate::auth::{AuthUser, Authenticated};
use crate::db::{json as stored, AnyConnection};
use crate::domain::delegation::DelegationStatus;
use crate::domain::ids::{AgencyId, DelegationId, SessionId};
use crate::domain::values::{parse_text, Name};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::state::AppState;

const PARTICIPANTS_MAX: usize = 50;

/// A working session to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSession {
    /// Within the field work when it is set, never before the decision.
    pub held_on: NaiveDate,
    /// Required unless the session is remote.
    #[schema(max_length = 300, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub place: Option<String>,
    /// Held online (trực tuyến).
    #[serde(default)]
    pub remote: bool,
    /// Who took part (name and position), 1 to 50.
    #[schema(min_items = 1, max_items = 50)]
    pub participants: Vec<String>,
    /// The minutes (biên bản làm việc).
    #[schema(
        max_length = 20000,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub minutes: Option<String>,
}

/// A recorded working session.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionDto {
    pub id: String,
    pub delegation_id: String,
    pub agency_id: String,
    pub held_on: NaiveDate,
    pub place: Option<String>,
    pub remote: bool,
    pub participants: Vec<String>,
    pub minutes: Option<String>,
    pub created_by: String,
    pub created_at: chrono::DateTime<Utc>,
}

impl SessionDto {
    fn from_row(row: SessionRow) -> Result<Self, ApiError> {
        Ok(Self {
            id: row.id.into_string(),
            delegation_id: row.delegation_id.into_string(),
            agency_id: row.agency_id.into_string(),
            held_on: row.held_on,
            place: row.place,
            remote: row.remote,
            participants: stored::decode(&row.participants, "participants")?,
            minutes: row.minutes,
            created_by: row.created_by.into_string(),
            created_at: row.created_at.and_utc(),
        })
    }
}

/// A session's checked texts.
/// A session's body checked field by field.
pub(crate) struct CheckedSession {
    held_on: NaiveDate,
    remote: bool,
    place: Option<String>,
    participants: Vec<String>,
    minutes: Option<String>,
}

impl CreateSession {
    /// The checked place, participants and minutes, or 422 naming each field.
    pub(crate) fn parse(self) -> Result<CheckedSession, ApiError> {
        let mut errors = FieldErrors::default();
        let place = self
            .place
            .and_then(|p| errors.take("place", Name::parse(&p, 300).map(Name::into_inner)));
        if place.is_none() && !self.remote && errors.0.is_empty() {
            errors.add("place", "is required unless the session is remote");
        }
        if self.participants.is_empty() || self.participants.len() > PARTICIPANTS_MAX {
            errors.add(
                "participants",
                format!("must name 1 to {PARTICIPANTS_MAX} people"),
            );
        }
        let participants = self
            .participants
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                errors.take(
                    &format!("participants[{i}]"),
                    Name::parse(p, 200).map(Name::into_inner),
                )
            })
            .collect();
        let minutes = self
            .minutes
            .and_then(|m| errors.take("minutes", parse_text(&m, 20000)));
        errors.finish()?;
        Ok(CheckedSession {
            held_on: self.held_on,
            remote: self.remote,
            place,
            participants,
            minutes,
        })
    }
}

/// List a subject's working sessions
///
/// Whoever reads the delegation; a subject agency's users the sessions held with it. In date
/// order; not paged (a subject has few).
#[utoipa::path(
    get,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/sessions",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    security(("bearer" = []), ("client_credentials" = ["delegations:read"])),
    responses(
        (status = 200, description = "The sessions", body = Vec<SessionDto>),
        (status = 404, description = "No such delegation or subject in your reach", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_sessions(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let rows = state
        .pool
        .run_as(auth, move |conn, caller| {
            let visible = access::load(conn, caller, &id)?;
            let entry = access::subject_entry(conn, caller, &visible, &agency)?;
            access::sessions(conn, &visible, &entry)
        })
        .await?;
    let dtos = rows
        .into_iter()
        .map(SessionDto::from_row)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(HttpResponse::Ok().json(dtos))
}

/// Record a working session
///
/// The delegation's members and overseers, during or after its field work (`field_work`,
/// `field_work_ended`): the day (inside the field work), the place unless remote, the
/// participants and the minutes.
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/sessions",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    request_body = CreateSession,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The session", body = SessionDto),
        (status = 403, description = "Only members and overseers record sessions", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delegation or subject in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delegation is not in or after its field work, or closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A day outside the field work, no place, or no participants", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_session(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    body: Body<CreateSession>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let body = body.into_inner();
    let checked = body.parse()?;
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            record(conn, caller, &id, &agency, checked)
        })
        .await?;
    let location = format!(
        "/api/v1/delegations/{}/subjects/{}/sessions",
        row.delegation_id, row.agency_id
    );
    Ok(HttpResponse::Created()
        .insert_header((actix_web::http::header::LOCATION, location))
        .json(SessionDto::from_row(row)?))
}

/// Records a working session with the subject, as `caller` (also for `seed-demo`).
pub(crate) fn record(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    agency: &AgencyId,
    checked: CheckedSession,
) -> Result<SessionRow, ApiError> {
    let CheckedSession {
        held_on,
        remote,
        place,
        participants,
        minutes,
    } = checked;
    let visible = access::load(conn, caller, id)?;
    access::check_writes_work(&visible)?;
    let status = visible.row().status;
    if !matches!(
        status,
        DelegationStatus::FieldWork | DelegationStatus::FieldWorkEnded
    ) {
        return Err(ApiError::Conflict(format!(
            "the delegation is {}; sessions are recorded during and after its field work",
            status.as_str()
        )));
    }
    let entry = access::subject_entry(conn, caller, &visible, agency)?;
    let (from, to) = visible
        .row()
        .field_work()
        .unwrap_or((visible.row().decided_on, NaiveDate::MAX));
    if held_on < from || held_on > to {
        return Err(ApiError::field(
            "held_on",
            "must fall within the field work",
        ));
    }
    let row = SessionRow {
        id: SessionId::generate(),
        delegation_id: id.clone(),
        agency_id: entry.row.agency_id.clone(),
        held_on,
        place,
        remote,
        participants: stored::encode(&participants)?,
        minutes,
        created_by: caller.id.clone(),
        created_at: Utc::now().naive_utc(),
    };
    let audit = json!({"session_id": row.id, "agency_id": row.agency_id, "held_on": held_on, "remote": remote});
    access::save(
        conn,
        caller,
        &visible,
        DelegationChanges::default(),
        "delegation.session.create",
        audit,
        |conn| access::insert_session(conn, &row),
    )?;
    Ok(row)
}
