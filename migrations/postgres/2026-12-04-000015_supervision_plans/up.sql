-- A body's yearly plan of supervisions and inspections (kế hoạch kiểm tra, giám sát năm): its
-- items (topic, kind, planned month, legal bases, subjects) are checked on every write and kept
-- as one JSON list, in their order.
CREATE TABLE supervision_plans (
    id TEXT PRIMARY KEY NOT NULL,
    year INTEGER NOT NULL,
    body_agency_id TEXT NOT NULL REFERENCES agencies (id),
    title TEXT NOT NULL,
    items TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
    approved_at TIMESTAMP,
    approved_by TEXT REFERENCES users (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (body_agency_id, year)
);
CREATE INDEX supervision_plans_year ON supervision_plans (year);

-- The approved plan a delegation carries out, if any.
ALTER TABLE delegations ADD COLUMN plan_id TEXT REFERENCES supervision_plans (id);
-- The number of the decision that extended its field work (once, by at most one third).
ALTER TABLE delegations ADD COLUMN extension_decision TEXT;
