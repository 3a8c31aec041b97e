DROP TABLE agency_names;
ALTER TABLE reorganisations DROP COLUMN new_short_name;
ALTER TABLE reorganisations DROP COLUMN new_name;
