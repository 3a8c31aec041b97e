//! `POST /api/v1/reorganisations`: prepare a reorganisation decision as a draft.

use actix_web::{web, HttpResponse};
use chrono::Utc;

use super::dto::{CreateReorganisation, ReorganisationDto};
use super::model::ReorganisationRow;
use super::{access, shares};
use crate::agencies::access as agency_access;
use crate::auth::{AuthUser, Authenticated};
use crate::db::AnyConnection;
use crate::directives::access as directive_access;
use crate::domain::directive::parse_number;
use crate::domain::ids::{AgencyId, DirectiveId, ReorganisationId};
use crate::domain::reorganisation::{shape_errors, Function, ReorganisationStatus};
use crate::domain::values::{parse_calendar_date, Name};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::body::Body;
use crate::http::etag::created;
use crate::state::AppState;

/// A draft whose fields are valid (its agencies not yet looked up).
struct NewReorganisation {
    body: CreateReorganisation,
    decision_number: String,
    /// A rename's new name and short name, checked.
    names: (Option<String>, Option<String>),
}

fn parse(body: CreateReorganisation) -> Result<NewReorganisation, ApiError> {
    let mut errors = FieldErrors::default();
    let decision_number = errors.take("decision_number", parse_number(&body.decision_number));
    errors.take("decision_date", parse_calendar_date(body.decision_date));
    errors.take("effective_on", parse_calendar_date(body.effective_on));
    let sources: Vec<String> = body.agency_ids.iter().map(|a| a.to_string()).collect();
    let successor = body.successor_id.map(|s| s.to_string());
    let new_name = body.new_name.as_deref().map(|n| Name::parse(n, 200));
    let new_name = new_name.and_then(|n| errors.take("new_name", n));
    let short = body.new_short_name.as_deref().map(|n| Name::parse(n, 50));
    let short = short.and_then(|n| errors.take("new_short_name", n));
    let directive = body.directive_id.map(|d| d.to_string());
    let share_shape = shares::shape(&body);
    let tasks: Option<Vec<String>> = body
        .task_ids
        .as_ref()
        .map(|ids| ids.iter().map(|t| t.to_string()).collect());
    let function = Function {
        directive_id: directive.as_deref(),
        task_ids: tasks.as_deref(),
        accounts_given: body.accounts.is_some(),
        new_name_given: body.new_name.is_some() || body.new_short_name.is_some(),
        shares: share_shape.as_deref(),
    };
    let dates = (body.decision_date, body.effective_on);
    let successor = successor.as_deref();
    for (field, message) in shape_errors(body.kind, &sources, successor, dates, function) {
        errors.add(field, message);
    }
    errors.finish()?;
    Ok(NewReorganisation {
        decision_number: decision_number.unwrap_or_default(),
        names: (new_name.map(Name::into_inner), short.map(Name::into_inner)),
        body,
    })
}

/// Looks the agencies up in the caller's scope and refuses what cannot be: an agency that did
/// not exist yet on the effective date, or one another reorganisation ends that same day.
fn insert(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    new: NewReorganisation,
) -> Result<(ReorganisationRow, Vec<AgencyId>), ApiError> {
    access::check_preparer(caller)?;
    const UNKNOWN: &str = "no agency with this id";
    let body = new.body;
    let named = |conn: &mut AnyConnection, id: &uuid::Uuid, field| {
        let agency = agency_access::named(conn, &caller.scope, &id.to_string(), field, UNKNOWN)?;
        match agency.valid_from.filter(|d| body.effective_on < *d) {
            Some(established) => Err(ApiError::field(
                "effective_on",
                format!("is before {} was established ({established})", agency.code),
            )),
            None => Ok(agency.id),
        }
    };
    // A rename has no successor: the agency renamed goes on.
    let successor = match &body.successor_id {
        Some(id) => Some(named(conn, id, "successor_id")?),
        None => None,
    };
    let mut sources = Vec::new();
    for id in &body.agency_ids {
        sources.push(named(conn, id, "agency_ids")?);
    }
    if let Some(successor) = &successor {
        if let Some((decision, on)) = access::ends_by(conn, successor, body.effective_on)? {
            return Err(ApiError::field(
                "successor_id",
                format!("ends by decision {decision} on {on}: it cannot take the work over"),
            ));
        }
    }
    let successor = successor
        .or_else(|| sources.first().cloned())
        .ok_or_else(|| ApiError::internal("a reorganisation without agencies"))?;
    let task_ids = check_function(conn, caller, &body, &sources)?;
    let shares = shares::check_shares(conn, caller, &body, &sources)?;
    let ends = body.kind.ends_agencies();
    if let Some(taken) = access::ending_on(conn, &sources, body.effective_on)?
        .first()
        .filter(|_| ends)
    {
        return Err(ApiError::field(
            "agency_ids",
            format!(
                "another reorganisation already ends {taken} on {}",
                body.effective_on
            ),
        ));
    }
    let now = Utc::now().naive_utc();
    let row = ReorganisationRow {
        id: ReorganisationId::generate(),
        kind: body.kind,
        decision_number: new.decision_number,
        decision_date: body.decision_date,
        effective_on: body.effective_on,
        successor_id: successor,
        status: ReorganisationStatus::Draft,
        created_by: caller.id.clone(),
        scheduled_by: None,
        applied_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
        accounts: body.accounts.unwrap_or_default(),
        directive_id: body.directive_id.map(DirectiveId::from),
        task_ids,
        shares,
        new_name: new.names.0,
        new_short_name: new.names.1,
    };
    access::insert(conn, caller, &row, &sources)?;
    Ok((row, sources))
}

