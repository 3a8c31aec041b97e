//! A new delegation's body checked into rows: values first (field by field), then what it
//! names, each looked up inside the caller's reach so that an unknown id and one outside it
//! get the same message.

use chrono::{Datelike, NaiveDate, Utc};

use super::access::NewDelegation;
use super::dto::{CreateDelegation, MemberInput, SubjectInput};
use super::model::{DelegationRow, MemberRow, SubjectRow};
use crate::agencies::access as agency_access;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::directives::access as directive_access;
use crate::domain::delegation::{
    check_planned, DelegationDates, DelegationLevel, DelegationStatus, MemberRole,
};
use crate::domain::directive::parse_number;
use crate::domain::ids::{AgencyId, DelegationId, DirectiveId, PlanId, UserId};
use crate::domain::permissions::delegations as rules;
use crate::domain::values::{parse_text, Name};
use crate::error::{ApiError, FieldErrors};
use crate::supervision_plans::access as plan_access;
use crate::users::access as user_access;

const TITLE_MAX: usize = 500;
const CONTENT_MAX: usize = 5000;
const BASES_MAX: usize = 50;
const MEMBERS_MAX: usize = 30;
const SUBJECTS_MAX: usize = 100;
const NO_AGENCY: &str = "names no agency you may supervise";
const NO_USER: &str = "names no user you may add";

/// Both dates or neither, as a range.
pub(super) fn date_pair(
    errors: &mut FieldErrors,
    field: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Option<(NaiveDate, NaiveDate)> {
    match (from, to) {
        (Some(from), Some(to)) => Some((from, to)),
        (None, None) => None,
        _ => {
            errors.add(field, "give both dates or neither");
            None
        }
    }
}

/// Checks a new delegation and what it names; 403 when the caller may not lead from the
/// leading agency it names in its own subtree.
pub(super) fn parse(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    body: CreateDelegation,
) -> Result<NewDelegation, ApiError> {
    ApiError::forbidden_unless(rules::forms_any(caller))?;
    let mut errors = FieldErrors::default();
    let title = errors.take(
        "title",
        Name::parse(&body.title, TITLE_MAX).map(Name::into_inner),
    );
    let content = body
        .content
        .and_then(|c| errors.take("content", parse_text(&c, CONTENT_MAX)));
    let number = errors.take("decision_number", parse_number(&body.decision_number));
    if !(1945..=2100).contains(&body.decided_on.year()) {
        errors.add("decided_on", "must fall between 1945 and 2100");
    }
    let field_work = date_pair(
        &mut errors,
        "field_work_to",
        body.field_work_from,
        body.field_work_to,
    );
    let dates = DelegationDates {
        decided_on: body.decided_on,
        review_from: body.review_from,
        review_to: body.review_to,
        field_work,
    };
    counts(
        &mut errors,
        &body.legal_bases,
        &body.members,
        &body.subjects,
    );
    errors.finish()?;
    let lead = AgencyId::from(body.leading_agency_id);
    let lead_row = agency_access::named(
        conn,
        &caller.scope,
        lead.as_str(),
        "leading_agency_id",
        "names no agency you may lead from",
    )?;
    ApiError::forbidden_unless(rules::forms(caller, &lead_row.path))?;
    let plan_id = body
        .plan_id
        .map(|plan| plan_access::for_delegation(conn, caller, &PlanId::from(plan), &lead))
        .transpose()?;
    let id = DelegationId::generate();
    let now = Utc::now().naive_utc();
    let mut errors = FieldErrors::default();
    // The level's limits need the leading agency, so the dates are judged with what it names.
    let level = body
        .level
        .unwrap_or_else(|| DelegationLevel::led_by(lead_row.kind));
    let limits = crate::time_limits::access::current(conn)?.delegation(level);
    for (field, message) in limits.check(&dates) {
        errors.add(field, message);
    }
    let bases = bases(conn, &mut errors, &body.legal_bases)?;
    let members = members(conn, caller, &mut errors, &id, body.members)?;
    let subjects = subjects(
        conn,
        caller,
        &mut errors,
        &id,
        &lead,
        field_work,
        body.subjects,
    )?;
    errors.finish()?;
    Ok(NewDelegation {
        row: DelegationRow {
            id,
            kind: body.kind,
            title: title.unwrap_or_default(),
            content,
            leading_agency_id: lead,
            decision_number: number.unwrap_or_default(),
            decided_on: body.decided_on,
            review_from: body.review_from,
            review_to: body.review_to,
            field_work_from: field_work.map(|f| f.0),
            field_work_to: field_work.map(|f| f.1),
            status: DelegationStatus::Preparing,
            closed_reason: None,
            created_by: caller.id.clone(),
            version: 1,
            created_at: now,
            updated_at: now,
            results_due_on: None,
            conclusions_due_on: None,
            closing_decision: None,
            plan_id,
            extension_decision: None,
            level,
        },
        bases,
        members,
        subjects,
    })
}

fn counts(
    errors: &mut FieldErrors,
    bases: &[uuid::Uuid],
    members: &[MemberInput],
    subjects: &[SubjectInput],
) {
    if bases.is_empty() || bases.len() > BASES_MAX {
        errors.add(
            "legal_bases",
            format!("must name 1 to {BASES_MAX} directives"),
        );
    }
    if members.len() > MEMBERS_MAX {
        errors.add(
            "members",
            format!("must list at most {MEMBERS_MAX} members"),
        );
    }
    if members
        .iter()
        .filter(|m| m.role == MemberRole::Head)
        .count()
        > 1
    {
        errors.add("members", "a delegation has one head");
    }
    if subjects.is_empty() || subjects.len() > SUBJECTS_MAX {
        errors.add(
            "subjects",
            format!("must list 1 to {SUBJECTS_MAX} agencies"),
        );
    }
}

pub(super) fn bases(
    conn: &mut AnyConnection,
    errors: &mut FieldErrors,
    ids: &[uuid::Uuid],
) -> Result<Vec<DirectiveId>, ApiError> {
    let mut out: Vec<DirectiveId> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let id = DirectiveId::from(*id);
        if out.contains(&id) {
            errors.add(&format!("legal_bases[{i}]"), "is listed twice");
        } else if !directive_access::exists(conn, id.as_str())? {
            errors.add(&format!("legal_bases[{i}]"), "names no directive");
        }
        out.push(id);
    }
    out.dedup();
    Ok(out)
}

