//! Recognising evidence files by their bytes, not by what the client claims.

/// The content type of an allowed evidence file (PDF, images, Office and OpenDocument files),
/// from its first bytes and, for container formats, its file name's extension.
pub fn detect(head: &[u8], filename: &str) -> Option<&'static str> {
    let extension = filename
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if head.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("image/png");
    }
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("image/jpeg");
    }
    if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        return Some("image/gif");
    }
    if head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
        return Some("image/webp");
    }
    if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        return Some("image/tiff");
    }
    // Office Open XML and OpenDocument files are zip archives; old Office files are OLE2.
    if head.starts_with(b"PK\x03\x04") {
        return match extension.as_str() {
            "docx" => {
                Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            }
            "xlsx" => Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "pptx" => {
                Some("application/vnd.openxmlformats-officedocument.presentationml.presentation")
            }
            "odt" => Some("application/vnd.oasis.opendocument.text"),
            "ods" => Some("application/vnd.oasis.opendocument.spreadsheet"),
            "odp" => Some("application/vnd.oasis.opendocument.presentation"),
            _ => None,
        };
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return match extension.as_str() {
            "doc" => Some("application/msword"),
            "xls" => Some("application/vnd.ms-excel"),
            "ppt" => Some("application/vnd.ms-powerpoint"),
            _ => None,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_allowed_types_by_their_bytes() {
        assert_eq!(
            detect(b"%PDF-1.7\n", "bien ban.pdf"),
            Some("application/pdf")
        );
        assert_eq!(detect(b"%PDF-1.7\n", "anh.jpg"), Some("application/pdf"));
        assert_eq!(
            detect(&[0xFF, 0xD8, 0xFF, 0xE0], "anh.jpg"),
            Some("image/jpeg")
        );
        assert_eq!(
            detect(b"PK\x03\x04rest", "Báo cáo.docx"),
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        );
        assert_eq!(detect(b"PK\x03\x04rest", "archive.zip"), None);
        assert_eq!(detect(b"MZ\x90\x00", "setup.pdf"), None);
        assert_eq!(detect(b"<html>", "page.pdf"), None);
        assert_eq!(detect(b"", "empty.pdf"), None);
    }
}
