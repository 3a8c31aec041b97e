//! The service's own background work, on a thread of its own so that it holds neither the
//! async workers nor the blocking pool that requests use: deadline reminders once a minute
//! (`reminders`) with the reorganisations scheduled for the day (`reorganisations::schedule`),
//! then webhook fan-out and delivery once a second (`webhooks::worker`), so a
//! reminder reaches receivers in the same second it is published.

use std::time::{Duration, Instant};

use chrono::Utc;

use crate::config::Config;
use crate::db::DbPool;

const REMINDERS_EVERY: Duration = Duration::from_secs(60);

pub fn spawn(pool: DbPool, config: &Config) -> std::io::Result<()> {
    let (webhooks, reminders) = (config.webhooks.clone(), config.reminders.clone());
    std::thread::Builder::new()
        .name("background".into())
        .spawn(move || {
            let agent = crate::webhooks::worker::agent(&webhooks);
            let mut reminded: Option<Instant> = None;
            loop {
                let started = Instant::now();
                if reminded.is_none_or(|at| at.elapsed() >= REMINDERS_EVERY) {
                    reminded = Some(started);
                    match crate::reminders::pass(&pool, &reminders, Utc::now().naive_utc()) {
                        Ok(0) => {}
                        Ok(sent) => log::info!("published {sent} deadline reminders"),
                        Err(error) => log::error!("the reminder job failed: {error:?}"),
                    }
                    let today = crate::domain::task::vietnam_date(Utc::now());
                    match crate::reorganisations::schedule::apply_due(&pool, today) {
                        Ok(0) => {}
                        Ok(applied) => log::info!("applied {applied} scheduled reorganisations"),
                        Err(error) => log::error!("the reorganisation job failed: {error:?}"),
                    }
                }
                let now = Utc::now().naive_utc();
                if let Err(error) = crate::webhooks::worker::pass(&pool, &webhooks, &agent, now) {
                    log::error!("webhook delivery pass failed: {error:?}");
                }
                std::thread::sleep(Duration::from_secs(1).saturating_sub(started.elapsed()));
            }
        })
        .map(|_| ())
}
