ALTER TABLE delegations DROP COLUMN extension_decision;
ALTER TABLE delegations DROP COLUMN plan_id;
DROP TABLE supervision_plans;
