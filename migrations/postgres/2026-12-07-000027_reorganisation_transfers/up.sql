-- A transfer (điều chuyển chức năng) moves a function from one agency to another, which both
-- go on: the open tasks of one directive, or a named set of tasks (a JSON array of task ids,
-- fixed by the decision and never queried by task). Nothing ends, so a transfer is no
-- lineage: the receiving agency gains the tasks, not the other agency's history.
ALTER TABLE reorganisations ADD COLUMN directive_id TEXT REFERENCES directives (id);
ALTER TABLE reorganisations ADD COLUMN task_ids TEXT;
