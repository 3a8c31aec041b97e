DROP INDEX tasks_open_due_on;
DROP INDEX tasks_lead_updated_at;
DROP INDEX tasks_lead_id;
