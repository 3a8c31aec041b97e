-- What a reorganisation does with the accounts of the agencies that end: move them to the
-- successor, or deactivate them (ending their sessions).
ALTER TABLE reorganisations ADD COLUMN accounts TEXT NOT NULL DEFAULT 'move';
