DROP INDEX tasks_lead_updated_at;
DROP INDEX tasks_lead_id;
