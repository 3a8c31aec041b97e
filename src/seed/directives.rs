//! Demo directives: the documents of DESIGN section 9 and what they are based on.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::agencies::queries as agency_queries;
use crate::audit::AuditActor;
use crate::db::schema::directives;
use crate::db::AnyConnection;
use crate::directives::create::insert_directive;
use crate::directives::dto::NewDirective;
use crate::domain::directive::{DirectiveKind, DirectiveStatus};
use crate::domain::permissions::System;
use crate::error::ApiError;

struct DemoDirective {
    kind: DirectiveKind,
    number: &'static str,
    issued_on: (i32, u32, u32),
    issuer: &'static str,
    /// The issuing agency's code, for the province's own documents.
    issuer_agency: Option<&'static str>,
    title: &'static str,
    term: Option<&'static str>,
    /// (number, issue date) of the directives it implements; listed earlier.
    based_on: &'static [(&'static str, (i32, u32, u32))],
}

use DirectiveKind::{
    Circular, Decision, Decree, Directive, Notice, OfficialLetter, Plan, Resolution,
};

const NQ28_2008: (&str, (i32, u32, u32)) = ("28-NQ/TW", (2008, 9, 22));
const ND152: (&str, (i32, u32, u32)) = ("152/2007/NĐ-CP", (2007, 10, 10));
const TT124: (&str, (i32, u32, u32)) = ("124/2021/TT-BCA", (2021, 12, 28));

/// The directives of DESIGN section 9, in an order where bases come first.
const DIRECTIVES: &[DemoDirective] = &[
    DemoDirective { kind: Decree, number: "04/NĐ-CP", issued_on: (1995, 1, 16), issuer: "Chính phủ", issuer_agency: None,
        title: "Ban hành Quy chế bảo vệ công trình quốc phòng và khu quân sự", term: None, based_on: &[] },
    DemoDirective { kind: Decree, number: ND152.0, issued_on: ND152.1, issuer: "Chính phủ", issuer_agency: None,
        title: "Về khu vực phòng thủ", term: None, based_on: &[] },
    DemoDirective { kind: Resolution, number: NQ28_2008.0, issued_on: NQ28_2008.1, issuer: "Bộ Chính trị", issuer_agency: None,
        title: "Về tiếp tục xây dựng các tỉnh, thành phố trực thuộc Trung ương thành khu vực phòng thủ vững chắc trong tình hình mới",
        term: Some("X"), based_on: &[] },
    DemoDirective { kind: Directive, number: "09-CT/TW", issued_on: (2011, 12, 1), issuer: "Ban Bí thư", issuer_agency: None,
        title: "Về tăng cường sự lãnh đạo của Đảng đối với phong trào Toàn dân bảo vệ an ninh Tổ quốc trong tình hình mới",
        term: Some("XI"), based_on: &[] },
    DemoDirective { kind: Notice, number: "17-TT/TU", issued_on: (2012, 5, 11), issuer: "Tỉnh ủy", issuer_agency: Some("TU"),
        title: "Về thực hiện Chỉ thị 09-CT/TW của Ban Bí thư", term: None, based_on: &[("09-CT/TW", (2011, 12, 1))] },
    DemoDirective { kind: Resolution, number: "28-NQ/TW", issued_on: (2013, 10, 25), issuer: "Ban Chấp hành Trung ương",
        issuer_agency: None, title: "Về Chiến lược bảo vệ Tổ quốc trong tình hình mới", term: Some("XI"), based_on: &[] },
    DemoDirective { kind: Directive, number: "46-CT/TW", issued_on: (2015, 6, 22), issuer: "Bộ Chính trị", issuer_agency: None,
        title: "Về tăng cường sự lãnh đạo của Đảng đối với công tác bảo đảm an ninh, trật tự trong tình hình mới",
        term: Some("XI"), based_on: &[] },
    DemoDirective { kind: Decision, number: "06/QĐ-UBND", issued_on: (2017, 6, 9), issuer: "UBND tỉnh", issuer_agency: Some("UBND-TINH"),
        title: "Về tiêu chuẩn \"An toàn về an ninh, trật tự\"", term: None, based_on: &[] },
    DemoDirective { kind: Plan, number: "21/KH-STTTT", issued_on: (2018, 5, 21), issuer: "Sở Thông tin và Truyền thông",
        issuer_agency: Some("STTTT"), title: "Thực hiện nhiệm vụ quốc phòng, an ninh của Sở Thông tin và Truyền thông",
        term: None, based_on: &[NQ28_2008, ND152] },
    DemoDirective { kind: Circular, number: TT124.0, issued_on: TT124.1, issuer: "Bộ Công an", issuer_agency: None,
        title: "Quy định về tiêu chuẩn, hồ sơ, thủ tục xét, công nhận \"An toàn về an ninh, trật tự\"", term: None, based_on: &[] },
    DemoDirective { kind: Plan, number: "84/KH-STTTT", issued_on: (2022, 1, 21), issuer: "Sở Thông tin và Truyền thông",
        issuer_agency: Some("STTTT"), title: "Bảo đảm an ninh, trật tự năm 2022", term: None, based_on: &[NQ28_2008, ND152, TT124] },
    DemoDirective { kind: OfficialLetter, number: "118/STTTT-VP", issued_on: (2022, 1, 27), issuer: "Sở Thông tin và Truyền thông",
        issuer_agency: Some("STTTT"), title: "Đăng ký đạt tiêu chuẩn \"An toàn về an ninh, trật tự\" năm 2022", term: None,
        based_on: &[TT124] },
];

