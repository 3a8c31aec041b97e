ALTER TABLE reorganisations DROP COLUMN accounts;
