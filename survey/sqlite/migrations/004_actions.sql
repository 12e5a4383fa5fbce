-- "You said, we did": what leaders are doing about each theme families
-- raised, and the opt-in public results page with the quotes leaders
-- approved for it. Nothing here holds a family's answers except approved
-- quotes, which are already redacted and picked from groups of 5 or more.
CREATE TABLE actions (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    theme       TEXT NOT NULL,
    area        TEXT NOT NULL DEFAULT '', -- '' for every service area
    what        TEXT NOT NULL,
    who         TEXT NOT NULL,
    due         TEXT NOT NULL,            -- a date, YYYY-MM-DD
    status      TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX actions_by_survey ON actions (survey_id, id);

-- A survey's public results page is off until a leader turns it on.
CREATE TABLE results_pages (
    survey_id  INTEGER PRIMARY KEY REFERENCES surveys (id) ON DELETE CASCADE,
    published  INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Quotes a leader approved for the public page, one by one, as the
-- summary gave them for a theme of an area.
CREATE TABLE approved_quotes (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    area        TEXT NOT NULL,
    theme       TEXT NOT NULL,
    text        TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    UNIQUE (survey_id, area, theme, text)
);
