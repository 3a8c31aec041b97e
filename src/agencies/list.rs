//! `GET /api/v1/agencies`: the agencies in the caller's scope, filtered and paged.

use actix_web::{web, HttpRequest, HttpResponse};

use super::access;
use super::dto::{AgencyDto, AgencyQuery};
use super::queries::AgencyFilter;
use crate::auth::Authenticated;
use crate::domain::ids::AgencyId;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;
use crate::tabular::columns::AGENCIES;
use crate::tabular::export::{self, cells_of, Export};
use crate::tabular::ListFormat;

/// List agencies
///
/// The agencies the caller sees: the whole province for admins, supervisors, inspectors and
/// viewers; the caller's own subtree for agency users. Search by name ignores case and diacritics.
/// `format=csv` or `format=xlsx` (or `Accept: text/csv`) exports every matching agency, streamed,
/// with the columns `POST /imports/agencies` reads.
#[utoipa::path(
    get,
    path = "/api/v1/agencies",
    tag = "agencies",
    params(AgencyQuery),
    security(("bearer" = []), ("client_credentials" = ["agencies:read"])),
    responses(
        (status = 200, description = "A page of agencies in your scope, or with `format=csv|xlsx` all of them as a file", content(
            (Page<AgencyDto> = "application/json"),
            (String = "text/csv"),
            (crate::tabular::Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 422, description = "Invalid filter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Four exports are running already; retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_agencies(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    query: web::Query<AgencyQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let mut errors = FieldErrors::default();
    errors.max_chars("q", query.q.as_deref(), 200);
    errors.finish()?;
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let query_format = query.format;
    let filter = AgencyFilter {
        parent_id: query.parent_id.map(AgencyId::from),
        kind: query.kind.map(|k| k.as_str().to_owned()),
        active: query.active,
        q: query.q,
    };
    if let format @ (ListFormat::Csv | ListFormat::Xlsx) =
        ListFormat::negotiate(query_format, req.headers())
    {
        let fetch = move |conn: &mut _, user: &_, page: &PageRequest| {
            access::list(conn, user, filter.clone(), page)?
                .into_iter()
                .map(|row| {
                    let id = row.id.as_str().to_owned();
                    Ok((id, cells_of(&AgencyDto::from_row(row)?, AGENCIES)?))
                })
                .collect()
        };
        let export = Export {
            name: "agencies",
            columns: AGENCIES,
            fetch,
        };
        return export::respond(&state, auth, format, export).await;
    }
    let fetch = page.clone();
    let rows = state
        .pool
        .run_as(auth, move |conn, user| {
            access::list(conn, user, filter, &fetch)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page.try_finish(rows, |r| r.id.as_str(), AgencyDto::from_row)?))
}
