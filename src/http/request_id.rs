//! Request ids: taken from a well-formed `X-Request-Id` or generated, echoed on the response,
//! attached to log lines and audit events.

use actix_web::{HttpMessage, HttpRequest};

pub const HEADER: &str = "x-request-id";

#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl RequestId {
    /// Accepts a client's id only when it is short and plain, so it is safe in logs.
    pub fn from_header(value: Option<&str>) -> Self {
        match value {
            Some(v)
                if (1..=64).contains(&v.len())
                    && v.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) =>
            {
                Self(v.to_owned())
            }
            _ => Self(uuid::Uuid::now_v7().to_string()),
        }
    }

    pub fn of(req: &HttpRequest) -> Option<String> {
        req.extensions().get::<RequestId>().map(|r| r.0.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_plain_ids_and_replaces_hostile_ones() {
        assert_eq!(RequestId::from_header(Some("abc-123")).0, "abc-123");
        assert_ne!(RequestId::from_header(Some("a\nb")).0, "a\nb");
        assert_eq!(RequestId::from_header(None).0.len(), 36);
    }
}
