//! `seed-demo`: the province's agencies and directives from public news reports, one demo
//! account per role, and the work built on them (tasks, reports, assessments, delegations).
//! Running it again changes nothing.

use crate::agencies::create::insert_agency;
use crate::agencies::dto::NewAgency;
use crate::agencies::queries as agency_queries;
use crate::audit::AuditActor;
use crate::auth::password::hash_blocking;
use crate::auth::tokens::random_token;
use crate::auth::Scope;
use crate::db::{write_transaction, AnyConnection, DbPool};
use crate::domain::role::Role;
use crate::domain::values::{AgencyCode, AgencyKind, Name, NewPassword, Username};
use crate::error::ApiError;
use crate::users::create::{insert_user, NewUser};
use crate::users::queries as user_queries;

pub mod bench;
mod campaigns;
mod delegations;
mod directives;
mod follow_up;
pub mod frameworks;
mod reorganisations;
mod reports;
mod tasks;

struct DemoAgency {
    code: &'static str,
    name: &'static str,
    short_name: Option<&'static str>,
    kind: AgencyKind,
    parent: Option<&'static str>,
    headcount: i32,
}

const fn agency(
    code: &'static str,
    name: &'static str,
    short_name: Option<&'static str>,
    kind: AgencyKind,
    parent: Option<&'static str>,
    headcount: i32,
) -> DemoAgency {
    DemoAgency {
        code,
        name,
        short_name,
        kind,
        parent,
        headcount,
    }
}

use AgencyKind::{AttachedUnit, Commune, Department, District, Division, ProvinceBody};

/// Parents come before their children.
const AGENCIES: &[DemoAgency] = &[
    agency(
        "BCD-QPAN",
        "Ban Chỉ đạo Quốc phòng - An ninh tỉnh",
        Some("BCĐ QP-AN"),
        ProvinceBody,
        None,
        0,
    ),
    agency("TU", "Tỉnh ủy", None, ProvinceBody, None, 0),
    agency(
        "TU-BDV",
        "Ban Dân vận Tỉnh ủy",
        None,
        ProvinceBody,
        Some("TU"),
        0,
    ),
    agency(
        "TU-BTG",
        "Ban Tuyên giáo Tỉnh ủy",
        None,
        ProvinceBody,
        Some("TU"),
        0,
    ),
    agency(
        "TU-BNC",
        "Ban Nội chính Tỉnh ủy",
        None,
        ProvinceBody,
        Some("TU"),
        0,
    ),
    agency(
        "UBND-TINH",
        "Ủy ban nhân dân tỉnh",
        Some("UBND tỉnh"),
        ProvinceBody,
        None,
        0,
    ),
    agency("CA-TINH", "Công an tỉnh", None, ProvinceBody, None, 0),
    agency(
        "BCHQS-TINH",
        "Bộ Chỉ huy quân sự tỉnh",
        Some("Bộ CHQS tỉnh"),
        ProvinceBody,
        None,
        0,
    ),
    agency(
        "STTTT",
        "Sở Thông tin và Truyền thông",
        Some("Sở TT&TT"),
        Department,
        Some("UBND-TINH"),
        26,
    ),
    agency("STTTT-VP", "Văn phòng Sở", None, Division, Some("STTTT"), 0),
    agency(
        "STTTT-BCVT",
        "Phòng Bưu chính, Viễn thông",
        None,
        Division,
        Some("STTTT"),
        0,
    ),
    agency(
        "STTTT-CNTT",
        "Phòng Công nghệ thông tin",
        None,
        Division,
        Some("STTTT"),
        0,
    ),
    agency(
        "STTTT-TTBCXB",
        "Phòng Thông tin - Báo chí - Xuất bản",
        None,
        Division,
        Some("STTTT"),
        0,
    ),
    agency(
        "STTTT-TTCNTT",
        "Trung tâm Công nghệ thông tin và Truyền thông",
        None,
        AttachedUnit,
        Some("STTTT"),
        0,
    ),
    agency(
        "SKHCN",
        "Sở Khoa học và Công nghệ",
        Some("Sở KH&CN"),
        Department,
        Some("UBND-TINH"),
        0,
    ),
    agency(
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        Some("Sở VH,TT&DL"),
        Department,
        Some("UBND-TINH"),
        0,
    ),
    agency(
        "UBND-HUYEN",
        "Ủy ban nhân dân cấp huyện (mẫu)",
        Some("UBND huyện"),
        District,
        Some("UBND-TINH"),
        0,
    ),
    agency(
        "TTVHTTTT-HUYEN",
        "Trung tâm Văn hóa, Thông tin và Thể thao cấp huyện",
        None,
        AttachedUnit,
        Some("UBND-HUYEN"),
        0,
    ),
    agency(
        "UBND-XA",
        "Ủy ban nhân dân cấp xã (mẫu)",
        Some("UBND xã"),
        Commune,
        Some("UBND-HUYEN"),
        0,
    ),
    agency(
        "DTT-XA",
        "Đài Truyền thanh cấp xã",
        None,
        AttachedUnit,
        Some("UBND-XA"),
        0,
    ),
];

