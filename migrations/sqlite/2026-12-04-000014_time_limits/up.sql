-- The province's own time limits (thời hạn) where it changed a default, each with the rule it
-- comes from; the defaults and their sources live in `domain::time_limit`.
CREATE TABLE time_limits (
    code TEXT PRIMARY KEY NOT NULL,
    count INTEGER NOT NULL CHECK (count > 0),
    source TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);

-- Set when the field work ends, by the limits then in force.
ALTER TABLE delegations ADD COLUMN results_due_on DATE;
ALTER TABLE delegations ADD COLUMN conclusions_due_on DATE;
-- The number of the decision that closed it while recommendations were still open.
ALTER TABLE delegations ADD COLUMN closing_decision TEXT;
