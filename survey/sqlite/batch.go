package sqlite

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strings"
)

// preparedStatements are the statements of every submission, compiled
// once on the write connection when the database opens: compiling SQL
// cost a group commit as much as a tenth of its time. A batch is written
// with multi-row INSERTs of 1, 2, 4 ... 64 rows, largest first, so a
// handful of statements serve every batch size.
//
// They are the driver's own statements, run on the driver's connection
// (see DB.inBatchTx) rather than through database/sql, which converted
// and copied every one of a batch's thousands of arguments into a list
// of its own for each statement: a quarter of all the bytes the server
// allocated under load, and a twentieth of its CPU, in the one writer
// every submission waits for.
type preparedStatements struct {
	conn      driver.Conn // the connection they belong to
	maxID     driver.Stmt
	drawnRef  driver.Stmt   // whether a reference was drawn at random once
	findKeys  []driver.Stmt // findKeys[i] looks up 1<<i settled idempotency keys
	responses []driver.Stmt // responses[i] inserts 1<<i rows

	// The statements of recentKeys: see keys.go. settle[i] inserts 1<<i keys.
	keysSince, settledThrough, markSettled driver.Stmt
	settle                                 []driver.Stmt
}

// maxRowsPerInsert is the most rows one INSERT writes: 64 responses are
// 448 parameters, far below SQLite's limit.
const maxRowsPerInsert = 64

func prepareStatements(ctx context.Context, conn driver.Conn) (*preparedStatements, error) {
	p := preparedStatements{conn: conn}
	var err error
	prepare := func(q string) driver.Stmt {
		if err != nil {
			return nil
		}
		var s driver.Stmt
		if s, err = conn.(driver.ConnPrepareContext).PrepareContext(ctx, q); err != nil {
			err = fmt.Errorf("prepare %.40s: %w", q, err)
		}
		return s
	}
	p.maxID = prepare("SELECT COALESCE(MAX(id), 0) FROM responses")
	p.drawnRef = prepare("SELECT 1 FROM drawn_references WHERE reference = ?")
	p.keysSince = prepare("SELECT id, survey_id, idempotency_key FROM responses WHERE id > ? AND idempotency_key IS NOT NULL")
	p.settledThrough = prepare("SELECT through FROM idempotency_settled")
	p.markSettled = prepare("UPDATE idempotency_settled SET through = max(through, ?)")
	for n := 1; n <= maxRowsPerInsert; n *= 2 {
		p.findKeys = append(p.findKeys, prepare(findKeysQuery(n)))
		p.responses = append(p.responses, prepare(multiRowInsert("INSERT INTO responses", responseColumns, n)))
		p.settle = append(p.settle, prepare(multiRowInsert("INSERT OR IGNORE INTO idempotency_keys", idempotencyKeyColumns, n)))
	}
	if err != nil {
		p.close()
		return nil, err
	}
	return &p, nil
}

// close finalizes the statements; like every use of them, it must run
// inside a Raw call on their connection.
func (p *preparedStatements) close() {
	for _, s := range slices.Concat([]driver.Stmt{p.maxID, p.drawnRef, p.keysSince, p.settledThrough, p.markSettled}, p.findKeys, p.responses, p.settle) {
		if s != nil {
			s.Close()
		}
	}
}

func findKeysQuery(keys int) string {
	return `SELECT k.survey_id, k.idempotency_key, r.id, r.reference
		FROM idempotency_keys k JOIN responses r ON r.id = k.response_id
		WHERE (k.survey_id, k.idempotency_key) IN (VALUES ` + strings.Repeat("(?, ?), ", keys-1) + "(?, ?))"
}

// multiRowInsert returns insert ("INSERT INTO responses", say) of rows rows
// of columns.
func multiRowInsert(insert string, columns []string, rows int) string {
	row := "(" + strings.Repeat("?,", len(columns)-1) + "?)"
	return insert + " (" + strings.Join(columns, ", ") + ") VALUES " + strings.Repeat(row+",", rows-1) + row
}

// inBatchTx runs fn in an immediate transaction on the write connection,
// given the driver's connection and the prepared statements, committing
// if fn succeeds and rolling back if not; then, if enough idempotency
// keys have gathered in memory, it settles them. unsynced commits without
// waiting for the disk: the writer's syncLoop fsyncs before anyone is
// told; the connection is held throughout so no other write runs
// unsynced.
func (db *DB) inBatchTx(ctx context.Context, unsynced bool, fn func(t *batchTx) error) error {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if unsynced {
		if _, err := conn.ExecContext(ctx, "PRAGMA synchronous=NORMAL"); err != nil {
			return err
		}
		defer conn.ExecContext(ctx, "PRAGMA synchronous=FULL")
	}
	return conn.Raw(func(dc any) error {
		c := dc.(driver.Conn)
		if db.stmts == nil || db.stmts.conn != c {
			// Prepared on first use, and again should the pool ever
			// replace its connection (the old statements died with it).
			stmts, err := prepareStatements(ctx, c)
			if err != nil {
				return err
			}
			db.stmts = stmts
		}
		t := &db.batch
		t.ctx, t.stmts, t.refs, t.drawnRefs = ctx, db.stmts, db.refs, db.drawnRefs
		defer func() { t.ctx, t.stmts = nil, nil }()
		if err := t.run(c, fn); err != nil {
			return err
		}
		if t.keys.due() {
			// What fn stored is committed whatever happens here, so a
			// failure to settle only means trying again a little later.
			if t.run(c, (*batchTx).settleKeys) == nil {
				t.keys.settled()
			} else {
				t.keys.postponed()
			}
		}
		return nil
	})
}

