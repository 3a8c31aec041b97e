-- A rotated webhook secret stays valid until previous_secret_until, so receivers can switch
-- without losing a delivery: until then every delivery carries a signature with each secret.
ALTER TABLE webhooks ADD COLUMN previous_secret TEXT, ADD COLUMN previous_secret_until TIMESTAMP;
