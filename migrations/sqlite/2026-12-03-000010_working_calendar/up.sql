-- The working-day calendar (lịch ngày làm việc) of the years an admin maintains. A year without
-- a row here uses the built-in defaults (domain::holidays); a maintained year lists every day
-- that differs from "Monday to Friday are worked".
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY NOT NULL,
    version INTEGER NOT NULL,
    updated_by TEXT REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE calendar_days (
    day DATE PRIMARY KEY NOT NULL,
    year INTEGER NOT NULL REFERENCES calendar_years (year),
    kind TEXT NOT NULL CHECK (kind IN ('day_off', 'working_day')),
    name TEXT NOT NULL
);
CREATE INDEX calendar_days_year ON calendar_days (year);
