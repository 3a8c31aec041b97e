//! Directive queries. Directives are province-wide documents: every role reads them.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::model::{DirectiveChanges, DirectiveRow};
use crate::db::schema::{directive_bases, directives};
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, DirectiveId};
use crate::domain::search_key::like_pattern;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

pub(super) fn find(
    conn: &mut AnyConnection,
    id: &DirectiveId,
) -> Result<Option<DirectiveRow>, ApiError> {
    Ok(directives::table
        .filter(directives::id.eq(id))
        .select(DirectiveRow::as_select())
        .first(conn)
        .optional()?)
}

/// Whether another directive already has this identity (kind, number, issue date).
pub(super) fn identity_taken(
    conn: &mut AnyConnection,
    kind: &str,
    number: &str,
    issued_on: NaiveDate,
    except_id: Option<&str>,
) -> Result<bool, ApiError> {
    let mut query = directives::table
        .filter(directives::kind.eq(kind))
        .filter(directives::number.eq(number))
        .filter(directives::issued_on.eq(issued_on))
        .select(directives::id)
        .into_boxed();
    if let Some(id) = except_id {
        query = query.filter(directives::id.ne(id.to_owned()));
    }
    Ok(query.first::<String>(conn).optional()?.is_some())
}

/// The ids of up to two directives numbered `number` (two tell the caller it is ambiguous).
pub(super) fn ids_numbered(
    conn: &mut AnyConnection,
    number: &str,
) -> Result<Vec<String>, ApiError> {
    Ok(directives::table
        .filter(directives::number.eq(number))
        .select(directives::id)
        .order(directives::id)
        .limit(2)
        .load(conn)?)
}

/// The ids among `ids` that name no directive.
pub(super) fn missing(conn: &mut AnyConnection, ids: &[String]) -> Result<Vec<String>, ApiError> {
    let found: Vec<String> = directives::table
        .filter(directives::id.eq_any(ids))
        .select(directives::id)
        .load(conn)?;
    Ok(ids
        .iter()
        .filter(|id| !found.contains(id))
        .cloned()
        .collect())
}

/// The `based_on` ids of each directive in `ids`.
pub(super) fn bases_of(
    conn: &mut AnyConnection,
    ids: &[DirectiveId],
) -> Result<HashMap<DirectiveId, Vec<String>>, ApiError> {
    let pairs: Vec<(DirectiveId, String)> = directive_bases::table
        .filter(directive_bases::directive_id.eq_any(ids))
        .select((directive_bases::directive_id, directive_bases::based_on_id))
        .order(directive_bases::based_on_id)
        .load(conn)?;
    let mut bases: HashMap<DirectiveId, Vec<String>> = HashMap::new();
    for (directive, base) in pairs {
        bases.entry(directive).or_default().push(base);
    }
    Ok(bases)
}

pub(super) fn replace_bases(
    conn: &mut AnyConnection,
    id: &DirectiveId,
    based_on: &[String],
) -> Result<(), ApiError> {
    diesel::delete(directive_bases::table.filter(directive_bases::directive_id.eq(id)))
        .execute(conn)?;
    for base in based_on {
        diesel::insert_into(directive_bases::table)
            .values((
                directive_bases::directive_id.eq(id),
                directive_bases::based_on_id.eq(base),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// List filters, already parsed.
#[derive(Debug, Default, Clone)]
pub(crate) struct DirectiveFilter {
    pub kind: Option<String>,
    pub status: Option<String>,
    pub issuer: Option<String>,
    pub issuer_agency_id: Option<AgencyId>,
    pub issued_between: Option<(NaiveDate, NaiveDate)>,
    pub q: Option<String>,
}

pub(super) fn list(
    conn: &mut AnyConnection,
    filter: DirectiveFilter,
    page: &PageRequest,
) -> Result<Vec<DirectiveRow>, ApiError> {
    let mut query = directives::table
        .select(DirectiveRow::as_select())
        .into_boxed();
    if let Some(kind) = filter.kind {
        query = query.filter(directives::kind.eq(kind));
    }
    if let Some(status) = filter.status {
        query = query.filter(directives::status.eq(status));
    }
    if let Some(issuer) = filter.issuer {
        query = query.filter(
            directives::issuer_key
                .like(like_pattern(&issuer))
                .escape('\\'),
        );
    }
    if let Some(agency) = filter.issuer_agency_id {
        query = query.filter(directives::issuer_agency_id.eq(agency));
    }
    if let Some((from, to)) = filter.issued_between {
        query = query.filter(directives::issued_on.between(from, to));
    }
    if let Some(q) = filter.q {
        query = query.filter(directives::search_key.like(like_pattern(&q)).escape('\\'));
    }
    if let Some(after) = &page.after {
        query = query.filter(directives::id.gt(after.clone()));
    }
    Ok(query
        .order(directives::id.asc())
        .limit(page.fetch())
        .load(conn)?)
}

pub(super) fn insert(conn: &mut AnyConnection, row: &DirectiveRow) -> Result<(), ApiError> {
    diesel::insert_into(directives::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Applies `changes` if the row still has the version it was read at (see
/// `db::expect_updated`).
pub(super) fn update(
    conn: &mut AnyConnection,
    id: &DirectiveId,
    read_version: i32,
    changes: &DirectiveChanges,
) -> Result<(), ApiError> {
    let rows = diesel::update(
        directives::table
            .filter(directives::id.eq(id))
            .filter(directives::version.eq(read_version)),
    )
    .set(changes)
    .execute(conn)?;
    crate::db::expect_updated(rows, "directive")
}

/// The number and title of each directive of `ids`.
pub(super) fn titles(
    conn: &mut AnyConnection,
    ids: &[DirectiveId],
) -> Result<Vec<(DirectiveId, String, String)>, ApiError> {
    let mut titles = Vec::new();
    for ids in ids.chunks(500) {
        titles.extend(
            directives::table
                .filter(directives::id.eq_any(ids))
                .select((directives::id, directives::number, directives::title))
                .load::<(DirectiveId, String, String)>(conn)?,
        );
    }
    Ok(titles)
}
