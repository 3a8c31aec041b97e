-- An agency caller's task list walks one index per agency of its subtree, in the list's order
-- (tasks::list_query): by creation (id) and by last change, beside tasks_lead_due_on.
CREATE INDEX tasks_lead_id ON tasks (lead_agency_id, id);
CREATE INDEX tasks_lead_updated_at ON tasks (lead_agency_id, updated_at, id);
-- Open tasks by due date (overdue and on-track lists): `completed_on IS NULL` is an equality.
CREATE INDEX tasks_open_due_on ON tasks (completed_on, due_on, id);
