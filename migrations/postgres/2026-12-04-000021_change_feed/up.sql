-- The change feed's transactional outbox: a row per change, written in the change's own
-- transaction with `seq` null, and numbered as the transaction's last step (`seal`), after
-- taking the one `change_log` row. Numbers are therefore given in commit order; a
-- transaction that rolls back leaves neither a row nor a gap.
CREATE TABLE changes (
    id TEXT PRIMARY KEY NOT NULL,
    seq BIGINT,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL,
    version INTEGER,
    occurred_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX changes_seq ON changes (seq);
CREATE INDEX changes_pending ON changes (id) WHERE seq IS NULL;
CREATE INDEX changes_occurred_at ON changes (occurred_at);

-- Who a change reaches: the paths of the agencies that see the record when it changed (a
-- task's lead and coordinating agencies, a report's task's, an assessed agency, an agency
-- itself). A caller of a subtree is shown the changes reaching into it, then only those whose
-- record it still sees; a deletion's tombstone is judged by its reach alone. Directives are
-- seen by everyone and have none.
CREATE TABLE change_reach (
    change_id TEXT NOT NULL REFERENCES changes (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    PRIMARY KEY (change_id, path)
);
CREATE INDEX change_reach_path ON change_reach (path);

-- The last number given, and the time of the newest change pruned past retention (a cursor
-- naming a change from before it is answered 410).
CREATE TABLE change_log (
    id INTEGER PRIMARY KEY NOT NULL,
    last_seq BIGINT NOT NULL,
    pruned_until TIMESTAMP
);
INSERT INTO change_log (id, last_seq, pruned_until) VALUES (1, 0, NULL);
