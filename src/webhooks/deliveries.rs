//! A webhook's delivery log (`GET /api/v1/webhooks/{id}/deliveries`) and sending a finished
//! delivery again (`POST .../deliveries/{delivery_id}/redeliver`).

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::access;
use super::dto::{DeliveryDto, WebhookPageQuery};
use super::model::{AttemptRow, DeliveryRow};
use crate::auth::Authenticated;
use crate::domain::ids::{DeliveryId, WebhookId};
use crate::error::{ApiError, Problem};
use crate::http::pagination::{Page, PageRequest};
use crate::state::AppState;

/// Read a webhook's delivery log
///
/// Its managers. Newest first: each delivery with its status (`pending`, `delivered`,
/// `failed` once the retry schedule is spent), the body posted, and every attempt with the
/// receiver's status code and the time it took.
#[utoipa::path(
    get,
    path = "/api/v1/webhooks/{id}/deliveries",
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The webhook's id"), WebhookPageQuery),
    security(("bearer" = []), ("client_credentials" = ["webhooks:manage"])),
    responses(
        (status = 200, description = "A page of deliveries", body = Page<DeliveryDto>),
        (status = 404, description = "No such webhook in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid page size or cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_deliveries(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    query: web::Query<WebhookPageQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = WebhookId::from(id.into_inner());
    let query = query.into_inner();
    let page = PageRequest::parse(query.limit, query.cursor)?;
    let fetch = page.clone();
    let (rows, mut attempts) = state
        .pool
        .run_as(auth, move |conn, caller| {
            let webhook = access::load(conn, caller, &id)?;
            access::deliveries_of(conn, &webhook, &fetch)
        })
        .await?;
    let page: Page<DeliveryDto> = page.try_finish(
        rows,
        |r| r.id.as_str(),
        |row| {
            let own = take_attempts(&mut attempts, &row);
            DeliveryDto::from_row(row, own)
        },
    )?;
    Ok(HttpResponse::Ok().json(page))
}

fn take_attempts(attempts: &mut Vec<AttemptRow>, delivery: &DeliveryRow) -> Vec<AttemptRow> {
    let (own, rest) = std::mem::take(attempts)
        .into_iter()
        .partition(|a| a.delivery_id == delivery.id);
    *attempts = rest;
    own
}

/// Send a delivery again
///
/// Its webhook's managers. A delivered or failed delivery goes back in the queue with a fresh
/// retry schedule and the same `webhook-id` (receivers drop repeats by it); a pending one is
/// 409.
#[utoipa::path(
    post,
    path = "/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver",
    tag = "webhooks",
    params(
        ("id" = Uuid, Path, description = "The webhook's id"),
        ("delivery_id" = Uuid, Path, description = "The delivery's id"),
    ),
    security(("bearer" = []), ("client_credentials" = ["webhooks:manage"])),
    responses(
        (status = 202, description = "The delivery, queued again", body = DeliveryDto),
        (status = 404, description = "No such webhook or delivery in your reach", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delivery is still pending", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn redeliver(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, delivery) = path.into_inner();
    let (id, delivery) = (WebhookId::from(id), DeliveryId::from(delivery));
    let row = state
        .pool
        .write_as(auth, move |conn, caller| {
            let webhook = access::load(conn, caller, &id)?;
            access::redeliver(conn, caller, &webhook, &delivery)
        })
        .await?;
    Ok(HttpResponse::Accepted().json(DeliveryDto::from_row(row, Vec::new())?))
}
