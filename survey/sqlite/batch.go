package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/familyvoice/familyvoice/survey"
)

// preparedStatements are the statements of every submission, compiled
// once on the write connection when the database opens: compiling SQL
// cost a group commit as much as a tenth of its time. A batch is written
// with multi-row INSERTs of 1, 2, 4 ... 64 rows, largest first, so a
// handful of statements serve every batch size.
type preparedStatements struct {
	maxID     *sql.Stmt
	findKeys  []*sql.Stmt // findKeys[i] looks up 1<<i idempotency keys
	responses []*sql.Stmt // responses[i] inserts 1<<i rows
	answers   []*sql.Stmt
}

// maxRowsPerInsert is the most rows one INSERT writes: 64 answer rows are
// 320 parameters, far below SQLite's limit.
const maxRowsPerInsert = 64

func prepareStatements(ctx context.Context, db *sql.DB) (*preparedStatements, error) {
	var p preparedStatements
	var err error
	prepare := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		if s, err = db.PrepareContext(ctx, q); err != nil {
			err = fmt.Errorf("prepare %.40s: %w", q, err)
		}
		return s
	}
	p.maxID = prepare("SELECT COALESCE(MAX(id), 0) FROM responses")
	for n := 1; n <= maxRowsPerInsert; n *= 2 {
		p.findKeys = append(p.findKeys, prepare(findKeysQuery(n)))
		p.responses = append(p.responses, prepare(multiRowInsert("responses", responseColumns, n)))
		p.answers = append(p.answers, prepare(multiRowInsert("answers", answerColumns, n)))
	}
	if err != nil {
		p.close()
		return nil, err
	}
	return &p, nil
}

func (p *preparedStatements) close() {
	for _, s := range slices.Concat([]*sql.Stmt{p.maxID}, p.findKeys, p.responses, p.answers) {
		if s != nil {
			s.Close()
		}
	}
}

func findKeysQuery(keys int) string {
	return "SELECT survey_id, idempotency_key, id, reference FROM responses WHERE (survey_id, idempotency_key) IN (VALUES " +
		strings.Repeat("(?, ?), ", keys-1) + "(?, ?))"
}

func multiRowInsert(table string, columns []string, rows int) string {
	row := "(" + strings.Repeat("?,", len(columns)-1) + "?)"
	return "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES " + strings.Repeat(row+",", rows-1) + row
}

// statements gives one transaction the prepared statements. Binding a
// statement to the transaction reuses what the write connection compiled,
// since the write pool has that single connection.
type statements struct {
	tx    *sql.Tx
	bound map[*sql.Stmt]*sql.Stmt
}

func newStatements(tx *sql.Tx) *statements {
	return &statements{tx: tx, bound: map[*sql.Stmt]*sql.Stmt{}}
}

func (st *statements) in(ctx context.Context, s *sql.Stmt) *sql.Stmt {
	if b, ok := st.bound[s]; ok {
		return b
	}
	b := st.tx.StmtContext(ctx, s)
	st.bound[s] = b
	return b
}

// insertRows inserts rows of width columns, as many a statement as
// stmts allow.
func (st *statements) insertRows(ctx context.Context, stmts []*sql.Stmt, width int, args []any) error {
	for len(args) > 0 {
		i := min(bits.Len(uint(len(args)/width))-1, len(stmts)-1)
		n := 1 << i
		if _, err := st.in(ctx, stmts[i]).ExecContext(ctx, args[:n*width]...); err != nil {
			return err
		}
		args = args[n*width:]
	}
	return nil
}

var (
	responseColumns = []string{"id", "survey_id", "version_id", "reference", "submitted_at", "idempotency_key", "answers_packed"}
	answerColumns   = []string{"response_id", "question_id", "position", "text", "number"}
)

// preparedResponse is a response with everything worked out that does not
// need the transaction: its reference, its packed answers and its answer
// rows. The submitting goroutine prepares it, on whichever core is free,
// so the one writer, which every submission waits for, only binds and
// steps.
type preparedResponse struct {
	NewResponse
	reference   string
	submittedAt string
	packed      string
	// answerRows holds the answers-table rows, len(answerColumns) values
	// each; the first value of each row, the response id, is set by
	// insertBatch once the id is known.
	answerRows []any
}

func prepareResponse(r NewResponse) preparedResponse {
	ids := make([]string, 0, len(r.Answers))
	for id := range r.Answers {
		ids = append(ids, id)
	}
	slices.Sort(ids) // a fixed order, so runs are repeatable
	return preparedResponse{
		NewResponse: r,
		reference:   NewReference(),
		submittedAt: formatTime(r.SubmittedAt),
		packed:      packAnswers(ids, r.Answers),
		answerRows:  answerRows(ids, r.Answers),
	}
}

