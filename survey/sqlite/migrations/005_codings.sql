-- Staff corrections of how a comment was coded, and coded comments staff
-- imported to teach the model, and the model learned from them.
CREATE TABLE codings (
    response_id   INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question_id   TEXT NOT NULL,
    service_areas TEXT NOT NULL DEFAULT '',
    themes        TEXT NOT NULL DEFAULT '',
    sentiment     TEXT NOT NULL,
    coded_by      TEXT NOT NULL,
    coded_at      TEXT NOT NULL,
    PRIMARY KEY (response_id, question_id)
);

CREATE TABLE coded_examples (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    text        TEXT NOT NULL,
    labels      TEXT NOT NULL DEFAULT '',
    sentiment   TEXT NOT NULL DEFAULT '',
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (survey_id, external_id)
);

CREATE TABLE learned_models (
    survey_id  INTEGER PRIMARY KEY REFERENCES surveys (id) ON DELETE CASCADE,
    trained_at TEXT NOT NULL,
    examples   INTEGER NOT NULL,
    model      BLOB NOT NULL
);
