//! `POST .../subjects/{agency_id}/conclusion/issue`: the delegation issues its conclusion for
//! one subject. In one transaction the document enters the directive register (kind
//! `conclusion`, issued by the leading body under the delegation's legal bases), each
//! recommendation becomes the subject's follow-up task under it, and the delegation follows up.

use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, Utc};
use serde_json::json;
use uuid::Uuid;

use super::access::{self, Loaded};
use super::dto::{answer, ConclusionDto, IssueConclusion};
use super::model::{ConclusionChanges, ConclusionRow, RecommendationRow};
use crate::agencies::queries::name_of;
use crate::auth::{AuthUser, Authenticated};
use crate::db::json as stored;
use crate::db::AnyConnection;
use crate::delegations::access::{details, Visible};
use crate::delegations::workflow::record_conclusion;
use crate::directives::create::store_directive;
use crate::directives::dto::{NewDirective, TITLE_MAX};
use crate::domain::conclusion::{
    check_issue, title_of, ConclusionDocument, ConclusionStatus, DraftRecommendation,
};
use crate::domain::directive::{parse_number, DirectiveStatus};
use crate::domain::ids::{AgencyId, DelegationId, DirectiveId, RecommendationId};
use crate::domain::permissions::delegations as rules;
use crate::domain::task::{vietnam_date, Priority, Recurrence};
use crate::domain::time_limit::TimeLimitCode;
use crate::domain::values::Name;
use crate::error::{ApiError, FieldError, Problem};
use crate::http::body::Body;
use crate::state::AppState;
use crate::tasks::create::{store_task, TaskOrigin};
use crate::tasks::input::NewTask;

/// The issued document as the request gives it, checked on its own.
pub(crate) struct Issue {
    kind: ConclusionDocument,
    number: String,
    issued_on: NaiveDate,
    title: Option<String>,
}

/// A document's `number` (checked like every directive number) and `issued_on` (not in the
/// future), as given in a request: the number when it is good, each mistake in `errors`.
pub(super) fn check_document(
    number: &str,
    issued_on: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let number = parse_number(number)
        .map_err(|m| errors.push(FieldError::new("number", m)))
        .ok();
    if issued_on > vietnam_date(Utc::now()) {
        errors.push(FieldError::new("issued_on", "must not be in the future"));
    }
    number
}

