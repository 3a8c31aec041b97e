//! `GET /api/v1/directives`: directives filtered by kind, issuer, status, year and text.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;

use super::access;
use super::dto::{DirectiveDto, DirectiveQuery, YEARS};
use super::queries::DirectiveFilter;
use crate::auth::Authenticated;
use crate::domain::ids::AgencyId;
use crate::error::{ApiError, FieldError, FieldErrors, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;
use crate::tabular::columns::DIRECTIVES;
use crate::tabular::export::{self, cells_of, Export};
use crate::tabular::ListFormat;

fn year_range(year: i32) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let bounds = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    );
    match bounds {
        (Some(from), Some(to)) if YEARS.contains(&year) => Ok((from, to)),
        _ => Err(ApiError::Validation(vec![FieldError::new(
            "year",
            format!("must be between {} and {}", YEARS.start(), YEARS.end()),
        )])),
    }
}

/// List directives
///
/// Every logged-in user reads the whole register of directives (văn bản chỉ đạo). Filter by kind,
/// year or issuer, search number and title. `format=csv` or `format=xlsx` (or `Accept: text/csv`)
/// exports every matching directive, streamed, with the columns `POST /imports/directives` reads.
#[utoipa::path(
    get,
    path = "/api/v1/directives",
    tag = "directives",
    params(DirectiveQuery),
    security(("bearer" = []), ("client_credentials" = ["tasks:read"])),
    responses(
        (status = 200, description = "A page of directives, or with `format=csv|xlsx` all of them as a file", content(
            (Page<DirectiveDto> = "application/json"),
            (String = "text/csv"),
            (crate::tabular::Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 422, description = "Invalid filter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Four exports are running already; retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_directives(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    query: web::Query<DirectiveQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let mut errors = FieldErrors::default();
    errors.max_chars("q", query.q.as_deref(), 200);
    errors.max_chars("issuer", query.issuer.as_deref(), 200);
    errors.finish()?;
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let query_format = query.format;
    let filter = DirectiveFilter {
        kind: query.kind.map(|k| k.as_str().to_owned()),
        status: query.status.map(|s| s.as_str().to_owned()),
        issuer: query.issuer,
        issuer_agency_id: query.issuer_agency_id.map(AgencyId::from),
        issued_between: query.year.map(year_range).transpose()?,
        q: query.q,
    };
    if let format @ (ListFormat::Csv | ListFormat::Xlsx) =
        ListFormat::negotiate(query_format, req.headers())
    {
        let fetch = move |conn: &mut _, user: &_, page: &PageRequest| {
            access::list(conn, user, filter.clone(), page)?
                .into_iter()
                .map(|(row, based_on)| {
                    let id = row.id.as_str().to_owned();
                    Ok((
                        id,
                        cells_of(&DirectiveDto::from_row(row, based_on)?, DIRECTIVES)?,
                    ))
                })
                .collect()
        };
        let export = Export {
            name: "directives",
            columns: DIRECTIVES,
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
    let page = page.try_finish(
        rows,
        |(row, _)| row.id.as_str(),
        |(row, based_on)| DirectiveDto::from_row(row, based_on),
    );
    Ok(HttpResponse::Ok().json(page?))
}
