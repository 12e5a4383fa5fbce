package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/familyvoice/familyvoice/survey"
)

// statements caches the statements of one transaction, including
// multi-row INSERTs for each row count: compiling SQL is a large share of
// a small insert's cost, and many rows per statement cut the rest. They
// are prepared on the transaction because the write pool has a single
// connection, which the transaction holds.
type statements struct {
	tx    *sql.Tx
	cache map[string]*sql.Stmt
}

func newStatements(tx *sql.Tx) *statements {
	return &statements{tx: tx, cache: map[string]*sql.Stmt{}}
}

func (st *statements) prepared(ctx context.Context, key, query string) (*sql.Stmt, error) {
	if s, ok := st.cache[key]; ok {
		return s, nil
	}
	s, err := st.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	st.cache[key] = s
	return s, nil
}

// insertRows inserts rows of width columns with one statement per chunk
// of at most perStmt rows.
func (st *statements) insertRows(ctx context.Context, table string, columns []string, perStmt int, args []any) error {
	width := len(columns)
	for len(args) > 0 {
		n := min(len(args)/width, perStmt)
		key := fmt.Sprintf("%s/%d", table, n)
		row := "(" + strings.Repeat("?,", width-1) + "?)"
		q := "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES " + strings.Repeat(row+",", n-1) + row
		s, err := st.prepared(ctx, key, q)
		if err != nil {
			return err
		}
		if _, err := s.ExecContext(ctx, args[:n*width]...); err != nil {
			return err
		}
		args = args[n*width:]
	}
	return nil
}

var (
	responseColumns = []string{"id", "survey_id", "version_id", "reference", "submitted_at", "idempotency_key"}
	answerColumns   = []string{"response_id", "question_id", "position", "text", "number"}
)

// insertBatch stores responses inside tx and returns a receipt for each.
// A response whose idempotency key was used before (or earlier in the
// batch) is not stored again: its receipt is the first one's. Row ids are
// assigned here, which is safe because only the one write connection
// inserts responses, inside this immediate transaction.
func insertBatch(ctx context.Context, tx *sql.Tx, rs []NewResponse) ([]Receipt, error) {
	st := newStatements(tx)
	receipts := make([]Receipt, len(rs))
	firstWithKey := map[string]int{}
	var nextID int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM responses").Scan(&nextID); err != nil {
		return nil, err
	}
	respArgs := make([]any, 0, len(rs)*len(responseColumns))
	ansArgs := make([]any, 0, len(rs)*8*len(answerColumns))
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
			rc, err := st.findByKey(ctx, r.SurveyID, r.IdempotencyKey)
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
		respArgs = append(respArgs, nextID, r.SurveyID, r.VersionID, receipts[i].Reference, formatTime(r.SubmittedAt), key)
		ansArgs = appendAnswerArgs(ansArgs, nextID, r.Answers)
	}
	if err := st.insertRows(ctx, "responses", responseColumns, 50, respArgs); err != nil {
		return nil, err
	}
	if err := st.insertRows(ctx, "answers", answerColumns, 100, ansArgs); err != nil {
		return nil, err
	}
	return receipts, nil
}

func (st *statements) findByKey(ctx context.Context, surveyID int64, key string) (Receipt, error) {
	s, err := st.prepared(ctx, "findKey", "SELECT id, reference FROM responses WHERE survey_id = ? AND idempotency_key = ?")
	if err != nil {
		return Receipt{}, err
	}
	rc := Receipt{Replayed: true}
	err = s.QueryRowContext(ctx, surveyID, key).Scan(&rc.ID, &rc.Reference)
	return rc, err
}

// appendAnswerArgs adds one answers-table row per answer, and per chosen
// option of a multi_choice answer, so analysis can query by question.
func appendAnswerArgs(args []any, responseID int64, a survey.Answers) []any {
	for _, id := range sortedIDs(a) {
		v := a[id]
		switch v.Type {
		case survey.MultiChoice:
			for i, c := range v.Choices {
				args = append(args, responseID, id, i, c, nil)
			}
		case survey.Scale, survey.Number:
			args = append(args, responseID, id, 0, nil, v.Number)
		default:
			args = append(args, responseID, id, 0, v.Text, nil)
		}
	}
	return args
}
