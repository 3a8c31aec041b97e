//! Queues, for each webhook (a paused one too, so it loses nothing), a delivery of every new change it wants, in the order of
//! the change feed.

use chrono::NaiveDateTime;

use super::super::model::DeliveryRow;
use super::super::{access, payload, queries};
use crate::auth::Scope;
use crate::db::{write_transaction, DbPool};
use crate::domain::change::ChangeType;
use crate::domain::webhook::EventFilter;
use crate::error::ApiError;

/// Changes read per webhook and transaction.
const BATCH: i64 = 500;

/// Returns how many deliveries were queued.
pub(super) fn run(pool: &DbPool, now: NaiveDateTime) -> Result<usize, ApiError> {
    let mut conn = pool.get()?;
    crate::changes::system_number(&mut conn)?;
    let hooks = access::system_all(&mut conn)?;
    let mut queued = 0;
    for (hook, path) in hooks {
        let scope = path.map_or(Scope::Province, Scope::Subtree);
        let filter = EventFilter::parse(&hook.event_types).map_err(ApiError::internal)?;
        let mut from = hook.after_seq;
        loop {
            let step = write_transaction(&mut conn, |c| {
                let changes = crate::changes::system_after(c, &scope, from, BATCH)?;
                let Some(last) = changes.last().and_then(|c| c.seq) else {
                    return Ok(None);
                };
                let mut rows: Vec<DeliveryRow> = Vec::new();
                for change in changes.iter().filter(|c| filter.wants(&c.action)) {
                    let kind = ChangeType::parse(&change.entity_type).ok_or_else(|| {
                        ApiError::internal(format!("unknown change kind {}", change.entity_type))
                    })?;
                    rows.push(payload::of_change(&hook.id, change, kind, now)?);
                }
                // Another instance that moved the position first has queued these already.
                if !queries::advance(c, &hook.id, from, last)? {
                    return Err(ApiError::LostRace("webhook fan-out".into()));
                }
                queries::insert_deliveries(c, &rows)?;
                Ok(Some((last, rows.len())))
            });
            match step {
                Ok(Some((last, count))) => {
                    queued += count;
                    from = last;
                }
                Ok(None) | Err(ApiError::LostRace(_)) => break,
                Err(other) => return Err(other),
            }
        }
    }
    Ok(queued)
}
