-- Progress and result reports (báo cáo tiến độ / kết quả) on tasks. A submitted report is never
-- edited; a returned one is revised as a new revision pointing at the one it replaces.
CREATE TABLE reports (
    id TEXT PRIMARY KEY NOT NULL,
    task_id TEXT NOT NULL REFERENCES tasks (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    period TEXT NOT NULL,
    body TEXT NOT NULL,
    actual_value DOUBLE PRECISION,
    status TEXT NOT NULL,
    revision INTEGER NOT NULL,
    previous_revision_id TEXT REFERENCES reports (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    submitted_by TEXT REFERENCES users (id),
    submitted_at TIMESTAMP,
    reviewed_by TEXT REFERENCES users (id),
    reviewed_at TIMESTAMP,
    review_comment TEXT,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX reports_task_id ON reports (task_id, id);
-- A returned report is revised once; its revision is the one that goes on.
CREATE UNIQUE INDEX reports_previous_revision_id ON reports (previous_revision_id);
