CREATE INDEX tasks_open_due_on ON tasks (completed_on, due_on, id);
CREATE INDEX tasks_lead_open_due_on ON tasks (lead_agency_id, completed_on, due_on, id);
DROP INDEX tasks_open_by_due;
DROP INDEX tasks_lead_open_by_due;