// insertBatch stores responses inside tx and returns a receipt for each.
// A response whose idempotency key was used before (or earlier in the
// batch) is not stored again: its receipt is the first one's. Row ids are
// assigned here, which is safe because only the one write connection
// inserts responses, inside this immediate transaction.
func (db *DB) insertBatch(ctx context.Context, tx *sql.Tx, rs []preparedResponse) ([]Receipt, error) {
	st := newStatements(tx)
	p := db.stmts
	receipts := make([]Receipt, len(rs))
	var keys []idempotencyKey
	for i := range rs {
		if rs[i].IdempotencyKey != "" {
			keys = append(keys, idempotencyKey{rs[i].SurveyID, rs[i].IdempotencyKey})
		}
	}
	stored, err := st.storedReceipts(ctx, p.findKeys, keys)
	if err != nil {
		return nil, err
	}
	firstWithKey := make(map[idempotencyKey]int, len(keys))
	var nextID int64
	if err := st.in(ctx, p.maxID).QueryRowContext(ctx).Scan(&nextID); err != nil {
		return nil, err
	}
	respArgs, ansArgs := db.batchArgs.responses[:0], db.batchArgs.answers[:0]
	defer func() {
		// Keep the capacity, not the answers, and not the capacity of an
		// import's thousands of responses either.
		const keep = 16 << 10
		clear(respArgs)
		clear(ansArgs)
		if cap(ansArgs) <= keep {
			db.batchArgs.responses, db.batchArgs.answers = respArgs[:0], ansArgs[:0]
		}
	}()
	for i := range rs {
		r := &rs[i]
		var key any
		if r.IdempotencyKey != "" {
			key = r.IdempotencyKey
			k := idempotencyKey{r.SurveyID, r.IdempotencyKey}
			if j, ok := firstWithKey[k]; ok {
				receipts[i] = receipts[j]
				receipts[i].Replayed = true
				continue
			}
			firstWithKey[k] = i
			if rc, ok := stored[k]; ok {
				receipts[i] = rc
				continue
			}
		}
		nextID++
		receipts[i] = Receipt{ID: nextID, Reference: r.reference}
		respArgs = append(respArgs, nextID, r.SurveyID, r.VersionID, r.reference, r.submittedAt, key, r.packed)
		rid := any(nextID) // boxed once, not once a row
		for k := 0; k < len(r.answerRows); k += len(answerColumns) {
			r.answerRows[k] = rid
		}
		ansArgs = append(ansArgs, r.answerRows...)
	}
	if err := st.insertRows(ctx, p.responses, len(responseColumns), respArgs); err != nil {
		return nil, err
	}
	if err := st.insertRows(ctx, p.answers, len(answerColumns), ansArgs); err != nil {
		return nil, err
	}
	return receipts, nil
}

// idempotencyKey is a client's key, which is unique within its survey.
type idempotencyKey struct {
	survey int64
	key    string
}

// storedReceipts returns the receipts of those keys already stored. It
// looks them up up to 64 at a time, a short list padded by repeating its
// last key, where one lookup a submission took a tenth of the writer's
// time.
func (st *statements) storedReceipts(ctx context.Context, findKeys []*sql.Stmt, keys []idempotencyKey) (map[idempotencyKey]Receipt, error) {
	stored := map[idempotencyKey]Receipt{}
	args := make([]any, 0, 2*maxRowsPerInsert)
	for len(keys) > 0 {
		chunk := keys[:min(len(keys), maxRowsPerInsert)]
		keys = keys[len(chunk):]
		i := bits.Len(uint(len(chunk) - 1)) // the fewest of 1, 2, 4 ... 64 keys that hold chunk
		args = args[:0]
		for j := range 1 << i {
			k := chunk[min(j, len(chunk)-1)]
			args = append(args, k.survey, k.key)
		}
		rows, err := st.in(ctx, findKeys[i]).QueryContext(ctx, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k idempotencyKey
			rc := Receipt{Replayed: true}
			if err := rows.Scan(&k.survey, &k.key, &rc.ID, &rc.Reference); err != nil {
				rows.Close()
				return nil, err
			}
			stored[k] = rc
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return stored, nil
}

// answerRows returns one answers-table row per answer, and per chosen
// option of a multi_choice answer, so analysis can query by question. ids
// are a's question ids in order. Each row's response id is left nil, for
// insertBatch to fill in.
func answerRows(ids []string, a survey.Answers) []any {
	rows := 0
	for _, v := range a {
		rows += max(1, len(v.Choices))
	}
	args := make([]any, 0, rows*len(answerColumns))
	for _, id := range ids {
		v := a[id]
		qid := any(id) // boxed once for all of a question's rows
		switch v.Type {
		case survey.MultiChoice:
			for i, c := range v.Choices {
				args = append(args, nil, qid, i, c, nil)
			}
		case survey.Scale, survey.Number:
			args = append(args, nil, qid, 0, nil, v.Number)
		default:
			args = append(args, nil, qid, 0, v.Text, nil)
		}
	}
	return args
}
