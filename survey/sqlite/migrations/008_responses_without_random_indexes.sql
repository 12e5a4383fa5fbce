-- migrate: foreign keys off
-- A submission's reference and its client's idempotency key are both
-- random, and each had a unique index: every submission put an entry on
-- a random page of each, two more pages for every commit to write and
-- every checkpoint to copy. References are now worked out from ids under
-- the database's secret key (see referenceCodec) and keys are indexed in
-- bulk (see recentKeys), so neither index is kept. SQLite drops a UNIQUE
-- constraint only by rebuilding the table, hence the copy; foreign keys
-- are off meanwhile so that dropping the old table does not cascade to
-- the codings.
CREATE TABLE responses_new (
    id              INTEGER PRIMARY KEY,
    survey_id       INTEGER NOT NULL REFERENCES surveys (id),
    version_id      INTEGER NOT NULL REFERENCES survey_versions (id),
    reference       TEXT NOT NULL,
    submitted_at    TEXT NOT NULL,
    idempotency_key TEXT,
    answers_packed  TEXT NOT NULL DEFAULT ''
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

-- Settled idempotency keys: those of every response up to
-- idempotency_settled.through. Keys of later responses are read from
-- their rows into memory when the database opens, and settled here in
-- key order once there are enough of them.
CREATE TABLE idempotency_keys (
    survey_id       INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL,
    response_id     INTEGER NOT NULL,
    PRIMARY KEY (survey_id, idempotency_key)
) WITHOUT ROWID;
INSERT INTO idempotency_keys (survey_id, idempotency_key, response_id)
    SELECT survey_id, idempotency_key, id FROM responses WHERE idempotency_key IS NOT NULL;
CREATE TABLE idempotency_settled (
    one     INTEGER PRIMARY KEY CHECK (one = 1),
    through INTEGER NOT NULL
);
INSERT INTO idempotency_settled (one, through) SELECT 1, COALESCE(MAX(id), 0) FROM responses;

DROP TABLE responses;
ALTER TABLE responses_new RENAME TO responses;
CREATE INDEX responses_by_survey ON responses (survey_id, id);
CREATE TRIGGER responses_delete_answers AFTER DELETE ON responses
BEGIN
    DELETE FROM answers WHERE response_id = old.id;
END;
-- A deleted response's key is free again.
CREATE TRIGGER responses_delete_key AFTER DELETE ON responses WHEN old.idempotency_key IS NOT NULL
BEGIN
    DELETE FROM idempotency_keys
    WHERE survey_id = old.survey_id AND idempotency_key = old.idempotency_key AND response_id = old.id;
END;

-- Keys the database keeps for itself, made when it is first opened.
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
