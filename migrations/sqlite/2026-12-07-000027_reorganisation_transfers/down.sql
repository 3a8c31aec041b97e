ALTER TABLE reorganisations DROP COLUMN task_ids;
ALTER TABLE reorganisations DROP COLUMN directive_id;
