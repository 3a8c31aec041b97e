//! An agency's former names (tên gọi trước đây): a rename keeps the agency and its records and
//! remembers the name they were made under, with its last day and the decision that changed it.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use super::model::{AgencyChanges, AgencyRow};
use crate::auth::AuthUser;
use crate::db::schema::agency_names;
use crate::db::AnyConnection;
use crate::domain::ids::{AgencyId, ReorganisationId};
use crate::domain::search_key::search_key;
use crate::error::ApiError;

/// A name an agency bore until a rename.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, ToSchema)]
#[diesel(table_name = agency_names)]
pub struct FormerName {
    #[serde(skip)]
    #[schema(ignore)]
    pub agency_id: AgencyId,
    /// The last day the agency bore this name.
    pub valid_to: NaiveDate,
    pub name: String,
    pub short_name: Option<String>,
    /// The rename that ended it.
    #[schema(value_type = String)]
    pub reorganisation_id: ReorganisationId,
}

/// What a rename gives an agency, and the decision that does it.
pub(crate) struct Rename<'a> {
    pub name: &'a str,
    pub short_name: Option<&'a str>,
    pub decision: &'a str,
    pub last_day_of_old_name: NaiveDate,
    pub reorganisation_id: &'a ReorganisationId,
}

/// Renames the agency through its one write path, keeping its name until then.
pub(crate) fn rename_by_reorganisation(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    agency: &AgencyRow,
    rename: Rename<'_>,
) -> Result<AgencyRow, ApiError> {
    let former = FormerName {
        agency_id: agency.id.clone(),
        valid_to: rename.last_day_of_old_name,
        name: agency.name.clone(),
        short_name: agency.short_name.clone(),
        reorganisation_id: rename.reorganisation_id.clone(),
    };
    diesel::insert_into(agency_names::table)
        .values(&former)
        .execute(conn)?;
    let short_name = rename.short_name.map(str::to_owned);
    let changes = AgencyChanges {
        name: Some(rename.name.to_owned()),
        short_name: Some(short_name.clone()),
        search_key: Some(search_key([
            agency.code.as_str(),
            rename.name,
            rename.short_name.unwrap_or(""),
        ])),
        ..Default::default()
    };
    let audit = serde_json::json!({"decision": rename.decision, "name": rename.name,
        "short_name": short_name, "former_name": agency.name});
    crate::db::versioned::save(
        conn,
        &caller.actor(),
        agency,
        changes,
        "agency.rename",
        audit,
        |_| Ok(()),
    )
}

/// The names the agency bore before, oldest first.
pub(crate) fn former_names_of(
    conn: &mut AnyConnection,
    agency: &AgencyId,
) -> Result<Vec<FormerName>, ApiError> {
    Ok(agency_names::table
        .filter(agency_names::agency_id.eq(agency))
        .select(FormerName::as_select())
        .order(agency_names::valid_to)
        .load(conn)?)
}
