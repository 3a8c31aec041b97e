-- The subject's plan to carry out an issued conclusion (kế hoạch thực hiện kết luận), as the
-- subject's manager records it: its document number, its date and who recorded it.
ALTER TABLE delegation_conclusions ADD COLUMN implementation_plan_number TEXT;
ALTER TABLE delegation_conclusions ADD COLUMN implementation_plan_on DATE;
ALTER TABLE delegation_conclusions ADD COLUMN implementation_plan_by TEXT REFERENCES users (id);
