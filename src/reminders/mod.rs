//! The deadline-reminder job: publishes `task.due_soon`, `task.overdue`,
//! `report.review_pending` and `assessment.review_pending` to the change feed (and so to
//! webhooks), once per record and threshold (`domain::reminder`). Run by the background
//! thread once a minute; with several instances, the `reminders` key lets one of them win.

mod queries;

use chrono::NaiveDateTime;

use crate::changes::{self, Change};
use crate::db::{write_transaction, AnyConnection, DbPool};
use crate::domain::change::ChangeType;
use crate::domain::reminder::{due_soon_window, overdue_window, ReminderEvent, ReminderRules};
use crate::domain::task::vietnam_date;
use crate::error::ApiError;

/// Reminders published per transaction.
const BATCH: i64 = 500;

/// A record to remind about: its id and current version.
pub(crate) type Due = (String, i32);

/// Publishes every reminder due at `now`; returns how many.
pub fn pass(pool: &DbPool, rules: &ReminderRules, now: NaiveDateTime) -> Result<usize, ApiError> {
    let today = vietnam_date(now.and_utc());
    let mut conn = pool.get()?;
    let mut sent = 0;
    for &days in rules.due_soon_days() {
        let (event, window) = (ReminderEvent::TaskDueSoon, due_soon_window(today, days));
        sent += publish_all(&mut conn, event, days, now, |c| {
            queries::system_open_tasks(c, window, event, Some(days), BATCH)
        })?;
    }
    let (event, window) = (ReminderEvent::TaskOverdue, overdue_window(today));
    sent += publish_all(&mut conn, event, 0, now, |c| {
        queries::system_open_tasks(c, window, event, None, BATCH)
    })?;
    let waited_since = now - chrono::Duration::days(i64::from(rules.review_days));
    let days = rules.review_days;
    sent += publish_all(
        &mut conn,
        ReminderEvent::ReportReviewPending,
        days,
        now,
        |c| queries::system_reports_waiting(c, waited_since, BATCH),
    )?;
    sent += publish_all(
        &mut conn,
        ReminderEvent::AssessmentReviewPending,
        days,
        now,
        |c| queries::system_assessments_waiting(c, waited_since, BATCH),
    )?;
    Ok(sent)
}

/// Publishes batch after batch of what `find` selects, each batch in one transaction with its
/// `reminders` rows. A batch another instance published first rolls back (the key is taken)
/// and ends this kind of reminder for this pass.
fn publish_all(
    conn: &mut AnyConnection,
    event: ReminderEvent,
    days: i32,
    now: NaiveDateTime,
    find: impl Fn(&mut AnyConnection) -> Result<Vec<Due>, ApiError>,
) -> Result<usize, ApiError> {
    let mut sent = 0;
    loop {
        let published = write_transaction(conn, |c| {
            let due = find(c)?;
            for (id, version) in &due {
                queries::mark_sent(c, id, event.action(), days, now)?;
                changes::publish(c, change(event, id, *version, now))?;
            }
            Ok(due.len())
        });
        match published {
            Ok(count) => {
                sent += count;
                if (count as i64) < BATCH {
                    return Ok(sent);
                }
            }
            Err(ApiError::Conflict(_)) => return Ok(sent),
            Err(other) => return Err(other),
        }
    }
}

fn change(event: ReminderEvent, id: &str, version: i32, at: NaiveDateTime) -> Change<'_> {
    let kind = match event {
        ReminderEvent::TaskDueSoon | ReminderEvent::TaskOverdue => ChangeType::Task,
        ReminderEvent::ReportReviewPending => ChangeType::Report,
        ReminderEvent::AssessmentReviewPending => ChangeType::Assessment,
    };
    Change {
        kind,
        entity_id: id,
        action: event.action(),
        version: Some(version),
        reach: None,
        at,
    }
}
