-- Safe retries (the IETF httpapi draft "The Idempotency-Key HTTP Header Field"): the first
-- answer to a caller's POST with a key, kept 24 hours and replayed to a repeat. `status` is
-- null while the first request is still running.
CREATE TABLE idempotency_keys (
    caller_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER,
    content_type TEXT,
    location TEXT,
    etag TEXT,
    body TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (caller_id, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
