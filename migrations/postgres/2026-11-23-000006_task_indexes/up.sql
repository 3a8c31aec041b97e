-- Agency users list their own agencies' tasks by due date.
CREATE INDEX tasks_lead_due_on ON tasks (lead_agency_id, due_on, id);
