-- Scoring frameworks (bộ tiêu chí): versioned, immutable once published. Groups and criteria are
-- read and written whole, so they are one JSON document; a campaign pins one version.
CREATE TABLE frameworks (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    applies_to TEXT NOT NULL,
    groups TEXT NOT NULL,
    threshold_excellent DOUBLE PRECISION NOT NULL,
    threshold_good DOUBLE PRECISION NOT NULL,
    threshold_average DOUBLE PRECISION NOT NULL,
    disqualified_rating TEXT NOT NULL,
    status TEXT NOT NULL,
    previous_version_id TEXT REFERENCES frameworks (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    published_by TEXT REFERENCES users (id),
    published_at TIMESTAMP,
    revision INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX frameworks_code_version ON frameworks (code, version);

-- Yearly campaigns (đợt đánh giá): one framework version applied to many agencies in one year.
CREATE TABLE campaigns (
    id TEXT PRIMARY KEY NOT NULL,
    framework_id TEXT NOT NULL REFERENCES frameworks (id),
    framework_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    name TEXT NOT NULL,
    registration_deadline DATE NOT NULL,
    self_assessment_deadline DATE NOT NULL,
    review_deadline DATE NOT NULL,
    agency_kinds TEXT NOT NULL,
    agency_ids TEXT NOT NULL,
    status TEXT NOT NULL,
    cloned_from_id TEXT REFERENCES campaigns (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- One campaign per standard and year.
CREATE UNIQUE INDEX campaigns_framework_code_year ON campaigns (framework_code, year);

-- An agency's registration (đăng ký) in a campaign and its assessment: self-scores, review
-- scores and the decision. Scores are JSON keyed by criterion code; totals are kept in columns
-- so that the campaign overview reads no JSON.
CREATE TABLE assessments (
    id TEXT PRIMARY KEY NOT NULL,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    document_number TEXT NOT NULL,
    registered_on DATE NOT NULL,
    registered_by TEXT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    self_scores TEXT NOT NULL,
    review_scores TEXT NOT NULL,
    self_total DOUBLE PRECISION NOT NULL,
    review_total DOUBLE PRECISION,
    extended_until DATE,
    submitted_by TEXT REFERENCES users (id),
    submitted_at TIMESTAMP,
    return_comment TEXT,
    recognised BOOLEAN,
    rating TEXT,
    decision_number TEXT,
    decided_on DATE,
    decided_by TEXT REFERENCES users (id),
    override_reason TEXT,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX assessments_campaign_agency ON assessments (campaign_id, agency_id);
CREATE INDEX assessments_agency ON assessments (agency_id);

-- Evidence on an assessment may name the criterion it supports.
ALTER TABLE evidence ADD COLUMN criterion_code TEXT;
