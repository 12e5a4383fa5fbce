package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/familyvoice/familyvoice/survey"
)

// NewResponse is a validated set of answers to store.
type NewResponse struct {
	SurveyID  int64
	VersionID int64
	Answers   survey.Answers
	// IdempotencyKey, if set, makes a retried submission return the
	// first one's receipt instead of storing it twice.
	IdempotencyKey string
	SubmittedAt    time.Time // zero means now
}

// Receipt acknowledges a stored response.
type Receipt struct {
	ID        int64
	Reference string
	// Replayed is true when the idempotency key matched an earlier
	// submission and nothing new was stored.
	Replayed bool
}

// MaxIdempotencyKeyLen bounds the Idempotency-Key a client may send.
const MaxIdempotencyKeyLen = 255

// Submit stores a response durably and returns its receipt. Concurrent
// calls are group-committed by the writer; Submit returns only after the
// transaction holding this response has committed.
func (db *DB) Submit(ctx context.Context, r NewResponse) (Receipt, error) {
	if r.SubmittedAt.IsZero() {
		r.SubmittedAt = db.Now()
	}
	return db.writer.submit(ctx, r)
}

func sortedIDs(a survey.Answers) []string {
	ids := make([]string, 0, len(a))
	for id := range a {
		ids = append(ids, id)
	}
	// Insertion order does not matter to SQLite, but a fixed order keeps
	// statements identical between runs, which the statement cache likes.
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
	return ids
}

// StoredResponse is a response as read back for export and analysis.
type StoredResponse struct {
	ID          int64
	Reference   string
	SubmittedAt time.Time
	Version     int
	Answers     survey.Answers
}

// ResponseFilter narrows which responses EachResponse reads.
type ResponseFilter struct {
	Version int   // 0 for every version
	AfterID int64 // only responses with a larger id: those stored since
}

// EachResponse calls fn for every response to the survey, oldest first,
// with its answers typed by the definition of the version it answered.
// It streams, so exports of large surveys use little memory.
func (db *DB) EachResponse(ctx context.Context, surveyID int64, f ResponseFilter, fn func(StoredResponse) error) error {
	versions := map[int64]*Version{}
	q := `SELECT r.id, r.reference, r.submitted_at, r.version_id, a.question_id, a.position, a.text, a.number
		FROM responses r LEFT JOIN answers a ON a.response_id = r.id
		WHERE r.survey_id = ?`
	args := []any{surveyID}
	if f.Version > 0 {
		q += " AND r.version_id = (SELECT id FROM survey_versions WHERE survey_id = ? AND version = ?)"
		args = append(args, surveyID, f.Version)
	}
	if f.AfterID > 0 {
		q += " AND r.id > ?"
		args = append(args, f.AfterID)
	}
	q += " ORDER BY r.id, a.question_id, a.position"
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("read responses: %w", err)
	}
	defer rows.Close()
	var cur *StoredResponse
	var curDef *survey.Definition
	for rows.Next() {
		var id, versionID int64
		var ref, submitted string
		var qid sql.NullString
		var pos sql.NullInt64
		var text sql.NullString
		var num sql.NullFloat64
		if err := rows.Scan(&id, &ref, &submitted, &versionID, &qid, &pos, &text, &num); err != nil {
			return fmt.Errorf("read responses: %w", err)
		}
		if cur == nil || cur.ID != id {
			if cur != nil {
				if err := fn(*cur); err != nil {
					return err
				}
			}
			v, ok := versions[versionID]
			if !ok {
				if v, err = db.VersionByID(ctx, versionID); err != nil {
					return err
				}
				versions[versionID] = v
			}
			curDef = v.Definition
			cur = &StoredResponse{ID: id, Reference: ref, SubmittedAt: parseTime(submitted), Version: v.Number, Answers: survey.Answers{}}
		}
		if !qid.Valid {
			continue // a response with no answers
		}
		addStoredAnswer(cur.Answers, curDef, qid.String, text, num)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read responses: %w", err)
	}
	if cur != nil {
		return fn(*cur)
	}
	return nil
}

func addStoredAnswer(a survey.Answers, def *survey.Definition, qid string, text sql.NullString, num sql.NullFloat64) {
	typ := survey.ShortText
	if q := def.Question(qid); q != nil {
		typ = q.Type
	}
	switch typ {
	case survey.MultiChoice:
		v := a[qid]
		v.Type = typ
		v.Choices = append(v.Choices, text.String)
		a[qid] = v
	case survey.Scale, survey.Number:
		a[qid] = survey.Value{Type: typ, Number: num.Float64}
	default:
		a[qid] = survey.Value{Type: typ, Text: text.String}
	}
}

// LatestResponseID returns the id of the survey's newest response, or 0.
// Ids only grow, so a cache can tell from it whether anything arrived.
func (db *DB) LatestResponseID(ctx context.Context, surveyID int64) (int64, error) {
	var id int64
	err := db.read.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM responses WHERE survey_id = ?", surveyID).Scan(&id)
	return id, err
}

// CountResponses returns how many responses a survey has.
func (db *DB) CountResponses(ctx context.Context, surveyID int64) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM responses WHERE survey_id = ?", surveyID).Scan(&n)
	return n, err
}

// ImportResponses stores many responses at once, in transactions of a
// few thousand, for the demo data and bulk loads. It bypasses the
// submission queue but still writes through the one write connection.
func (db *DB) ImportResponses(ctx context.Context, rs []NewResponse) error {
	const perTx = 2000
	now := db.Now()
	for len(rs) > 0 {
		chunk := rs[:min(len(rs), perTx)]
		for i := range chunk {
			if chunk[i].SubmittedAt.IsZero() {
				chunk[i].SubmittedAt = now
			}
		}
		if err := db.inTx(ctx, func(tx *sql.Tx) error {
			_, err := db.insertBatch(ctx, tx, chunk)
			return err
		}); err != nil {
			return fmt.Errorf("import responses: %w", err)
		}
		rs = rs[len(chunk):]
	}
	return nil
}

// ResponseExists reports whether the survey has a response with the given
// reference.
func (db *DB) ResponseExists(ctx context.Context, surveyID int64, reference string) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM responses WHERE survey_id = ? AND reference = ?", surveyID, reference).Scan(&n)
	return n > 0, err
}
