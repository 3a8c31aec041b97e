-- Supervision and inspection delegations (đoàn giám sát, đoàn kiểm tra), formed by a decision.
CREATE TABLE delegations (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('supervision', 'inspection', 'survey')),
    title TEXT NOT NULL,
    content TEXT,
    leading_agency_id TEXT NOT NULL REFERENCES agencies (id),
    decision_number TEXT NOT NULL,
    decided_on DATE NOT NULL,
    review_from DATE NOT NULL,
    review_to DATE NOT NULL,
    field_work_from DATE,
    field_work_to DATE,
    status TEXT NOT NULL,
    closed_reason TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (leading_agency_id, decision_number, decided_on)
);
CREATE INDEX delegations_decided_on ON delegations (decided_on);

-- căn cứ: the directives a delegation supervises the carrying out of.
CREATE TABLE delegation_bases (
    delegation_id TEXT NOT NULL REFERENCES delegations (id),
    directive_id TEXT NOT NULL REFERENCES directives (id),
    PRIMARY KEY (delegation_id, directive_id)
);

-- Members hold a grant, not a role: while the delegation is active they read what it supervises.
CREATE TABLE delegation_members (
    delegation_id TEXT NOT NULL REFERENCES delegations (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL CHECK (role IN ('head', 'deputy', 'member', 'secretary')),
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (delegation_id, user_id)
);
CREATE INDEX delegation_members_user_id ON delegation_members (user_id);

-- The agencies a delegation works with (đối tượng giám sát), with the planned days of work and
-- the notice (thông báo) with its outline for the subject's report (đề cương gợi ý báo cáo):
-- drafted by members, seen by the subject once issued.
CREATE TABLE delegation_subjects (
    delegation_id TEXT NOT NULL REFERENCES delegations (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    planned_from DATE,
    planned_to DATE,
    outline TEXT,
    report_due_on DATE,
    notice_issued_at TIMESTAMP,
    notice_issued_by TEXT REFERENCES users (id),
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (delegation_id, agency_id)
);
CREATE INDEX delegation_subjects_agency_id ON delegation_subjects (agency_id);

-- The subject's report to the delegation (báo cáo phục vụ giám sát / tự kiểm tra): answers to
-- the outline section by section, drafted by the subject's staff, submitted by its manager,
-- returned by the delegation for a supplementary report with a new due date.
CREATE TABLE delegation_reports (
    delegation_id TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned')),
    answers TEXT NOT NULL,
    due_on DATE NOT NULL,
    submitted_at TIMESTAMP,
    submitted_by TEXT REFERENCES users (id),
    return_reason TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (delegation_id, agency_id),
    FOREIGN KEY (delegation_id, agency_id) REFERENCES delegation_subjects (delegation_id, agency_id)
);
