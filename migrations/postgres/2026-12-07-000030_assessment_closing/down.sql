ALTER TABLE assessments DROP COLUMN closed_reason;
