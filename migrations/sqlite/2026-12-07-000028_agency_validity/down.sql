ALTER TABLE agencies DROP COLUMN valid_to;
ALTER TABLE agencies DROP COLUMN valid_from;
