-- An undecided registration of an agency that a reorganisation ends follows the successor when
-- the campaign includes it and it has none of its own; otherwise it is closed, with the reason.
ALTER TABLE assessments ADD COLUMN closed_reason TEXT;
