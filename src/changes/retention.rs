//! Keeping the change feed to its retention: a task inside the service prunes it hourly.

use std::time::Duration;

use crate::db::DbPool;

/// How often the feed is pruned.
const EVERY: Duration = Duration::from_secs(3600);

/// Prunes the changes older than `retention` now and then every hour, until the service
/// stops. On several instances each prunes; the deletes are idempotent.
pub async fn run(pool: DbPool, retention: Duration) {
    let mut ticks = actix_web::rt::time::interval(EVERY);
    loop {
        ticks.tick().await;
        let Ok(keep) = chrono::Duration::from_std(retention) else {
            log::error!("the change retention is out of range");
            return;
        };
        let before = chrono::Utc::now().naive_utc() - keep;
        match pool
            .write(move |conn| super::outbox::prune(conn, before))
            .await
        {
            Ok(0) => {}
            Ok(removed) => log::info!("pruned {removed} changes older than the retention"),
            Err(error) => log::error!("pruning the change feed failed: {error:?}"),
        }
    }
}