/// A transfer's function, checked: its directive exists (else 422), and each task it names
/// is one the caller sees that the agency leads or coordinates (else 422, the same for a task
/// the caller does not see as for a missing one); the named tasks as stored.
fn check_function(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    body: &CreateReorganisation,
    sources: &[AgencyId],
) -> Result<Option<String>, ApiError> {
    if let Some(directive) = body.directive_id {
        if !directive_access::exists(conn, &directive.to_string())? {
            return Err(ApiError::field("directive_id", "no directive with this id"));
        }
    }
    let Some(tasks) = &body.task_ids else {
        return Ok(None);
    };
    shares::check_held(conn, caller, tasks, sources, "task_ids")?;
    Ok(Some(
        serde_json::to_string(tasks).map_err(ApiError::internal)?,
    ))
}

/// Prepare a reorganisation
///
/// Admins and supervisors. A `merge` ends one or more agencies (hợp nhất, sáp nhập) and a
/// `dissolve` one (giải thể); an existing, active successor takes over their open tasks, as
/// lead or coordinator, and their accounts (or, with `accounts: deactivate`, the accounts
/// end). A `transfer` (điều chuyển chức năng) moves a function, the open tasks of one
/// directive (`directive_id`) or named tasks (`task_ids`), from one agency to another; both go
/// on. A `split` (chia tách) ends one agency: each of its `shares` names another successor and
/// the open tasks it takes, and the main successor takes the rest and the accounts. The
/// decision number is checked like a directive's.
/// An agency that did not exist yet on the effective date, or that another reorganisation
/// already ends that day, is refused. Preview the draft, then apply it.
#[utoipa::path(
    post,
    path = "/api/v1/reorganisations",
    tag = "reorganisations",
    request_body = CreateReorganisation,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The draft", body = ReorganisationDto,
            headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only admins and supervisors prepare reorganisations", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, unknown agencies, or a date that cannot be", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_reorganisation(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: Body<CreateReorganisation>,
) -> Result<HttpResponse, ApiError> {
    let new = parse(body.into_inner())?;
    let (row, sources) = state
        .pool
        .write_as(auth, move |conn, caller| insert(conn, caller, new))
        .await?;
    let (id, version) = (row.id.clone(), row.version);
    let dto = ReorganisationDto::from_row(row, sources);
    Ok(created("reorganisations", id.as_str(), version, &dto))
}

/// Prepares and applies at once a reorganisation already in effect, as `caller` (an admin),
/// through the same checks as the API; for `seed-demo`'s 2025 reorganisation. `None` when one
/// with the same kind, decision number and date exists already (seeding twice changes nothing).
pub(crate) fn record_applied(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    body: CreateReorganisation,
) -> Result<Option<super::dto::ReorganisationPlan>, ApiError> {
    if access::exists(conn, body.kind, &body.decision_number, body.decision_date)? {
        return Ok(None);
    }
    let (row, _) = insert(conn, caller, parse(body)?)?;
    let reorganisation = access::for_apply(conn, caller, &row.id)?;
    let (_, plan) = super::schedule::apply_now(conn, caller, &reorganisation)?;
    Ok(Some(plan))
}
