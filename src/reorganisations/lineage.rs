//! `GET /api/v1/agencies/{id}/lineage`: the reorganisations an agency came from and went into.

use std::collections::HashSet;

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::access;
use super::queries::WithSources;
use crate::agencies::access::{self as agency_access, Visible};
use crate::agencies::model::AgencyRow;
use crate::agencies::names::{former_names_of, FormerName};
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::domain::ids::AgencyId;
use crate::domain::reorganisation::ReorganisationKind;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// How many reorganisations back and forth a lineage follows.
const DEPTH_MAX: usize = 20;

/// An agency of a lineage, as it is now (an ended one is inactive, under its last name).
#[derive(Debug, Serialize, ToSchema)]
pub struct LineageAgency {
    pub id: String,
    pub code: String,
    pub name: String,
    pub active: bool,
    /// The day it was established, when known.
    pub valid_from: Option<NaiveDate>,
    /// Its last day, if it ended.
    pub valid_to: Option<NaiveDate>,
}

/// One applied reorganisation: the agencies that ended and their successor.
#[derive(Debug, Serialize, ToSchema)]
pub struct LineageStep {
    pub reorganisation_id: String,
    pub kind: ReorganisationKind,
    pub decision_number: String,
    pub decision_date: NaiveDate,
    pub effective_on: NaiveDate,
    pub from: Vec<LineageAgency>,
    pub to: LineageAgency,
    /// A split's other successors, each with its share of the work.
    pub also_to: Vec<LineageAgency>,
}

/// An agency's lineage: the reorganisations that led into it (nearest first) and those it
/// went into.
#[derive(Debug, Serialize, ToSchema)]
pub struct Lineage {
    pub agency: LineageAgency,
    /// The names it bore before renames, oldest first: records made until each `valid_to`
    /// were made under that name.
    pub former_names: Vec<FormerName>,
    pub predecessors: Vec<LineageStep>,
    pub successors: Vec<LineageStep>,
}

fn member(row: AgencyRow) -> LineageAgency {
    LineageAgency {
        id: row.id.into_string(),
        code: row.code,
        name: row.name,
        active: row.active,
        valid_from: row.valid_from,
        valid_to: row.valid_to,
    }
}

fn step(
    conn: &mut AnyConnection,
    of: &Visible,
    (row, sources): WithSources,
) -> Result<LineageStep, ApiError> {
    let from = agency_access::lineage_members(conn, of, &sources)?;
    let to = agency_access::lineage_members(conn, of, std::slice::from_ref(&row.successor_id))?;
    let sharing: Vec<AgencyId> = row.shares()?.into_iter().map(|s| s.successor_id).collect();
    let also_to = agency_access::lineage_members(conn, of, &sharing)?;
    Ok(LineageStep {
        reorganisation_id: row.id.into_string(),
        kind: row.kind,
        decision_number: row.decision_number,
        decision_date: row.decision_date,
        effective_on: row.effective_on,
        from: from.into_iter().map(member).collect(),
        also_to: also_to.into_iter().map(member).collect(),
        to: to
            .into_iter()
            .map(member)
            .next()
            .ok_or(ApiError::NotFound)?,
    })
}

/// Follows applied reorganisations from `start`, backwards (into it) or forwards (out of it).
fn walk(
    conn: &mut AnyConnection,
    of: &Visible,
    start: &AgencyId,
    backwards: bool,
) -> Result<Vec<LineageStep>, ApiError> {
    let mut seen = HashSet::new();
    let mut frontier = vec![start.clone()];
    let mut steps = Vec::new();
    for _ in 0..DEPTH_MAX {
        let (into, from) = access::applied_around(conn, &frontier)?;
        let found: Vec<WithSources> = if backwards { into } else { from }
            .into_iter()
            .filter(|(row, _)| seen.insert(row.id.clone()))
            .collect();
        if found.is_empty() {
            break;
        }
        frontier = found
            .iter()
            .flat_map(|(row, sources)| {
                if backwards {
                    sources.clone()
                } else {
                    let shares = row.shares().unwrap_or_default();
                    let others = shares.into_iter().map(|s| s.successor_id);
                    std::iter::once(row.successor_id.clone())
                        .chain(others)
                        .collect()
                }
            })
            .collect();
        for reorganisation in found {
            steps.push(step(conn, of, reorganisation)?);
        }
    }
    Ok(steps)
}

fn lineage(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &AgencyId,
) -> Result<Lineage, ApiError> {
    let visible = agency_access::load(conn, caller, id)?;
    let predecessors = walk(conn, &visible, id, true)?;
    let successors = walk(conn, &visible, id, false)?;
    let former_names = former_names_of(conn, id)?;
    Ok(Lineage {
        former_names,
        agency: member(visible.into_row()),
        predecessors,
        successors,
    })
}

/// Read an agency's lineage
///
/// Anyone who sees the agency. The applied reorganisations it came from (its predecessors,
/// nearest first, back to the oldest) and those it went into (its successors), each with the
/// decision, its effective date and the agencies on both sides. Ended agencies keep their
/// records and their names.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}/lineage",
    tag = "agencies",
    params(("id" = Uuid, Path, description = "The agency's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The agency's lineage", body = Lineage),
        (status = 404, description = "No such agency in your scope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_agency_lineage(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = AgencyId::from(id.into_inner());
    let answer = state
        .pool
        .run_as(auth, move |conn, caller| lineage(conn, caller, &id))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
