CREATE INDEX tasks_lead_agency_id ON tasks (lead_agency_id);
DROP INDEX tasks_lead_open_due_on;
DROP INDEX tasks_open_due_on;
DROP INDEX tasks_lead_updated_at;
DROP INDEX tasks_lead_id;
