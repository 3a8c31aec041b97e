-- Webhook subscriptions: a receiver's URL, the event types it wants (patterns such as
-- `task.*`), the secret its deliveries are signed with (kept as given: signing needs it), and
-- the agency whose subtree it follows (none for the whole province). `after_seq` is how far
-- the change feed has been fanned out to it; `failure_streak` counts failed attempts in a row.
CREATE TABLE webhooks (
    id TEXT PRIMARY KEY NOT NULL,
    url TEXT NOT NULL,
    description TEXT,
    event_types TEXT NOT NULL,
    secret TEXT NOT NULL,
    agency_id TEXT REFERENCES agencies (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    active BOOLEAN NOT NULL,
    disabled_reason TEXT,
    failure_streak INTEGER NOT NULL,
    after_seq BIGINT NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhooks_agency_id ON webhooks (agency_id);

-- One event to send to one webhook, sent in `ordinal` order per webhook (the change's number;
-- 0 for a test ping). `claimed_until` is the lease of the instance sending it.
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    ordinal BIGINT NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    last_status_code INTEGER,
    last_duration_ms INTEGER,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (webhook_id, status, ordinal);

-- Every attempt to send a delivery, for the delivery log.
CREATE TABLE webhook_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempted_at TIMESTAMP NOT NULL,
    status_code INTEGER,
    duration_ms INTEGER NOT NULL,
    error TEXT
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempted_at);
