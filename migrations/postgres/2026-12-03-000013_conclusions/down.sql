ALTER TABLE tasks DROP COLUMN recommendation_id;
DROP TABLE recommendations;
DROP TABLE delegation_conclusions;
