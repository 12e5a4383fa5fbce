-- Small settings that staff edit in the browser, such as the list of
-- jargon the plain-language check looks for. One row per key.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