/// The issued document as the request gives it, checked field by field.
pub(crate) fn parse(body: IssueConclusion) -> Result<Issue, ApiError> {
    let mut errors = Vec::new();
    let number = check_document(&body.number, body.issued_on, &mut errors);
    let title = match body.title.map(|t| Name::parse(&t, TITLE_MAX)) {
        Some(Ok(t)) => Some(t.into_inner()),
        Some(Err(m)) => {
            errors.push(FieldError::new("title", m));
            None
        }
        None => None,
    };
    match number {
        Some(number) if errors.is_empty() => Ok(Issue {
            kind: body.kind,
            number,
            issued_on: body.issued_on,
            title,
        }),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// Registers the conclusion document issued by the delegation's leading body.
fn register(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    visible: &Visible,
    issue: Issue,
) -> Result<DirectiveId, ApiError> {
    let row = visible.row();
    let bases = details(conn, caller, visible)?.bases;
    let title = issue
        .title
        .unwrap_or_else(|| title_of(&format!("Kết luận: {}", row.title), TITLE_MAX));
    let new = NewDirective {
        kind: issue.kind.directive_kind(),
        number: issue.number,
        issuer: None,
        issuer_agency_id: Some(row.leading_agency_id.clone()),
        issued_on: issue.issued_on,
        title,
        summary: None,
        term: None,
        status: DirectiveStatus::InForce,
        superseded_by: None,
        based_on: bases.into_iter().map(DirectiveId::into_string).collect(),
    };
    let issuer = name_of(conn, &row.leading_agency_id)?;
    let (directive, _) = store_directive(conn, &caller.actor(), new, issuer)?;
    Ok(directive.id)
}

/// Each recommendation as the subject's follow-up task under the conclusion.
fn carry_out(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    current: &ConclusionRow,
    conclusion: &DirectiveId,
    issued_on: NaiveDate,
    drafted: Vec<DraftRecommendation>,
) -> Result<Vec<RecommendationRow>, ApiError> {
    let mut issued = Vec::with_capacity(drafted.len());
    for (draft, position) in drafted.into_iter().zip(1..) {
        let id = RecommendationId::generate();
        let task = NewTask {
            directive_id: conclusion.clone(),
            title: title_of(&draft.content, crate::tasks::dto::TITLE_MAX),
            description: Some(draft.content.clone()),
            lead_agency_id: current.agency_id.clone(),
            coordinating_agency_ids: Vec::new(),
            start_on: Some(issued_on),
            due_on: draft.due_on,
            priority: Priority::Normal,
            target: draft.target,
            recurrence: Recurrence::None,
        };
        let origin = TaskOrigin::Recommendation(id.clone());
        let task = store_task(conn, &caller.actor(), task, origin)?;
        let row = RecommendationRow {
            id,
            delegation_id: current.delegation_id.clone(),
            agency_id: current.agency_id.clone(),
            position,
            content: draft.content,
            conclusion_id: conclusion.clone(),
            task_id: task.id,
            created_at: Utc::now().naive_utc(),
        };
        access::insert_recommendation(conn, &row)?;
        issued.push(row);
    }
    Ok(issued)
}

/// Issue a subject's conclusion
///
/// The delegation's overseers and head, once the draft was sent and the field work ended:
/// the document enters the directive register as a `conclusion` of the leading body, based on
/// the delegation's legal bases; each recommendation becomes the subject's follow-up task
/// under it, due on the recommendation's date; the delegation moves to `following_up`. The
/// recommendations are followed up on `GET /api/v1/recommendations`.
#[utoipa::path(
    post,
    path = "/api/v1/delegations/{id}/subjects/{agency_id}/conclusion/issue",
    tag = "delegations",
    params(("id" = Uuid, Path, description = "Delegation id"), ("agency_id" = Uuid, Path, description = "The subject agency's id")),
    request_body = IssueConclusion,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The issued conclusion with its recommendations' tasks", body = ConclusionDto, headers(("ETag" = String, description = "The conclusion's new version"))),
        (status = 403, description = "Only the delegation's overseers and head issue it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such conclusion in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The draft not sent or already issued, the field work not ended, or the same document already registered", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad number or date, no recommendation, or one due before the issue date", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn issue_conclusion(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    body: Body<IssueConclusion>,
) -> Result<HttpResponse, ApiError> {
    let (id, agency) = path.into_inner();
    let (id, agency) = (DelegationId::from(id), AgencyId::from(agency));
    let issue_body = parse(body.into_inner())?;
    let loaded = state
        .pool
        .write_as(auth, move |conn, caller| {
            issue(conn, caller, &id, &agency, issue_body)
        })
        .await?;
    answer(loaded)
}

/// Issues the conclusion for the subject, as `caller` (also for `seed-demo`): the directive,
/// the follow-up tasks and the recommendations in the caller's transaction.
pub(crate) fn issue(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &DelegationId,
    agency: &AgencyId,
    issue: Issue,
) -> Result<Loaded, ApiError> {
    let from = [ConclusionStatus::Sent];
    let allowed = |r: &access::Reached| rules::runs(r.delegation.standing());
    let (reached, current) = access::for_step(conn, caller, id, agency, allowed, &from)?;
    let drafted: Vec<DraftRecommendation> =
        stored::decode(&current.recommendations, "conclusion recommendations")?;
    let mistakes = check_issue(issue.issued_on, &drafted);
    if !mistakes.is_empty() {
        let errors = mistakes.into_iter().map(|(f, m)| FieldError::new(&f, m));
        return Err(ApiError::Validation(errors.collect()));
    }
    record_conclusion(conn, caller, &reached.delegation)?;
    let issued_on = issue.issued_on;
    let audit = json!({"number": issue.number, "issued_on": issued_on});
    let conclusion = register(conn, caller, &reached.delegation, issue)?;
    let issued = carry_out(conn, caller, &current, &conclusion, issued_on, drafted)?;
    let plan_due = crate::time_limits::access::current(conn)?
        .due_in_days(TimeLimitCode::ImplementationPlan, issued_on);
    let changes = ConclusionChanges {
        status: Some(ConclusionStatus::Concluded),
        issued_on: Some(Some(issued_on)),
        implementation_plan_due_on: Some(Some(plan_due)),
        conclusion_id: Some(Some(conclusion)),
        concluded_at: Some(Some(Utc::now().naive_utc())),
        ..Default::default()
    };
    let event = "delegation_conclusion.issue";
    let row = access::save(conn, caller, &current, changes, event, audit)?;
    Ok(reached.answer(row, issued))
}
