ALTER TABLE reorganisations DROP COLUMN shares;
