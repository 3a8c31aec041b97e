//! The JSON shapes of the time limits.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::access::Stored;
use crate::domain::time_limit::{count_bounds, LimitUnit, TimeLimit, TimeLimitCode};
use crate::domain::values::Name;
use crate::error::{ApiError, FieldErrors};

/// A time limit of supervision in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimeLimitDto {
    pub code: TimeLimitCode,
    pub unit: LimitUnit,
    pub count: i32,
    /// The rule it comes from: the province's own where it set one.
    pub source: String,
    pub default_count: i32,
    pub default_source: String,
    /// Whether the province set its own rule.
    pub changed: bool,
    /// The limit's version (0 while it is the default), also its `ETag`.
    pub version: i32,
}

impl From<Stored> for TimeLimitDto {
    fn from(stored: Stored) -> Self {
        let rule = stored.limit.code.default_rule();
        Self {
            code: stored.limit.code,
            unit: rule.unit,
            count: stored.limit.count,
            source: stored.limit.source,
            default_count: rule.count,
            default_source: rule.source.to_owned(),
            changed: stored.version > 0,
            version: stored.version,
        }
    }
}

/// The province's own rule for a time limit.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutTimeLimit {
    /// In the limit's unit: 1 to 365 days, 1 to 250 working days, 1 to 10 years.
    #[schema(minimum = 1, maximum = 365)]
    pub count: i32,
    /// The document that sets it, e.g. "Quyết định 12/2026/QĐ-UBND".
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*\S[^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub source: String,
}

impl PutTimeLimit {
    pub fn parse(self, code: TimeLimitCode) -> Result<TimeLimit, ApiError> {
        let mut errors = FieldErrors::default();
        let bounds = count_bounds(code.unit());
        if !bounds.contains(&self.count) {
            errors.add(
                "count",
                format!(
                    "must be from {} to {} {}",
                    bounds.start(),
                    bounds.end(),
                    code.unit().as_str().replace('_', " ")
                ),
            );
        }
        let source = errors.take(
            "source",
            Name::parse(&self.source, 500).map(Name::into_inner),
        );
        errors.finish()?;
        Ok(TimeLimit {
            code,
            count: self.count,
            source: source.unwrap_or_default(),
        })
    }
}
