DROP INDEX tasks_lead_due_on;