// storeResponses stores rs in one transaction of inBatchTx and returns
// their receipts (see insertBatch).
func (db *DB) storeResponses(ctx context.Context, unsynced bool, rs []preparedResponse) ([]Receipt, error) {
	var receipts []Receipt
	err := db.inBatchTx(ctx, unsynced, func(t *batchTx) error {
		var err error
		receipts, err = t.insertBatch(rs)
		return err
	})
	if err != nil {
		return nil, err
	}
	return receipts, nil
}

// run runs fn in a transaction on c, committing it if fn succeeds and
// rolling back if not, and tells the recent keys which happened.
func (t *batchTx) run(c driver.Conn, fn func(t *batchTx) error) error {
	tx, err := c.(driver.ConnBeginTx).BeginTx(t.ctx, driver.TxOptions{})
	if err != nil {
		return err
	}
	if err := fn(t); err != nil {
		tx.Rollback()
		t.keys.rolledBack()
		return err
	}
	if err := tx.Commit(); err != nil {
		tx.Rollback() // a COMMIT refused (busy, say) leaves the transaction open
		t.keys.rolledBack()
		return err
	}
	t.keys.committed()
	return nil
}

// batchTx runs the prepared statements inside one transaction. Only one
// exists, db.batch, used by whoever holds the write connection, so the
// argument lists it keeps between statements and batches are never
// shared.
type batchTx struct {
	ctx       context.Context
	stmts     *preparedStatements
	refs      *referenceCodec
	drawnRefs bool
	keys      recentKeys
	args      []driver.NamedValue
	// responses are insertBatch's row values.
	responses []driver.Value
}

