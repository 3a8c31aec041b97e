-- Periodic reviews (sơ kết, tổng kết; issue 12): figures frozen from the dashboard at creation,
-- narrative sections written afterwards.
CREATE TABLE reviews (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    agency_id TEXT REFERENCES agencies (id),
    include_predecessors BOOLEAN NOT NULL,
    title TEXT NOT NULL,
    directive_ids TEXT NOT NULL,
    figures TEXT NOT NULL,
    results TEXT,
    shortcomings TEXT,
    next_tasks TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX reviews_agency_id ON reviews (agency_id, id);
