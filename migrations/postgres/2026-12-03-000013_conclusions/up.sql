-- The delegation's conclusion for one subject (dự thảo kết luận -> kết luận): findings and
-- recommendations drafted by members, sent to the subject for comments, then concluded by a
-- document registered as a directive of kind `conclusion`.
CREATE TABLE delegation_conclusions (
    delegation_id TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('drafting', 'sent', 'concluded')),
    strengths TEXT,
    shortcomings TEXT,
    causes TEXT,
    recommendations TEXT NOT NULL,
    sent_at TIMESTAMP,
    sent_by TEXT REFERENCES users (id),
    comments_due_on DATE,
    comments TEXT,
    commented_at TIMESTAMP,
    commented_by TEXT REFERENCES users (id),
    conclusion_id TEXT REFERENCES directives (id),
    concluded_at TIMESTAMP,
    conclusion_due_on DATE,
    issued_on DATE,
    implementation_plan_due_on DATE,
    created_by TEXT NOT NULL REFERENCES users (id),
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (delegation_id, agency_id),
    FOREIGN KEY (delegation_id, agency_id) REFERENCES delegation_subjects (delegation_id, agency_id)
);

-- kiến nghị: each recommendation of an issued conclusion, carried out as a follow-up task of
-- the subject under the conclusion; the task names its recommendation too.
CREATE TABLE recommendations (
    id TEXT PRIMARY KEY NOT NULL,
    delegation_id TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    content TEXT NOT NULL,
    conclusion_id TEXT NOT NULL REFERENCES directives (id),
    task_id TEXT NOT NULL UNIQUE REFERENCES tasks (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (delegation_id, agency_id, position),
    FOREIGN KEY (delegation_id, agency_id) REFERENCES delegation_subjects (delegation_id, agency_id)
);
CREATE INDEX recommendations_agency_id ON recommendations (agency_id);

ALTER TABLE tasks ADD COLUMN recommendation_id TEXT;
