-- The level of the body that forms a delegation (cấp: central, province, grassroots), which sets
-- the longest field work (Quyết định 331-QĐ/TW 2025). Delegations formed before were all
-- province-level.
ALTER TABLE delegations ADD COLUMN level TEXT NOT NULL DEFAULT 'province'
    CHECK (level IN ('central', 'province', 'grassroots'));
