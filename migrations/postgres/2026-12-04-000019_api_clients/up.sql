-- API clients (service accounts of other provincial systems): each acts through an account of
-- its own (`user_id`, which cannot log in with a password) and authenticates with the OAuth 2.0
-- client-credentials grant. Secrets are kept as SHA-256 hashes; during a rotation the previous
-- one stays valid until `previous_secret_valid_until`.
CREATE TABLE api_clients (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL UNIQUE REFERENCES users (id),
    name TEXT NOT NULL,
    agency_id TEXT REFERENCES agencies (id),
    scopes TEXT NOT NULL,
    expires_at TIMESTAMP,
    active BOOLEAN NOT NULL,
    secret_hash TEXT NOT NULL,
    previous_secret_hash TEXT,
    previous_secret_valid_until TIMESTAMP,
    last_used_at TIMESTAMP,
    created_by TEXT NOT NULL REFERENCES users (id),
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX api_clients_agency_id ON api_clients (agency_id);
