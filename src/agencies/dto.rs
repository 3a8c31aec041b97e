//! Request and response bodies of the agency endpoints, and their parsing into valid values.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::model::AgencyRow;
use crate::domain::ids::AgencyId;
use crate::domain::values::{parse_calendar_date, AgencyCode, AgencyKind, Name};
use crate::error::{ApiError, FieldErrors};
use crate::http::{double_option, whole_number};

pub const NAME_MAX: usize = 200;
pub const SHORT_NAME_MAX: usize = 50;
pub const HEADCOUNT_MAX: i32 = 1_000_000;

/// An agency (cơ quan, đơn vị) in the province's tree.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyDto {
    pub id: String,
    /// Unique code, e.g. `STTTT`.
    pub code: String,
    /// Full name, e.g. "Sở Thông tin và Truyền thông".
    pub name: String,
    /// Short name, e.g. "Sở TT&TT".
    pub short_name: Option<String>,
    pub kind: AgencyKind,
    /// The parent agency; absent for a root.
    pub parent_id: Option<String>,
    /// Number of staff (biên chế).
    pub headcount: i32,
    pub active: bool,
    /// The day it was established, when known.
    pub valid_from: Option<NaiveDate>,
    /// Its last day, when a reorganisation ended it (it stays, inactive, with its records).
    pub valid_to: Option<NaiveDate>,
    /// Changes on every update; send it back as `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl AgencyDto {
    pub fn from_row(row: AgencyRow) -> Result<Self, ApiError> {
        let kind = row.kind;
        Ok(Self {
            id: row.id.into_string(),
            code: row.code,
            name: row.name,
            short_name: row.short_name,
            kind,
            parent_id: row.parent_id.map(AgencyId::into_string),
            headcount: row.headcount,
            active: row.active,
            valid_from: row.valid_from,
            valid_to: row.valid_to,
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// A new agency. Only admins create agencies.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAgency {
    /// 2-32 upper-case letters, digits, `.`, `_`, `-`; unique.
    #[schema(
        pattern = "^[A-Z0-9][A-Z0-9._-]{1,31}$",
        min_length = 2,
        max_length = 32
    )]
    pub code: String,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub name: String,
    #[schema(max_length = 50, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text")]
    pub short_name: Option<String>,
    pub kind: AgencyKind,
    /// The parent agency; absent for a root.
    pub parent_id: Option<Uuid>,
    /// Defaults to 0.
    #[serde(default, deserialize_with = "whole_number")]
    #[schema(minimum = 0, maximum = 1000000)]
    pub headcount: Option<i32>,
    /// Defaults to true.
    pub active: Option<bool>,
    /// The day it was established (ngày thành lập), if known: no reorganisation may take
    /// effect before it.
    pub valid_from: Option<NaiveDate>,
}

/// Changes to an agency; absent fields stay as they are, `null` clears an optional one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAgency {
    #[schema(
        pattern = "^[A-Z0-9][A-Z0-9._-]{1,31}$",
        min_length = 2,
        max_length = 32
    )]
    pub code: Option<String>,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub name: Option<String>,
    #[schema(value_type = Option<String>, max_length = 50, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    #[serde(default, deserialize_with = "crate::http::optional_text_patch")]
    pub short_name: Option<Option<String>>,
    pub kind: Option<AgencyKind>,
    /// A new parent (`null` makes the agency a root). A parent inside the agency's own subtree
    /// is refused.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub parent_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "whole_number")]
    #[schema(minimum = 0, maximum = 1000000)]
    pub headcount: Option<i32>,
    pub active: Option<bool>,
}

/// Filters for the agency list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AgencyQuery {
    /// Only direct children of this agency.
    pub parent_id: Option<Uuid>,
    pub kind: Option<AgencyKind>,
    pub active: Option<bool>,
    /// Search over code, name and short name, ignoring case and Vietnamese diacritics.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
    /// `csv` or `xlsx` answers the whole filtered list as a file (streamed; `limit` and
    /// `cursor` are ignored), as does `Accept: text/csv`; `json` (default) answers a page.
    #[param(inline)]
    pub format: Option<crate::tabular::ListFormat>,
}

pub fn parse_headcount(value: i32) -> Result<i32, String> {
    if (0..=HEADCOUNT_MAX).contains(&value) {
        Ok(value)
    } else {
        Err(format!("must be between 0 and {HEADCOUNT_MAX}"))
    }
}

/// A create request whose fields are known valid.
pub struct NewAgency {
    pub code: AgencyCode,
    pub name: Name,
    pub short_name: Option<Name>,
    pub kind: AgencyKind,
    pub parent_id: Option<AgencyId>,
    pub headcount: i32,
    pub active: bool,
    pub valid_from: Option<NaiveDate>,
}

impl CreateAgency {
    pub fn parse(self) -> Result<NewAgency, ApiError> {
        let mut errors = FieldErrors::default();
        let code = errors.take("code", AgencyCode::parse(&self.code));
        let name = errors.take("name", Name::parse(&self.name, NAME_MAX));
        let short_name = match self.short_name.as_deref() {
            Some(s) => errors
                .take("short_name", Name::parse(s, SHORT_NAME_MAX))
                .map(Some),
            None => Some(None),
        };
        let headcount = errors.take("headcount", parse_headcount(self.headcount.unwrap_or(0)));
        if let Some(date) = self.valid_from {
            errors.take("valid_from", parse_calendar_date(date));
        }
        errors.finish()?;
        match (code, name, short_name, headcount) {
            (Some(code), Some(name), Some(short_name), Some(headcount)) => Ok(NewAgency {
                code,
                name,
                short_name,
                kind: self.kind,
                parent_id: self.parent_id.map(AgencyId::from),
                headcount,
                active: self.active.unwrap_or(true),
                valid_from: self.valid_from,
            }),
            _ => Err(ApiError::internal("agency parse lost an error")),
        }
    }
}

/// An update request whose fields are known valid.
#[derive(Default)]
pub struct AgencyPatch {
    pub code: Option<AgencyCode>,
    pub name: Option<Name>,
    pub short_name: Option<Option<Name>>,
    pub kind: Option<AgencyKind>,
    pub parent_id: Option<Option<AgencyId>>,
    pub headcount: Option<i32>,
    pub active: Option<bool>,
}

impl UpdateAgency {
    pub fn parse(self) -> Result<AgencyPatch, ApiError> {
        let mut errors = FieldErrors::default();
        let patch = AgencyPatch {
            code: self
                .code
                .and_then(|c| errors.take("code", AgencyCode::parse(&c))),
            name: self
                .name
                .and_then(|n| errors.take("name", Name::parse(&n, NAME_MAX))),
            short_name: match self.short_name {
                Some(Some(s)) => errors
                    .take("short_name", Name::parse(&s, SHORT_NAME_MAX))
                    .map(Some),
                Some(None) => Some(None),
                None => None,
            },
            kind: self.kind,
            parent_id: self.parent_id.map(|p| p.map(AgencyId::from)),
            headcount: self
                .headcount
                .and_then(|h| errors.take("headcount", parse_headcount(h))),
            active: self.active,
        };
        errors.finish()?;
        Ok(patch)
    }
}
