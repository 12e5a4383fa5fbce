-- Answer rows no longer name their response by foreign key: each of a
-- submission's two dozen rows looked up the response inserted just
-- before it in the same transaction, a tenth of a submission's cost.
-- The writer inserts a response and its answers together, and deleting
-- a response still deletes its answers, by trigger.
CREATE TABLE answers_new (
    response_id INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    text        TEXT,
    number      REAL,
    PRIMARY KEY (response_id, question_id, position)
) WITHOUT ROWID;
INSERT INTO answers_new (response_id, question_id, position, text, number)
    SELECT response_id, question_id, position, text, number FROM answers;
DROP TABLE answers;
ALTER TABLE answers_new RENAME TO answers;

CREATE TRIGGER responses_delete_answers AFTER DELETE ON responses
BEGIN
    DELETE FROM answers WHERE response_id = old.id;
END;
