ALTER TABLE agencies ALTER COLUMN path TYPE TEXT COLLATE "default";
DROP INDEX tasks_open_due_on;
DROP INDEX tasks_lead_updated_at;
DROP INDEX tasks_lead_id;
