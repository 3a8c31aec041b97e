//! Bulk imports (nhập dữ liệu hàng loạt) of agencies, directives and tasks from CSV, XLSX or
//! JSON: each row goes through its resource's own create path, in one write that keeps every
//! row or none.

pub mod agencies;
mod cells;
pub mod directives;
pub mod dto;
mod run;
pub mod tasks;

use std::collections::HashMap;

use utoipa::ToSchema;
use uuid::Uuid;

use crate::agencies::access as agency_access;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::domain::permissions::Actor;
use crate::error::ApiError;
use cells::Reference;

/// One row as a JSON object: column names (or Vietnamese headers) to texts, numbers,
/// booleans or lists (for the `;`-separated columns).
#[derive(ToSchema)]
pub struct JsonRow(#[allow(dead_code)] HashMap<String, serde_json::Value>);

/// The id of an agency a row names by id or by code (`code_field`), inside the caller's
/// scope: an agency outside it is as unknown as a code nobody has.
fn agency_uuid(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    reference: Reference,
    code_field: &str,
) -> Result<Uuid, ApiError> {
    match reference {
        Reference::Id(id) => Ok(id),
        Reference::Code(code) => {
            let agency = agency_access::named_by_code(conn, caller.scope(), &code, code_field)?;
            Uuid::parse_str(agency.id.as_str()).map_err(ApiError::internal)
        }
    }
}