/// A user the caller may make a member: one it sees (any user for the province's roles).
pub(super) fn member_user(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &UserId,
) -> Result<bool, ApiError> {
    match user_access::load(conn, caller, id) {
        Ok(user) => Ok(user.active),
        Err(ApiError::NotFound) => Ok(false),
        Err(other) => Err(other),
    }
}

fn members(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    errors: &mut FieldErrors,
    id: &DelegationId,
    inputs: Vec<MemberInput>,
) -> Result<Vec<MemberRow>, ApiError> {
    let mut out: Vec<MemberRow> = Vec::new();
    for (i, input) in inputs.into_iter().enumerate() {
        let user = UserId::from(input.user_id);
        let field = format!("members[{i}].user_id");
        if out.iter().any(|m| m.user_id == user) {
            errors.add(&field, "is listed twice");
        } else if !member_user(conn, caller, &user)? {
            errors.add(&field, NO_USER);
        }
        out.push(MemberRow {
            delegation_id: id.clone(),
            user_id: user,
            role: input.role,
            added_at: Utc::now().naive_utc(),
            results: None,
            results_sent_at: None,
        });
    }
    Ok(out)
}

/// An agency the caller may make a subject: inside its scope and not the leading body.
pub(super) fn subject_agency(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    field: &str,
    agency: &AgencyId,
    lead: &AgencyId,
) -> Result<(), ApiError> {
    if agency == lead {
        return Err(ApiError::field(field, "is the leading body itself"));
    }
    agency_access::named(conn, &caller.scope, agency.as_str(), field, NO_AGENCY).map(|_| ())
}

fn subjects(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    errors: &mut FieldErrors,
    id: &DelegationId,
    lead: &AgencyId,
    field_work: Option<(NaiveDate, NaiveDate)>,
    inputs: Vec<SubjectInput>,
) -> Result<Vec<SubjectRow>, ApiError> {
    let mut out: Vec<SubjectRow> = Vec::new();
    for (i, input) in inputs.into_iter().enumerate() {
        let agency = AgencyId::from(input.agency_id);
        let field = format!("subjects[{i}].agency_id");
        if out.iter().any(|s| s.agency_id == agency) {
            errors.add(&field, "is listed twice");
        } else {
            match subject_agency(conn, caller, &field, &agency, lead) {
                Err(ApiError::Validation(mut found)) => errors.0.append(&mut found),
                other => other?,
            }
        }
        let planned_field = format!("subjects[{i}].planned_to");
        let planned = date_pair(errors, &planned_field, input.planned_from, input.planned_to);
        if let Some(Err(message)) = planned.map(|p| check_planned(p, field_work)) {
            errors.add(&planned_field, message);
        }
        out.push(SubjectRow {
            delegation_id: id.clone(),
            agency_id: agency,
            planned_from: input.planned_from,
            planned_to: input.planned_to,
            added_at: Utc::now().naive_utc(),
        });
    }
    Ok(out)
}
