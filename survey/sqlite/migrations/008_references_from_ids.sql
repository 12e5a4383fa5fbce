-- migrate: foreign keys off
-- A new response's reference is worked out from its id under the
-- database's secret key (see referenceCodec), so references no longer
-- need a unique index: its entries fell on random pages, one more page
-- written for every submission. SQLite drops a UNIQUE constraint only by
-- rebuilding the table, hence the copy; foreign keys are off meanwhile
-- so that dropping the old table does not cascade to the codings.
CREATE TABLE responses_new (
    id              INTEGER PRIMARY KEY,
    survey_id       INTEGER NOT NULL REFERENCES surveys (id),
    version_id      INTEGER NOT NULL REFERENCES survey_versions (id),
    reference       TEXT NOT NULL,
    submitted_at    TEXT NOT NULL,
    idempotency_key TEXT,
    answers_packed  TEXT NOT NULL DEFAULT '',
    UNIQUE (survey_id, idempotency_key)
);
INSERT INTO responses_new (id, survey_id, version_id, reference, submitted_at, idempotency_key, answers_packed)
    SELECT id, survey_id, version_id, reference, submitted_at, idempotency_key, answers_packed FROM responses;

-- References given before were drawn at random: families keep them, and
-- they are found here. A new reference never repeats one of these.
CREATE TABLE drawn_references (
    reference   TEXT PRIMARY KEY,
    response_id INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO drawn_references (reference, response_id) SELECT reference, id FROM responses;

DROP TABLE responses;
ALTER TABLE responses_new RENAME TO responses;
CREATE INDEX responses_by_survey ON responses (survey_id, id);
CREATE TRIGGER responses_delete_answers AFTER DELETE ON responses
BEGIN
    DELETE FROM answers WHERE response_id = old.id;
END;

-- Keys the database keeps for itself, made when it is first opened.
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
