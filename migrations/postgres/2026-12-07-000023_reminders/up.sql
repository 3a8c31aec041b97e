-- Deadline reminders already published to the change feed: one row per record, event and
-- threshold (days before a due date, or days a review has waited), so each is sent once
-- however many instances run the job.
CREATE TABLE reminders (
    entity_id TEXT NOT NULL,
    event TEXT NOT NULL,
    days INTEGER NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (entity_id, event, days)
);
