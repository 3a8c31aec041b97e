-- The dashboard counts a period's tasks by lead agency, directive, deadline status and target
-- unit (issue 12); this index holds every column it reads, so the count never visits the
-- table (on 1,000,000 tasks, SQLite counted a year in 0.17 s instead of 1.2 s).
CREATE INDEX tasks_period_counts ON tasks (
    lead_agency_id, due_on, completed_on, directive_id, status, created_at, target_unit, target_value
);
