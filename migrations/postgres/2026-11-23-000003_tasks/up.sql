-- Tasks (nhiệm vụ) under directives: one lead agency (chủ trì), coordinating agencies (phối hợp),
-- and a discussion thread that also records transitions with their comments.
CREATE TABLE tasks (
    id TEXT PRIMARY KEY NOT NULL,
    directive_id TEXT NOT NULL REFERENCES directives (id),
    title TEXT NOT NULL,
    description TEXT,
    lead_agency_id TEXT NOT NULL REFERENCES agencies (id),
    assigned_by TEXT REFERENCES users (id),
    start_on DATE,
    due_on DATE NOT NULL,
    priority TEXT NOT NULL,
    target_value DOUBLE PRECISION,
    target_unit TEXT,
    recurrence TEXT NOT NULL,
    status TEXT NOT NULL,
    completed_on DATE,
    origin TEXT NOT NULL,
    previous_occurrence_id TEXT REFERENCES tasks (id),
    search_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX tasks_directive_id ON tasks (directive_id);
CREATE INDEX tasks_lead_agency_id ON tasks (lead_agency_id);
CREATE INDEX tasks_due_on ON tasks (due_on, id);
CREATE INDEX tasks_updated_at ON tasks (updated_at, id);

CREATE TABLE task_coordinators (
    task_id TEXT NOT NULL REFERENCES tasks (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    PRIMARY KEY (task_id, agency_id)
);
CREATE INDEX task_coordinators_agency_id ON task_coordinators (agency_id);

CREATE TABLE task_comments (
    id TEXT PRIMARY KEY NOT NULL,
    task_id TEXT NOT NULL REFERENCES tasks (id),
    author_id TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    transition TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX task_comments_task_id ON task_comments (task_id, id);
