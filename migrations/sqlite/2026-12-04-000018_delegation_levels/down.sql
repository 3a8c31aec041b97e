ALTER TABLE delegations DROP COLUMN level;
