-- A member's results of the field work (báo cáo kết quả của thành viên), which the member
-- sends to the head within the time limit after the field work ends; a later send replaces it.
ALTER TABLE delegation_members ADD COLUMN results TEXT;
ALTER TABLE delegation_members ADD COLUMN results_sent_at TIMESTAMP;
