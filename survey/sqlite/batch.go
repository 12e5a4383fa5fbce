package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
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
	findKey   *sql.Stmt
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
	p.findKey = prepare("SELECT id, reference FROM responses WHERE survey_id = ? AND idempotency_key = ?")
	for n := 1; n <= maxRowsPerInsert; n *= 2 {
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
	for _, s := range append([]*sql.Stmt{p.maxID, p.findKey}, append(p.responses, p.answers...)...) {
		if s != nil {
			s.Close()
		}
	}
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

// insertBatch stores responses inside tx and returns a receipt for each.
// A response whose idempotency key was used before (or earlier in the
// batch) is not stored again: its receipt is the first one's. Row ids are
// assigned here, which is safe because only the one write connection
// inserts responses, inside this immediate transaction.
func (db *DB) insertBatch(ctx context.Context, tx *sql.Tx, rs []NewResponse) ([]Receipt, error) {
	st := newStatements(tx)
	p := db.stmts
	receipts := make([]Receipt, len(rs))
	firstWithKey := map[string]int{}
	var nextID int64
	if err := st.in(ctx, p.maxID).QueryRowContext(ctx).Scan(&nextID); err != nil {
		return nil, err
	}
	respArgs := make([]any, 0, len(rs)*len(responseColumns))
	ansArgs := make([]any, 0, len(rs)*32*len(answerColumns))
	for i, r := range rs {
		var key any
		if r.IdempotencyKey != "" {
			key = r.IdempotencyKey
			k := fmt.Sprintf("%d\x00%s", r.SurveyID, r.IdempotencyKey)
			if j, ok := firstWithKey[k]; ok {
				receipts[i] = receipts[j]
				receipts[i].Replayed = true
				continue
			}
			firstWithKey[k] = i
			rc, err := st.findByKey(ctx, p.findKey, r.SurveyID, r.IdempotencyKey)
			if err == nil {
				receipts[i] = rc
				continue
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return nil, err
			}
		}
		nextID++
		receipts[i] = Receipt{ID: nextID, Reference: NewReference()}
		ids := slices.Sorted(maps.Keys(r.Answers)) // a fixed order, so runs are repeatable
		respArgs = append(respArgs, nextID, r.SurveyID, r.VersionID, receipts[i].Reference, formatTime(r.SubmittedAt), key, packAnswers(ids, r.Answers))
		ansArgs = appendAnswerArgs(ansArgs, nextID, ids, r.Answers)
	}
	if err := st.insertRows(ctx, p.responses, len(responseColumns), respArgs); err != nil {
		return nil, err
	}
	if err := st.insertRows(ctx, p.answers, len(answerColumns), ansArgs); err != nil {
		return nil, err
	}
	return receipts, nil
}

func (st *statements) findByKey(ctx context.Context, findKey *sql.Stmt, surveyID int64, key string) (Receipt, error) {
	rc := Receipt{Replayed: true}
	err := st.in(ctx, findKey).QueryRowContext(ctx, surveyID, key).Scan(&rc.ID, &rc.Reference)
	return rc, err
}

// appendAnswerArgs adds one answers-table row per answer, and per chosen
// option of a multi_choice answer, so analysis can query by question. ids
// are a's question ids in order.
func appendAnswerArgs(args []any, responseID int64, ids []string, a survey.Answers) []any {
	rid := any(responseID) // boxed once, not once a row
	for _, id := range ids {
		v := a[id]
		switch v.Type {
		case survey.MultiChoice:
			for i, c := range v.Choices {
				args = append(args, rid, id, i, c, nil)
			}
		case survey.Scale, survey.Number:
			args = append(args, rid, id, 0, nil, v.Number)
		default:
			args = append(args, rid, id, 0, v.Text, nil)
		}
	}
	return args
}
