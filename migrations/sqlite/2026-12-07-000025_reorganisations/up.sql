-- Reorganisations (sắp xếp tổ chức bộ máy): a decision merging agencies into a successor or
-- dissolving one, whose open work the successor takes over when it is applied. The applied
-- ones are the agencies' lineage: the sources of a reorganisation are its successor's
-- predecessors. The agencies themselves keep their rows, names and records.
CREATE TABLE reorganisations (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    decision_number TEXT NOT NULL,
    decision_date DATE NOT NULL,
    effective_on DATE NOT NULL,
    successor_id TEXT NOT NULL REFERENCES agencies (id),
    status TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    -- The admin who applied it ahead of its date: the scheduler applies it as them.
    scheduled_by TEXT REFERENCES users (id),
    applied_at TIMESTAMP,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX reorganisations_successor ON reorganisations (successor_id);
CREATE INDEX reorganisations_due ON reorganisations (status, effective_on);

CREATE TABLE reorganisation_sources (
    reorganisation_id TEXT NOT NULL REFERENCES reorganisations (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    PRIMARY KEY (reorganisation_id, agency_id)
);
CREATE INDEX reorganisation_sources_agency ON reorganisation_sources (agency_id);
