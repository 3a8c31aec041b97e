//! The column sets of the kinds that are imported and exported, with the Vietnamese headers
//! an import accepts in place of the column names. Kept as data so a new column is one line.

use std::collections::HashMap;

use crate::domain::search_key::fold;
use crate::error::FieldError;

/// Whether a column is read by imports, written by exports, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Both,
    /// A reference by code or number, resolved on import; exports write the id column.
    ImportOnly,
    /// Ids, states and times the service keeps; an import ignores them, so an export can be
    /// imported again.
    ExportOnly,
}

/// One column: its name (the API's field name) and the Vietnamese header also accepted.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub vietnamese: &'static str,
    pub used: Use,
}

const fn col(name: &'static str, vietnamese: &'static str, used: Use) -> Column {
    Column {
        name,
        vietnamese,
        used,
    }
}

const KEPT: [Column; 3] = [
    col("version", "Phiên bản", Use::ExportOnly),
    col("created_at", "Thời điểm tạo", Use::ExportOnly),
    col("updated_at", "Thời điểm cập nhật", Use::ExportOnly),
];

/// Agencies (cơ quan, đơn vị). A parent is named by `parent_id` or `parent_code`.
pub const AGENCIES: &[Column] = &[
    col("id", "Mã định danh", Use::ExportOnly),
    col("code", "Mã đơn vị", Use::Both),
    col("name", "Tên đơn vị", Use::Both),
    col("short_name", "Tên viết tắt", Use::Both),
    col("kind", "Loại đơn vị", Use::Both),
    col("parent_id", "Định danh đơn vị cấp trên", Use::Both),
    col("parent_code", "Mã đơn vị cấp trên", Use::ImportOnly),
    col("headcount", "Biên chế", Use::Both),
    col("active", "Đang hoạt động", Use::Both),
    col("valid_from", "Ngày thành lập", Use::Both),
    KEPT[0],
    KEPT[1],
    KEPT[2],
];

/// Directives (văn bản chỉ đạo). The issuing agency is named by id or code.
pub const DIRECTIVES: &[Column] = &[
    col("id", "Mã định danh", Use::ExportOnly),
    col("kind", "Loại văn bản", Use::Both),
    col("number", "Số, ký hiệu", Use::Both),
    col("issuer", "Cơ quan ban hành", Use::Both),
    col("issuer_agency_id", "Định danh cơ quan ban hành", Use::Both),
    col("issuer_agency_code", "Mã cơ quan ban hành", Use::ImportOnly),
    col("issued_on", "Ngày ban hành", Use::Both),
    col("title", "Trích yếu", Use::Both),
    col("summary", "Tóm tắt", Use::Both),
    col("term", "Nhiệm kỳ", Use::Both),
    col("status", "Hiệu lực", Use::Both),
    KEPT[0],
    KEPT[1],
    KEPT[2],
];

/// Tasks (nhiệm vụ). The directive is named by id or number, agencies by ids or codes
/// (several separated by `;`).
pub const TASKS: &[Column] = &[
    col("id", "Mã định danh", Use::ExportOnly),
    col("directive_id", "Định danh văn bản", Use::Both),
    col("directive_number", "Số, ký hiệu văn bản", Use::ImportOnly),
    col("title", "Tên nhiệm vụ", Use::Both),
    col("description", "Nội dung", Use::Both),
    col("lead_agency_id", "Định danh đơn vị chủ trì", Use::Both),
    col("lead_agency_code", "Đơn vị chủ trì", Use::ImportOnly),
    col(
        "coordinating_agency_ids",
        "Định danh đơn vị phối hợp",
        Use::Both,
    ),
    col(
        "coordinating_agency_codes",
        "Đơn vị phối hợp",
        Use::ImportOnly,
    ),
    col("start_on", "Ngày bắt đầu", Use::Both),
    col("due_on", "Thời hạn", Use::Both),
    col("priority", "Mức độ ưu tiên", Use::Both),
    col("target_value", "Chỉ tiêu", Use::Both),
    col("target_unit", "Đơn vị tính", Use::Both),
    col("recurrence", "Định kỳ", Use::Both),
    col("status", "Trạng thái", Use::ExportOnly),
    col("deadline_status", "Tình trạng thời hạn", Use::ExportOnly),
    col("completed_on", "Ngày hoàn thành", Use::ExportOnly),
    KEPT[0],
    KEPT[1],
    KEPT[2],
];

/// The names of the columns an export writes, in order.
pub fn exported(columns: &'static [Column]) -> impl Iterator<Item = &'static str> {
    columns
        .iter()
        .filter(|c| c.used != Use::ImportOnly)
        .map(|c| c.name)
}

/// Which column each header of a file names (`None`: an export-only column, ignored); an
/// unknown or repeated header is an error in row 1.
pub fn map_headers(
    columns: &'static [Column],
    headers: &[String],
) -> Result<Vec<Option<&'static str>>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mapped = headers
        .iter()
        .map(|header| {
            let key = fold(&header.replace('_', " "));
            let column = columns
                .iter()
                .find(|c| fold(&c.name.replace('_', " ")) == key || fold(c.vietnamese) == key);
            match column {
                None => {
                    let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
                    let message = format!("is not a column here; columns: {}", names.join(", "));
                    errors.push(FieldError::new(header, message).at_row(1));
                    None
                }
                Some(c) if seen.contains(&c.name) => {
                    errors.push(FieldError::new(header, "names a column twice").at_row(1));
                    None
                }
                Some(c) => {
                    seen.push(c.name);
                    (c.used != Use::ExportOnly).then_some(c.name)
                }
            }
        })
        .collect();
    if errors.is_empty() {
        Ok(mapped)
    } else {
        Err(errors)
    }
}

/// One imported row, its cells by column name; an empty cell counts as absent.
pub struct Record<'a> {
    pub number: u32,
    cells: HashMap<&'static str, &'a str>,
}

impl<'a> Record<'a> {
    pub fn new(number: u32, mapping: &[Option<&'static str>], cells: &'a [String]) -> Self {
        let cells = mapping
            .iter()
            .zip(cells)
            .filter_map(|(column, cell)| column.map(|c| (c, cell.as_str())))
            .filter(|(_, cell)| !cell.is_empty())
            .collect();
        Self { number, cells }
    }

    pub fn get(&self, column: &str) -> Option<&'a str> {
        self.cells.get(column).copied()
    }

    /// A list cell: items separated by `;` or `,`, blanks dropped.
    pub fn list(&self, column: &str) -> Option<Vec<&'a str>> {
        self.get(column).map(|cell| {
            cell.split([';', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
    }

    /// An error in this row.
    pub fn error(&self, column: &str, message: impl Into<String>) -> FieldError {
        FieldError::new(column, message).at_row(self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_headers_and_names_map_to_columns() {
        let headers = ["Mã đơn vị", "TÊN ĐƠN VỊ", "parent code", "id"].map(String::from);
        let mapped = map_headers(AGENCIES, &headers).unwrap();
        assert_eq!(
            mapped,
            [Some("code"), Some("name"), Some("parent_code"), None]
        );
    }

    #[test]
    fn unknown_and_repeated_headers_are_row_one_errors() {
        let headers = ["code", "Mã đơn vị", "colour"].map(String::from);
        let errors = map_headers(AGENCIES, &headers).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().all(|e| e.row == Some(1)));
    }

    #[test]
    fn exports_leave_out_import_only_columns() {
        assert!(!exported(TASKS).any(|c| c == "lead_agency_code"));
        assert!(exported(TASKS).any(|c| c == "deadline_status"));
    }
}
