-- A rename (đổi tên) keeps the agency, its id and its records, and remembers the name it had
-- before: records made under the old name are shown under it by the agency's lineage.
ALTER TABLE reorganisations ADD COLUMN new_name TEXT;
ALTER TABLE reorganisations ADD COLUMN new_short_name TEXT;

CREATE TABLE agency_names (
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    -- The last day the agency bore this name.
    valid_to DATE NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT,
    reorganisation_id TEXT NOT NULL REFERENCES reorganisations (id),
    PRIMARY KEY (agency_id, valid_to)
);
