-- A split (chia tách) ends one agency: each share names another successor and the tasks it
-- takes (a JSON array of {successor_id, task_ids}, fixed by the decision); the rest of the
-- open work, the accounts and the registrations go to the main successor.
ALTER TABLE reorganisations ADD COLUMN shares TEXT;
