//! Delegation SQL; only `delegations::access` calls it, with the caller's standing decided there.

mod roster;
mod subject;

pub(super) use roster::*;
pub(super) use subject::*;

use diesel::prelude::*;

use super::model::{DelegationChanges, DelegationRow, MemberRow, SubjectRow};
use crate::agencies::queries::path_within;
use crate::db::schema::{
    agencies, delegation_bases, delegation_members, delegation_subjects, delegations, users,
};
use crate::db::{expect_updated, AnyConnection};
use crate::domain::delegation::{DelegationKind, DelegationStatus, MemberRole};
use crate::domain::ids::{AgencyId, DelegationId, DirectiveId, UserId};
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// The delegation with the path of its leading agency.
pub(super) fn find(
    conn: &mut AnyConnection,
    id: &DelegationId,
) -> Result<Option<(DelegationRow, String)>, ApiError> {
    Ok(delegations::table
        .inner_join(agencies::table)
        .filter(delegations::id.eq(id))
        .select((DelegationRow::as_select(), agencies::path))
        .first(conn)
        .optional()?)
}

pub(super) fn member_role(
    conn: &mut AnyConnection,
    id: &DelegationId,
    user: &UserId,
) -> Result<Option<MemberRole>, ApiError> {
    Ok(delegation_members::table
        .filter(delegation_members::delegation_id.eq(id))
        .filter(delegation_members::user_id.eq(user))
        .select(delegation_members::role)
        .first(conn)
        .optional()?)
}

/// Whether a subject of the delegation lies in the subtree at `root`.
pub(super) fn has_subject_within(
    conn: &mut AnyConnection,
    id: &DelegationId,
    root: &str,
) -> Result<bool, ApiError> {
    let found: Option<AgencyId> = delegation_subjects::table
        .inner_join(agencies::table)
        .filter(delegation_subjects::delegation_id.eq(id))
        .filter(path_within(root))
        .select(delegation_subjects::agency_id)
        .first(conn)
        .optional()?;
    Ok(found.is_some())
}

pub(super) fn bases(
    conn: &mut AnyConnection,
    id: &DelegationId,
) -> Result<Vec<DirectiveId>, ApiError> {
    Ok(delegation_bases::table
        .filter(delegation_bases::delegation_id.eq(id))
        .select(delegation_bases::directive_id)
        .order(delegation_bases::directive_id)
        .load(conn)?)
}

/// The members with their full names, in order of joining.
pub(super) fn members(
    conn: &mut AnyConnection,
    id: &DelegationId,
) -> Result<Vec<(MemberRow, String)>, ApiError> {
    Ok(delegation_members::table
        .inner_join(users::table)
        .filter(delegation_members::delegation_id.eq(id))
        .select((MemberRow::as_select(), users::full_name))
        .order((delegation_members::added_at, delegation_members::user_id))
        .load(conn)?)
}

/// The subjects with their agency's name and path, in order of being added.
pub(super) fn subjects(
    conn: &mut AnyConnection,
    id: &DelegationId,
) -> Result<Vec<(SubjectRow, String, String)>, ApiError> {
    Ok(delegation_subjects::table
        .inner_join(agencies::table)
        .filter(delegation_subjects::delegation_id.eq(id))
        .select((SubjectRow::as_select(), agencies::name, agencies::path))
        .order((
            delegation_subjects::added_at,
            delegation_subjects::agency_id,
        ))
        .load(conn)?)
}