/// (username, full name, role, agency code)
const ACCOUNTS: &[(&str, &str, Role, Option<&str>)] = &[
    ("demo.admin", "Quản trị (demo)", Role::Admin, None),
    (
        "demo.supervisor",
        "Cán bộ theo dõi BCĐ QP-AN (demo)",
        Role::Supervisor,
        Some("BCD-QPAN"),
    ),
    (
        "demo.inspector",
        "Thành viên Đoàn giám sát (demo)",
        Role::Inspector,
        Some("TU-BDV"),
    ),
    ("demo.viewer", "Người xem (demo)", Role::Viewer, None),
    (
        "demo.manager",
        "Lãnh đạo Sở TT&TT (demo)",
        Role::AgencyManager,
        Some("STTTT"),
    ),
    (
        "demo.staff",
        "Cán bộ Văn phòng Sở TT&TT (demo)",
        Role::AgencyStaff,
        Some("STTTT-VP"),
    ),
    (
        "demo.police.manager",
        "Lãnh đạo Công an tỉnh (demo)",
        Role::AgencyManager,
        Some("CA-TINH"),
    ),
];

fn seed_agency(conn: &mut AnyConnection, demo: &DemoAgency) -> Result<bool, ApiError> {
    if agency_queries::find_by_code(conn, demo.code)?.is_some() {
        return Ok(false);
    }
    let parent_id = match demo.parent {
        Some(code) => Some(
            agency_queries::find_by_code(conn, code)?
                .ok_or(ApiError::NotFound)?
                .id,
        ),
        None => None,
    };
    let new = NewAgency {
        code: AgencyCode::parse(demo.code).map_err(ApiError::internal)?,
        name: Name::parse(demo.name, 200).map_err(ApiError::internal)?,
        short_name: demo
            .short_name
            .map(|s| Name::parse(s, 50))
            .transpose()
            .map_err(ApiError::internal)?,
        kind: demo.kind,
        parent_id,
        headcount: demo.headcount,
        active: true,
        valid_from: None,
    };
    insert_agency(conn, &Scope::Province, &AuditActor::system(), new)?;
    Ok(true)
}

fn seed_account(
    conn: &mut AnyConnection,
    account: &(&str, &str, Role, Option<&str>),
) -> Result<String, ApiError> {
    let (username, full_name, role, agency_code) = *account;
    if user_queries::find_by_username(conn, username)?.is_some() {
        return Ok(format!(
            "{username:<22} {:<15} exists; password unchanged",
            role.as_str()
        ));
    }
    let agency_id = match agency_code {
        Some(code) => Some(
            agency_queries::find_by_code(conn, code)?
                .ok_or(ApiError::NotFound)?
                .id,
        ),
        None => None,
    };
    let password = random_token()[..20].to_owned();
    let new = NewUser {
        username: Username::parse(username).map_err(ApiError::internal)?,
        full_name: Name::parse(full_name, 200).map_err(ApiError::internal)?,
        password: NewPassword::parse(&password).map_err(ApiError::internal)?,
        role,
        agency_id,
        active: true,
    };
    insert_user(
        conn,
        &Scope::Province,
        &AuditActor::system(),
        new,
        hash_blocking(&password)?,
    )?;
    Ok(format!(
        "{username:<22} {:<15} password {password}",
        role.as_str()
    ))
}

/// Loads the demo data and returns one line per account for the operator.
pub fn seed_demo(pool: &DbPool) -> Result<Vec<String>, ApiError> {
    let mut conn = pool.get()?;
    write_transaction(&mut conn, |conn| {
        let mut created = 0;
        for demo in AGENCIES {
            created += usize::from(seed_agency(conn, demo)?);
        }
        let mut lines = vec![format!(
            "agencies: {created} created, {} already there",
            AGENCIES.len() - created
        )];
        lines.push(directives::seed(conn)?);
        for account in ACCOUNTS {
            lines.push(seed_account(conn, account)?);
        }
        let admin =
            user_queries::find_by_username(conn, "demo.admin")?.ok_or(ApiError::NotFound)?;
        lines.insert(2, tasks::seed(conn, &admin.id)?);
        let manager =
            user_queries::find_by_username(conn, "demo.manager")?.ok_or(ApiError::NotFound)?;
        let supervisor =
            user_queries::find_by_username(conn, "demo.supervisor")?.ok_or(ApiError::NotFound)?;
        lines.insert(3, reports::seed(conn, &manager.id, &supervisor.id)?);
        let actor = AuditActor {
            user_id: Some(admin.id.clone()),
            request_id: None,
        };
        lines.insert(4, frameworks::load_templates(conn, &actor)?);
        lines.insert(
            5,
            campaigns::seed(conn, &admin.id, &supervisor.id, &manager.id)?,
        );
        lines.insert(6, delegations::seed(conn)?);
        // Last: the 2018-2024 story happened under the agencies as they were then.
        lines.insert(7, reorganisations::seed(conn)?);
        Ok(lines)
    })
}
