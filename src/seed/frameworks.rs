//! Built-in framework templates modelled on DESIGN section 9: the agency standard of Thông tư
//! 124/2021/TT-BCA and the movement classification of QĐ 510/QĐ-BCA-V05. Wording and points are
//! demo data for admins to check and edit before publishing, not the legal text.

use crate::audit::AuditActor;
use crate::db::AnyConnection;
use crate::domain::framework::{Criterion, CriterionGroup, Rating, Thresholds};
use crate::domain::values::AgencyKind;
use crate::error::ApiError;
use crate::frameworks::create::insert_version;
use crate::frameworks::input::{check_content, Content};
use crate::frameworks::queries;

/// (code, title, max points; 0 marks a "không để xảy ra" condition)
type Item = (&'static str, &'static str, u32);

struct Template {
    code: &'static str,
    name: &'static str,
    applies_to: &'static [AgencyKind],
    groups: &'static [(&'static str, &'static str, &'static [Item])],
    thresholds: Thresholds,
    disqualified_rating: Rating,
}

const NOTE: &str = "Template: wording and points are demo data modelled on the public rules; \
an admin checks and edits them before publishing. Mẫu tham khảo, cần rà soát trước khi ban hành.";

pub const AGENCY_STANDARD: &str = "TT124-CQ";

const TEMPLATES: &[Template] = &[
    Template {
        code: AGENCY_STANDARD,
        name: "[Mẫu] Tiêu chuẩn \"An toàn về an ninh, trật tự\" đối với cơ quan (Thông tư 124/2021/TT-BCA)",
        applies_to: &[AgencyKind::ProvinceBody, AgencyKind::Department, AgencyKind::AttachedUnit],
        groups: &[
            ("1", "Lãnh đạo, chỉ đạo và đăng ký", &[
                ("1.1", "Có nghị quyết của cấp ủy hoặc kế hoạch của cơ quan về công tác bảo đảm an ninh, trật tự", 10),
                ("1.2", "Đăng ký phấn đấu đạt tiêu chuẩn \"An toàn về an ninh, trật tự\" trong quý I", 5),
                ("1.3", "Sơ kết, tổng kết, báo cáo kết quả đúng thời hạn", 5),
            ]),
            ("2", "Nội quy, quy chế", &[
                ("2.1", "Có nội quy, quy chế bảo vệ cơ quan", 10),
                ("2.2", "Có quy chế bảo vệ bí mật nhà nước", 10),
                ("2.3", "Có quy định về phòng cháy, chữa cháy và trang bị phương tiện theo quy định", 10),
            ]),
            ("3", "Tuyên truyền và phong trào", &[
                ("3.1", "100% cán bộ được phổ biến, quán triệt nội quy, quy chế", 15),
                ("3.2", "Có ít nhất một mô hình phong trào toàn dân bảo vệ an ninh Tổ quốc hoạt động hiệu quả", 15),
                ("3.3", "Phối hợp với Công an phòng ngừa, đấu tranh với thông tin xấu độc", 10),
                ("3.4", "Cán bộ chấp hành tốt chủ trương, pháp luật; không có đơn thư vượt cấp", 10),
            ]),
            ("KX", "Điều kiện \"không để xảy ra\"", &[
                ("KX1", "Không để xảy ra lộ, lọt bí mật nhà nước", 0),
                ("KX2", "Không để xảy ra tội phạm, tai nạn, sự cố nghiêm trọng tại cơ quan", 0),
                ("KX3", "Không có cán bộ vi phạm pháp luật bị truy cứu trách nhiệm hình sự", 0),
            ]),
        ],
        thresholds: Thresholds { excellent: 90.0, good: 75.0, average: 50.0 },
        disqualified_rating: Rating::Weak,
    },
    Template {
        code: "QD510-PT",
        name: "[Mẫu] Xếp loại phong trào toàn dân bảo vệ an ninh Tổ quốc theo điểm (QĐ 510/QĐ-BCA-V05)",
        applies_to: &[AgencyKind::District, AgencyKind::Commune, AgencyKind::Department],
        groups: &[
            ("1", "Lãnh đạo, chỉ đạo", &[
                ("1.1", "Ban hành văn bản lãnh đạo, chỉ đạo phong trào", 10),
                ("1.2", "Kiện toàn ban chỉ đạo, phân công nhiệm vụ", 10),
            ]),
            ("2", "Xây dựng lực lượng nòng cốt", &[
                ("2.1", "Củng cố lực lượng nòng cốt ở cơ sở", 10),
                ("2.2", "Tập huấn nghiệp vụ cho lực lượng nòng cốt", 10),
            ]),
            ("3", "Kết quả phong trào", &[
                ("3.1", "Mô hình tự quản về an ninh, trật tự hoạt động hiệu quả", 15),
                ("3.2", "Phát hiện, cung cấp thông tin về an ninh, trật tự", 15),
                ("3.3", "Kéo giảm tội phạm và tai nạn so với năm trước", 10),
            ]),
            ("4", "Sơ kết, khen thưởng", &[
                ("4.1", "Sơ kết, tổng kết phong trào đúng kỳ", 10),
                ("4.2", "Khen thưởng kịp thời tập thể, cá nhân tiêu biểu", 10),
            ]),
            ("KX", "Điều kiện \"không để xảy ra\"", &[
                ("KX1", "Không để xảy ra điểm nóng phức tạp về an ninh, trật tự", 0),
            ]),
        ],
        thresholds: Thresholds { excellent: 90.0, good: 70.0, average: 50.0 },
        disqualified_rating: Rating::Average,
    },
];

fn content(template: &Template) -> Content {
    let groups = template
        .groups
        .iter()
        .map(|(code, title, items)| CriterionGroup {
            code: (*code).to_owned(),
            title: (*title).to_owned(),
            criteria: items
                .iter()
                .map(|(code, title, points)| Criterion {
                    code: (*code).to_owned(),
                    title: (*title).to_owned(),
                    guidance: None,
                    max_points: *points,
                    disqualifying: *points == 0,
                })
                .collect(),
        })
        .collect();
    Content {
        name: template.name.to_owned(),
        description: Some(NOTE.to_owned()),
        applies_to: template.applies_to.to_vec(),
        groups,
        thresholds: template.thresholds,
        disqualified_rating: template.disqualified_rating,
    }
}

/// Stores each template as a draft version 1 unless a framework with its code exists.
pub fn load_templates(conn: &mut AnyConnection, actor: &AuditActor) -> Result<String, ApiError> {
    let mut created = 0;
    for template in TEMPLATES {
        if queries::latest_version(conn, template.code)?.is_some() {
            continue;
        }
        let content = content(template);
        check_content(&content.groups, &content.thresholds)?;
        insert_version(conn, actor, template.code, 1, content, None)?;
        created += 1;
    }
    Ok(format!(
        "framework templates: {created} loaded as drafts, {} already there",
        TEMPLATES.len() - created
    ))
}
