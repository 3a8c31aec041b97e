-- Directives (văn bản chỉ đạo): identity is (kind, number, issued_on), never the number alone.
CREATE TABLE directives (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    issuer TEXT NOT NULL,
    issuer_agency_id TEXT REFERENCES agencies (id),
    issued_on DATE NOT NULL,
    title TEXT NOT NULL,
    summary TEXT,
    term TEXT,
    status TEXT NOT NULL,
    superseded_by TEXT REFERENCES directives (id),
    search_key TEXT NOT NULL,
    issuer_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (kind, number, issued_on)
);
CREATE INDEX directives_issued_on ON directives (issued_on);
CREATE INDEX directives_issuer_agency_id ON directives (issuer_agency_id);

-- căn cứ: the directives a document implements.
CREATE TABLE directive_bases (
    directive_id TEXT NOT NULL REFERENCES directives (id),
    based_on_id TEXT NOT NULL REFERENCES directives (id),
    PRIMARY KEY (directive_id, based_on_id)
);
CREATE INDEX directive_bases_based_on_id ON directive_bases (based_on_id);