fn date((year, month, day): (i32, u32, u32)) -> Result<NaiveDate, ApiError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| ApiError::internal("bad demo date"))
}

/// The id of the directive with this identity, if recorded.
pub fn find(
    conn: &mut AnyConnection,
    kind: DirectiveKind,
    number: &str,
    issued_on: NaiveDate,
) -> Result<Option<String>, ApiError> {
    Ok(directives::table
        .filter(directives::kind.eq(kind.as_str()))
        .filter(directives::number.eq(number))
        .filter(directives::issued_on.eq(issued_on))
        .select(directives::id)
        .first(conn)
        .optional()?)
}

fn directive_id(
    conn: &mut AnyConnection,
    kind: DirectiveKind,
    number: &str,
    issued_on: (i32, u32, u32),
) -> Result<Option<String>, ApiError> {
    Ok(directives::table
        .filter(directives::kind.eq(kind.as_str()))
        .filter(directives::number.eq(number))
        .filter(directives::issued_on.eq(date(issued_on)?))
        .select(directives::id)
        .first(conn)
        .optional()?)
}

fn seed_directive(conn: &mut AnyConnection, demo: &DemoDirective) -> Result<bool, ApiError> {
    if directive_id(conn, demo.kind, demo.number, demo.issued_on)?.is_some() {
        return Ok(false);
    }
    let mut based_on = Vec::new();
    for (number, issued_on) in demo.based_on {
        let base = DIRECTIVES
            .iter()
            .find(|d| d.number == *number && d.issued_on == *issued_on)
            .ok_or(ApiError::NotFound)?;
        based_on
            .push(directive_id(conn, base.kind, number, *issued_on)?.ok_or(ApiError::NotFound)?);
    }
    let issuer_agency_id = match demo.issuer_agency {
        Some(code) => Some(
            agency_queries::find_by_code(conn, code)?
                .ok_or(ApiError::NotFound)?
                .id,
        ),
        None => None,
    };
    let new = NewDirective {
        kind: demo.kind,
        number: demo.number.to_owned(),
        issuer: Some(demo.issuer.to_owned()),
        issuer_agency_id,
        issued_on: date(demo.issued_on)?,
        title: demo.title.to_owned(),
        summary: None,
        term: demo.term.map(str::to_owned),
        status: DirectiveStatus::InForce,
        superseded_by: None,
        based_on,
    };
    insert_directive(conn, &System, &AuditActor::system(), new)?;
    Ok(true)
}

/// Records the demo directives that are missing; returns a line for the operator.
pub fn seed(conn: &mut AnyConnection) -> Result<String, ApiError> {
    let mut recorded = 0;
    for demo in DIRECTIVES {
        recorded += usize::from(seed_directive(conn, demo)?);
    }
    Ok(format!(
        "directives: {recorded} recorded, {} already there",
        DIRECTIVES.len() - recorded
    ))
}
