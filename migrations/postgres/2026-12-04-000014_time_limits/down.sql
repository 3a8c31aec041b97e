ALTER TABLE delegations DROP COLUMN closing_decision;
ALTER TABLE delegations DROP COLUMN conclusions_due_on;
ALTER TABLE delegations DROP COLUMN results_due_on;
DROP TABLE time_limits;
