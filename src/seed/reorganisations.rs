//! The demo province's 2025 reorganisation: from 01/03/2025 the network-security work of Sở
//! TT&TT goes to Công an tỉnh and the department (with its units) merges into Sở Khoa học và
//! Công nghệ; from 01/07/2025 the district level is dissolved, its commune placed under the
//! province. Applied through the same checks as `POST /reorganisations`, as the demo admin, so
//! the demo shows 2018-2024 history under the old names and the open work under the new ones.
//! The decision numbers and dates are demo data.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::agencies::access as agency_access;
use crate::agencies::dto::AgencyPatch;
use crate::agencies::update::apply_patch;
use crate::auth::AuthUser;
use crate::db::schema::tasks;
use crate::db::AnyConnection;
use crate::domain::ids::AgencyId;
use crate::domain::reorganisation::{AccountDisposition, ReorganisationKind};
use crate::error::ApiError;
use crate::reorganisations::create::record_applied;
use crate::reorganisations::dto::CreateReorganisation;

/// The task whose work is network-information security (an tinh mạng), by its title.
const NETWORK_SECURITY_TASK: &str = "Phối hợp đấu tranh với thông tin xấu độc trên không gian mạng";

const STTTT_AND_UNITS: [&str; 6] = [
    "STTTT",
    "STTTT-VP",
    "STTTT-BCVT",
    "STTTT-CNTT",
    "STTTT-TTBCXB",
    "STTTT-TTCNTT",
];

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, ApiError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| ApiError::internal("bad demo date"))
}

fn agency(conn: &mut AnyConnection, code: &str) -> Result<AgencyId, ApiError> {
    Ok(agency_access::system_find_by_code(conn, code)?
        .ok_or(ApiError::NotFound)?
        .id)
}

fn uuid(id: &AgencyId) -> Result<uuid::Uuid, ApiError> {
    uuid::Uuid::parse_str(id.as_str()).map_err(ApiError::internal)
}

fn decision(
    kind: ReorganisationKind,
    (number, decided, effective): (&str, NaiveDate, NaiveDate),
    agencies: Vec<uuid::Uuid>,
    successor: uuid::Uuid,
) -> CreateReorganisation {
    let ends = kind.ends_agencies();
    CreateReorganisation {
        kind,
        decision_number: number.to_owned(),
        decision_date: decided,
        effective_on: effective,
        agency_ids: agencies,
        successor_id: Some(successor),
        accounts: ends.then_some(AccountDisposition::Move),
        directive_id: None,
        task_ids: None,
        new_name: None,
        new_short_name: None,
        shares: None,
    }
}

/// Applies the three decisions once; a line for the operator.
pub(super) fn seed(conn: &mut AnyConnection) -> Result<String, ApiError> {
    let admin = AuthUser::system_acting_as(conn, "demo.admin")?;
    let (march, july) = (day(2025, 3, 1)?, day(2025, 7, 1)?);
    let mut applied = 0;

    let network: String = tasks::table
        .filter(tasks::title.eq(NETWORK_SECURITY_TASK))
        .select(tasks::id)
        .first(conn)?;
    let mut transfer = decision(
        ReorganisationKind::Transfer,
        ("312/QĐ-UBND", day(2025, 2, 27)?, march),
        vec![uuid(&agency(conn, "STTTT-TTBCXB")?)?],
        uuid(&agency(conn, "CA-TINH")?)?,
    );
    transfer.task_ids = Some(vec![
        uuid::Uuid::parse_str(&network).map_err(ApiError::internal)?
    ]);
    applied += usize::from(record_applied(conn, &admin, transfer)?.is_some());

    let sttttt = STTTT_AND_UNITS
        .iter()
        .map(|code| uuid(&agency(conn, code)?))
        .collect::<Result<Vec<_>, _>>()?;
    let merge = decision(
        ReorganisationKind::Merge,
        ("313/QĐ-UBND", day(2025, 2, 27)?, march),
        sttttt,
        uuid(&agency(conn, "SKHCN")?)?,
    );
    applied += usize::from(record_applied(conn, &admin, merge)?.is_some());

    let commune = agency(conn, "UBND-XA")?;
    let (district, province) = (agency(conn, "UBND-HUYEN")?, agency(conn, "UBND-TINH")?);
    let commune_row = agency_access::load(conn, &admin, &commune)?.into_row();
    if commune_row.parent_id.as_ref() != Some(&province) {
        let patch = AgencyPatch {
            parent_id: Some(Some(province.clone())),
            ..Default::default()
        };
        apply_patch(conn, &admin, commune_row, patch)?;
    }
    let centre = decision(
        ReorganisationKind::Dissolve,
        ("1650/QĐ-UBND", day(2025, 6, 27)?, july),
        vec![uuid(&agency(conn, "TTVHTTTT-HUYEN")?)?],
        uuid(&commune)?,
    );
    applied += usize::from(record_applied(conn, &admin, centre)?.is_some());
    let dissolve = decision(
        ReorganisationKind::Dissolve,
        ("1651/QĐ-UBND", day(2025, 6, 27)?, july),
        vec![uuid(&district)?],
        uuid(&commune)?,
    );
    applied += usize::from(record_applied(conn, &admin, dissolve)?.is_some());
    Ok(format!("reorganisations of 2025: {applied} applied"))
}
