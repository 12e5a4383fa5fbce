package sqlite

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
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
// It streams, so exports of large surveys use little memory: rows are
// read in chunks, unpacked on every core while the next chunk is read,
// and handed to fn in order, from the calling goroutine.
func (db *DB) EachResponse(ctx context.Context, surveyID int64, f ResponseFilter, fn func(StoredResponse) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan *responseChunk)
	ordered := make(chan *responseChunk, 2*runtime.GOMAXPROCS(0))
	readErr := make(chan error, 1)
	go func() {
		defer close(work)
		defer close(ordered)
		readErr <- db.readResponseChunks(ctx, surveyID, f, func(c *responseChunk) bool {
			select {
			case ordered <- c:
			case <-ctx.Done():
				return false
			}
			select {
			case work <- c:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for c := range work {
				c.unpack()
				close(c.done)
			}
		}()
	}
	for c := range ordered {
		select {
		case <-c.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if c.err != nil {
			return c.err
		}
		for _, r := range c.out {
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	return <-readErr
}

// responseChunk is a run of responses as read, then as unpacked.
type responseChunk struct {
	rows []packedResponse
	out  []StoredResponse
	err  error
	done chan struct{}
}

type packedResponse struct {
	id          int64
	reference   string
	submittedAt string
	version     *Version
	types       map[string]survey.QuestionType
	packed      string
}

func (c *responseChunk) unpack() {
	c.out = make([]StoredResponse, len(c.rows))
	for i, r := range c.rows {
		answers, err := unpackAnswers(r.packed, r.types)
		if err != nil {
			c.err = fmt.Errorf("read response %d: %w", r.id, err)
			return
		}
		c.out[i] = StoredResponse{ID: r.id, Reference: r.reference, SubmittedAt: parseTime(r.submittedAt), Version: r.version.Number, Answers: answers}
	}
}

// readResponseChunks reads the responses EachResponse gives, in chunks,
// passing each to emit until it returns false.
func (db *DB) readResponseChunks(ctx context.Context, surveyID int64, f ResponseFilter, emit func(*responseChunk) bool) error {
	const chunkSize = 512
	versions := map[int64]*Version{}
	types := map[int64]map[string]survey.QuestionType{} // question types by version
	// Each response's answers come packed into one string (see
	// packAnswers): reading them row by row cost several times more than
	// everything else an export or summary does.
	q := `SELECT r.id, r.reference, r.submitted_at, r.version_id, r.answers_packed
		FROM responses r WHERE r.survey_id = ?`
	args := []any{surveyID}
	if f.Version > 0 {
		q += " AND r.version_id = (SELECT id FROM survey_versions WHERE survey_id = ? AND version = ?)"
		args = append(args, surveyID, f.Version)
	}
	if f.AfterID > 0 {
		q += " AND r.id > ?"
		args = append(args, f.AfterID)
	}
	q += " ORDER BY r.id"
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("read responses: %w", err)
	}
	defer rows.Close()
	chunk := &responseChunk{done: make(chan struct{})}
	for rows.Next() {
		var r packedResponse
		var versionID int64
		if err := rows.Scan(&r.id, &r.reference, &r.submittedAt, &versionID, &r.packed); err != nil {
			return fmt.Errorf("read responses: %w", err)
		}
		v, ok := versions[versionID]
		if !ok {
			if v, err = db.VersionByID(ctx, versionID); err != nil {
				return err
			}
			versions[versionID] = v
			types[versionID] = map[string]survey.QuestionType{}
			for _, q := range v.Definition.Questions() {
				types[versionID][q.ID] = q.Type
			}
		}
		r.version, r.types = v, types[versionID]
		chunk.rows = append(chunk.rows, r)
		if len(chunk.rows) == chunkSize {
			if !emit(chunk) {
				return ctx.Err()
			}
			chunk = &responseChunk{done: make(chan struct{})}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read responses: %w", err)
	}
	if len(chunk.rows) > 0 && !emit(chunk) {
		return ctx.Err()
	}
	return nil
}

// packAnswers packs a response's answers into one string, the only place
// they are stored: one entry per answer, and per chosen option of a
// multi_choice answer, in question order: the question id, a space, then
// either "n", the number and ";", or "t", the text's length in bytes, a
// space and the text. Lengths make any text safe to carry, whatever
// characters it holds. Migrations 007 and 009 packed older responses'
// answer rows the same way in SQL. ids are a's question ids in order.
func packAnswers(ids []string, a survey.Answers) string {
	size := 0 // enough, so the string is built in one allocation
	for id, v := range a {
		size += len(id) + len(v.Text) + 32
		for _, c := range v.Choices {
			size += len(id) + len(c) + 16
		}
	}
	var sb strings.Builder
	sb.Grow(size)
	var num [32]byte
	text := func(id, text string) {
		sb.WriteString(id)
		sb.WriteString(" t")
		sb.Write(strconv.AppendInt(num[:0], int64(len(text)), 10))
		sb.WriteByte(' ')
		sb.WriteString(text)
	}
	for _, id := range ids {
		v := a[id]
		switch v.Type {
		case survey.MultiChoice:
			for _, c := range v.Choices {
				text(id, c)
			}
		case survey.Scale, survey.Number:
			sb.WriteString(id)
			sb.WriteString(" n")
			sb.Write(strconv.AppendFloat(num[:0], v.Number, 'g', -1, 64))
			sb.WriteByte(';')
		default:
			text(id, v.Text)
		}
	}
	return sb.String()
}

// unpackAnswers reads what packAnswers wrote.
func unpackAnswers(packed string, types map[string]survey.QuestionType) (survey.Answers, error) {
	// The entries are gathered first so the map is made once at the size
	// it needs: growing it cost more, and sizing it for every question of
	// the version made the maps of 100,000 responses weigh twice as much
	// as their answers needed.
	var room [48]packedEntry
	entries := room[:0]
	err := eachPackedAnswer(packed, func(qid, text string, num float64) bool {
		entries = append(entries, packedEntry{qid, text, num})
		return true
	})
	if err != nil {
		return nil, err
	}
	a := make(survey.Answers, len(entries))
	for _, e := range entries {
		addStoredAnswer(a, types[e.qid], e.qid, e.text, e.num)
	}
	return a, nil
}

type packedEntry struct {
	qid, text string
	num       float64
}

// packedText returns the text of question qid's first entry in packed
// answers; ok is false if it has none (no answer, an empty one, or a
// number).
func packedText(packed, qid string) (text string, ok bool, err error) {
	err = eachPackedAnswer(packed, func(id, t string, _ float64) bool {
		if id == qid && t != "" {
			text, ok = t, true
		}
		return !ok
	})
	return text, ok, err
}

// eachPackedAnswer calls entry with each entry of packed answers in turn,
// until it returns false: its question id and either its text or, for a
// number, its number and no text.
func eachPackedAnswer(packed string, entry func(qid, text string, num float64) bool) error {
	for len(packed) > 0 {
		sp := strings.IndexByte(packed, ' ')
		if sp <= 0 || sp+1 >= len(packed) {
			return errMalformedPacked
		}
		qid, kind := packed[:sp], packed[sp+1]
		packed = packed[sp+2:]
		var text string
		var num float64
		switch kind {
		case 'n':
			end := strings.IndexByte(packed, ';')
			if end < 0 {
				return errMalformedPacked
			}
			num, _ = strconv.ParseFloat(packed[:end], 64)
			packed = packed[end+1:]
		case 't':
			sp := strings.IndexByte(packed, ' ')
			n, err := strconv.Atoi(packed[:max(sp, 0)])
			if sp < 0 || err != nil || sp+1+n > len(packed) {
				return errMalformedPacked
			}
			text = packed[sp+1 : sp+1+n]
			packed = packed[sp+1+n:]
		default:
			return errMalformedPacked
		}
		if !entry(qid, text, num) {
			return nil
		}
	}
	return nil
}

var errMalformedPacked = errors.New("packed answers are malformed")

// addStoredAnswer adds one packed entry to a, typed by its
// question (short text for a question the version does not have).
func addStoredAnswer(a survey.Answers, typ survey.QuestionType, qid, text string, num float64) {
	if typ == "" {
		typ = survey.ShortText
	}
	switch typ {
	case survey.MultiChoice:
		v := a[qid]
		v.Type = typ
		v.Choices = append(v.Choices, text)
		a[qid] = v
	case survey.Scale, survey.Number:
		a[qid] = survey.Value{Type: typ, Number: num}
	default:
		a[qid] = survey.Value{Type: typ, Text: text}
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
		chunk := make([]preparedResponse, min(len(rs), perTx))
		for i, r := range rs[:len(chunk)] {
			if r.SubmittedAt.IsZero() {
				r.SubmittedAt = now
			}
			chunk[i] = prepareResponse(r)
		}
		if _, err := db.storeResponses(ctx, false, chunk); err != nil {
			return fmt.Errorf("import responses: %w", err)
		}
		rs = rs[len(chunk):]
	}
	return nil
}

// ResponseExists reports whether the survey has a response with the given
// reference.
func (db *DB) ResponseExists(ctx context.Context, surveyID int64, reference string) (bool, error) {
	var found bool
	if id, ok := db.refs.Decode(reference); ok {
		err := db.read.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM responses WHERE id = ? AND survey_id = ? AND reference = ?)",
			id, surveyID, reference).Scan(&found)
		if err != nil || found {
			return found, err
		}
	}
	if !db.drawnRefs {
		return false, nil
	}
	err := db.read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM drawn_references d JOIN responses r ON r.id = d.response_id
		WHERE d.reference = ? AND r.survey_id = ?)`, reference, surveyID).Scan(&found)
	return found, err
}