pub(super) fn insert(conn: &mut AnyConnection, row: &DelegationRow) -> Result<(), ApiError> {
    diesel::insert_into(delegations::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub(super) fn insert_basis(
    conn: &mut AnyConnection,
    id: &DelegationId,
    directive: &DirectiveId,
) -> Result<(), ApiError> {
    diesel::insert_into(delegation_bases::table)
        .values((
            delegation_bases::delegation_id.eq(id),
            delegation_bases::directive_id.eq(directive),
        ))
        .execute(conn)?;
    Ok(())
}

pub(super) fn update(
    conn: &mut AnyConnection,
    id: &DelegationId,
    read_version: i32,
    changes: &DelegationChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        delegations::table
            .filter(delegations::id.eq(id))
            .filter(delegations::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    expect_updated(rows, "delegation")
}

/// Which delegations a caller outside the province's roles sees: those it is an active member
/// of, those its subtree leads, and those with a subject in its subtree.
pub(super) struct Reach<'a> {
    pub user: &'a UserId,
    pub root: &'a str,
    /// Only the member and leading parts: a subject filter naming an agency outside the
    /// caller's subtree must not reveal that agency's delegations through the subject part.
    pub without_subjects: bool,
}

/// List filters, already parsed.
#[derive(Debug, Default, Clone)]
pub(crate) struct DelegationFilter {
    pub year: Option<i32>,
    pub kind: Option<DelegationKind>,
    pub status: Option<DelegationStatus>,
    pub leading_agency_id: Option<AgencyId>,
    pub subject_agency_id: Option<AgencyId>,
    pub member_id: Option<UserId>,
}

pub(super) fn list(
    conn: &mut AnyConnection,
    reach: Option<Reach<'_>>,
    filter: DelegationFilter,
    page: &PageRequest,
) -> Result<Vec<DelegationRow>, ApiError> {
    let mut query = delegations::table
        .select(DelegationRow::as_select())
        .into_boxed();
    if let Some(reach) = reach {
        let in_subtree = || {
            agencies::table
                .filter(path_within(reach.root))
                .select(agencies::id)
        };
        let as_member = delegation_members::table
            .filter(delegation_members::user_id.eq(reach.user.clone()))
            .select(delegation_members::delegation_id);
        let as_subject = delegation_subjects::table
            .filter(delegation_subjects::agency_id.eq_any(in_subtree()))
            .select(delegation_subjects::delegation_id);
        let member_or_lead = delegations::id
            .eq_any(as_member)
            .and(delegations::status.ne(DelegationStatus::Closed.as_str()))
            .or(delegations::leading_agency_id.eq_any(in_subtree()));
        query = if reach.without_subjects {
            query.filter(member_or_lead)
        } else {
            query.filter(member_or_lead.or(delegations::id.eq_any(as_subject)))
        };
    }
    if let Some(year) = filter.year {
        let from = chrono::NaiveDate::from_ymd_opt(year, 1, 1);
        let to = chrono::NaiveDate::from_ymd_opt(year, 12, 31);
        if let (Some(from), Some(to)) = (from, to) {
            query = query.filter(delegations::decided_on.between(from, to));
        }
    }
    if let Some(kind) = filter.kind {
        query = query.filter(delegations::kind.eq(kind.as_str()));
    }
    if let Some(status) = filter.status {
        query = query.filter(delegations::status.eq(status.as_str()));
    }
    if let Some(lead) = filter.leading_agency_id {
        query = query.filter(delegations::leading_agency_id.eq(lead));
    }
    if let Some(subject) = filter.subject_agency_id {
        let with_subject = delegation_subjects::table
            .filter(delegation_subjects::agency_id.eq(subject))
            .select(delegation_subjects::delegation_id);
        query = query.filter(delegations::id.eq_any(with_subject));
    }
    if let Some(member) = filter.member_id {
        let with_member = delegation_members::table
            .filter(delegation_members::user_id.eq(member))
            .select(delegation_members::delegation_id);
        query = query.filter(delegations::id.eq_any(with_member));
    }
    if let Some(after) = &page.after {
        query = query.filter(delegations::id.gt(after.clone()));
    }
    Ok(query
        .order(delegations::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}

/// Replaces the legal bases of a delegation.
pub(super) fn replace_bases(
    conn: &mut AnyConnection,
    id: &DelegationId,
    bases: &[DirectiveId],
) -> Result<(), ApiError> {
    diesel::delete(delegation_bases::table.filter(delegation_bases::delegation_id.eq(id)))
        .execute(conn)?;
    for basis in bases {
        insert_basis(conn, id, basis)?;
    }
    Ok(())
}

/// How many delegations decided between `from` and `to` supervise an agency of the subtree at
/// `root` (any agency without one), by status.
pub(super) fn count_by_status(
    conn: &mut AnyConnection,
    root: Option<&str>,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<(String, i64)>, ApiError> {
    let mut query = delegations::table
        .group_by(delegations::status)
        .select((delegations::status, diesel::dsl::count_star()))
        .into_boxed()
        .filter(delegations::decided_on.between(from, to));
    if let Some(root) = root {
        let supervised = delegation_subjects::table
            .inner_join(agencies::table)
            .filter(path_within(root))
            .select(delegation_subjects::delegation_id);
        query = query.filter(delegations::id.eq_any(supervised));
    }
    Ok(query.load(conn)?)
}
