-- Each response also keeps its answers packed into one string (see
-- packAnswers), written with its answer rows: summaries and exports read
-- every response of a survey, and gathering a hundred thousand responses'
-- rows took seconds. The answers table stays the one to query by question.
ALTER TABLE responses ADD COLUMN answers_packed TEXT NOT NULL DEFAULT '';

UPDATE responses SET answers_packed = COALESCE((
    SELECT group_concat(a.question_id || ' ' || CASE WHEN a.text IS NULL
            THEN 'n' || quote(a.number) || ';'
            ELSE 't' || length(CAST(a.text AS BLOB)) || ' ' || a.text END, '' ORDER BY a.question_id, a.position)
    FROM answers a WHERE a.response_id = responses.id), '');