func (t *batchTx) bind(values []driver.Value) []driver.NamedValue {
	t.args = t.args[:0]
	for i, v := range values {
		t.args = append(t.args, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	return t.args
}

func (t *batchTx) exec(s driver.Stmt, values []driver.Value) error {
	_, err := s.(driver.StmtExecContext).ExecContext(t.ctx, t.bind(values))
	clear(t.args) // hold on to no answers
	return err
}

// query runs s and calls row with each row's values, which are only
// valid during the call.
func (t *batchTx) query(s driver.Stmt, values []driver.Value, row func([]driver.Value) error) error {
	rows, err := s.(driver.StmtQueryContext).QueryContext(t.ctx, t.bind(values))
	clear(t.args)
	if err != nil {
		return err
	}
	dest := make([]driver.Value, len(rows.Columns()))
	for {
		if err := rows.Next(dest); err == io.EOF {
			break
		} else if err != nil {
			rows.Close()
			return err
		}
		if err := row(dest); err != nil {
			rows.Close()
			return err
		}
	}
	return rows.Close()
}

// queryInt runs s, which returns one integer; what names it in errors.
func (t *batchTx) queryInt(s driver.Stmt, what string) (int64, error) {
	var n int64
	err := t.query(s, nil, func(row []driver.Value) error {
		var ok bool
		if n, ok = row[0].(int64); !ok {
			return fmt.Errorf("%s is %T, want an integer", what, row[0])
		}
		return nil
	})
	return n, err
}

// insertRows inserts rows of width columns, as many a statement as
// stmts allow.
func (t *batchTx) insertRows(stmts []driver.Stmt, width int, values []driver.Value) error {
	for len(values) > 0 {
		i := min(bits.Len(uint(len(values)/width))-1, len(stmts)-1)
		n := 1 << i
		if err := t.exec(stmts[i], values[:n*width]); err != nil {
			return err
		}
		values = values[n*width:]
	}
	return nil
}

var responseColumns = []string{"id", "survey_id", "version_id", "reference", "submitted_at", "idempotency_key", "answers_packed"}

// preparedResponse is a response with everything worked out that does not
// need the transaction: its time and packed answers. The submitting
// goroutine prepares it, on whichever core is free, so the one writer,
// which every submission waits for, only binds and steps.
type preparedResponse struct {
	NewResponse
	submittedAt string
	packed      string
}

func prepareResponse(r NewResponse) preparedResponse {
	ids := make([]string, 0, len(r.Answers))
	for id := range r.Answers {
		ids = append(ids, id)
	}
	slices.Sort(ids) // a fixed order, so runs are repeatable
	return preparedResponse{
		NewResponse: r,
		submittedAt: formatTime(r.SubmittedAt),
		packed:      packAnswers(ids, r.Answers),
	}
}

// insertBatch stores responses inside t and returns a receipt for each.
// A response whose idempotency key was used before (or earlier in the
// batch) is not stored again: its receipt is the first one's. Row ids are
// assigned here, which is safe because only the one write connection
// inserts responses, inside this immediate transaction.
func (t *batchTx) insertBatch(rs []preparedResponse) ([]Receipt, error) {
	p := t.stmts
	receipts := make([]Receipt, len(rs))
	var keys []idempotencyKey
	for i := range rs {
		if rs[i].IdempotencyKey != "" {
			keys = append(keys, idempotencyKey{rs[i].SurveyID, rs[i].IdempotencyKey})
		}
	}
	nextID, err := t.queryInt(p.maxID, "the largest response id")
	if err != nil {
		return nil, err
	}
	if err := t.catchUp(nextID); err != nil {
		return nil, err
	}
	stored, err := t.storedReceipts(keys)
	if err != nil {
		return nil, err
	}
	firstWithKey := make(map[idempotencyKey]int, len(keys))
	respArgs := t.responses[:0]
	defer func() {
		// Keep the capacity for the writer's largest batch, not the
		// answers, and not the capacity of an import's thousands.
		keep := maxBatch * len(responseColumns)
		clear(respArgs)
		if cap(respArgs) <= keep {
			t.responses = respArgs[:0]
		}
	}()
	for i := range rs {
		r := &rs[i]
		var key driver.Value
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
		ref, err := t.claimReference(&nextID)
		if err != nil {
			return nil, err
		}
		receipts[i] = Receipt{ID: nextID, Reference: ref}
		if key != nil {
			t.keys.pending = append(t.keys.pending, keyedResponse{idempotencyKey{r.SurveyID, r.IdempotencyKey}, nextID})
		}
		respArgs = append(respArgs, nextID, r.SurveyID, r.VersionID, ref, r.submittedAt, key, r.packed)
	}
	if err := t.insertRows(p.responses, len(responseColumns), respArgs); err != nil {
		return nil, err
	}
	t.keys.pendingSeen = nextID
	return receipts, nil
}

// claimReference returns the reference of response id *id, first moving
// *id past any id whose reference was drawn at random for a response
// stored before references came from ids, so no two responses share a
// reference. Such ids are left unused.
func (t *batchTx) claimReference(id *int64) (string, error) {
	for {
		ref := t.refs.Encode(*id)
		if !t.drawnRefs {
			return ref, nil
		}
		drawn := false
		err := t.query(t.stmts.drawnRef, []driver.Value{ref}, func([]driver.Value) error {
			drawn = true
			return nil
		})
		if err != nil || !drawn {
			return ref, err
		}
		*id++
	}
}

// idempotencyKey is a client's key, which is unique within its survey.
type idempotencyKey struct {
	survey int64
	key    string
}

// storedReceipts returns the receipts of those keys already stored,
// recently (see recentKeys) or long since. It looks settled keys up up to
// 64 at a time, a short list padded by repeating its last key, where one
// lookup a submission took a tenth of the writer's time.
func (t *batchTx) storedReceipts(all []idempotencyKey) (map[idempotencyKey]Receipt, error) {
	stored := map[idempotencyKey]Receipt{}
	var keys []idempotencyKey
	for _, k := range all {
		if rc, ok := t.recentReceipt(k); ok {
			stored[k] = rc
		} else {
			keys = append(keys, k)
		}
	}
	args := make([]driver.Value, 0, 2*maxRowsPerInsert)
	for len(keys) > 0 {
		chunk := keys[:min(len(keys), maxRowsPerInsert)]
		keys = keys[len(chunk):]
		i := bits.Len(uint(len(chunk) - 1)) // the fewest of 1, 2, 4 ... 64 keys that hold chunk
		args = args[:0]
		for j := range 1 << i {
			k := chunk[min(j, len(chunk)-1)]
			args = append(args, k.survey, k.key)
		}
		err := t.query(t.stmts.findKeys[i], args, func(row []driver.Value) error {
			survey, ok1 := row[0].(int64)
			key, ok2 := row[1].(string)
			id, ok3 := row[2].(int64)
			ref, ok4 := row[3].(string)
			if !ok1 || !ok2 || !ok3 || !ok4 {
				return fmt.Errorf("stored idempotency key: unexpected column types %T %T %T %T", row[0], row[1], row[2], row[3])
			}
			stored[idempotencyKey{survey, key}] = Receipt{ID: id, Reference: ref, Replayed: true}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return stored, nil
}
