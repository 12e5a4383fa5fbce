-- Surveys, their immutable published versions, responses and drafts.
CREATE TABLE surveys (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    status     TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A version is a draft until published_at is set; after that it never
-- changes, and responses point at the version they answered.
CREATE TABLE survey_versions (
    id           INTEGER PRIMARY KEY,
    survey_id    INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    definition   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    published_at TEXT,
    UNIQUE (survey_id, version)
);

-- No IP address or user agent is ever stored with a response.
CREATE TABLE responses (
    id              INTEGER PRIMARY KEY,
    survey_id       INTEGER NOT NULL REFERENCES surveys (id),
    version_id      INTEGER NOT NULL REFERENCES survey_versions (id),
    reference       TEXT NOT NULL UNIQUE,
    submitted_at    TEXT NOT NULL,
    idempotency_key TEXT,
    UNIQUE (survey_id, idempotency_key)
);
CREATE INDEX responses_by_survey ON responses (survey_id, id);

-- One row per answer, and per chosen option of a multi_choice answer, so
-- analysis can query by question.
CREATE TABLE answers (
    response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    text        TEXT,
    number      REAL,
    PRIMARY KEY (response_id, question_id, position)
) WITHOUT ROWID;

-- Progress saved by families who stop and come back. The resume token
-- (in the link and cookie) is kept only as a hash; the short code is kept
-- as it is so the "saved" page can show it again.
CREATE TABLE drafts (
    id         INTEGER PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    code       TEXT NOT NULL UNIQUE,
    survey_id  INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    version_id INTEGER NOT NULL REFERENCES survey_versions (id) ON DELETE CASCADE,
    answers    TEXT NOT NULL DEFAULT '{}',
    page       INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX drafts_by_expiry ON drafts (expires_at);
