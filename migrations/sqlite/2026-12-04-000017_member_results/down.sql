ALTER TABLE delegation_members DROP COLUMN results_sent_at;
ALTER TABLE delegation_members DROP COLUMN results;
