ALTER TABLE evidence DROP COLUMN criterion_code;
DROP TABLE assessments;
DROP TABLE campaigns;
DROP TABLE frameworks;
