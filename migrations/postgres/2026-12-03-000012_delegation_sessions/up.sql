-- Working sessions (buổi làm việc) of a delegation with one subject: in person or remote, with
-- the participants and the minutes (biên bản).
CREATE TABLE delegation_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    delegation_id TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    held_on DATE NOT NULL,
    place TEXT,
    remote BOOLEAN NOT NULL,
    participants TEXT NOT NULL,
    minutes TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    FOREIGN KEY (delegation_id, agency_id) REFERENCES delegation_subjects (delegation_id, agency_id)
);
CREATE INDEX delegation_sessions_subject ON delegation_sessions (delegation_id, agency_id, held_on);
