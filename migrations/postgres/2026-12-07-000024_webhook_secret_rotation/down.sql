ALTER TABLE webhooks DROP COLUMN previous_secret_until, DROP COLUMN previous_secret;
