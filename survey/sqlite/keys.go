package sqlite

import (
	"cmp"
	"database/sql/driver"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// settleKeysAt is how many recent idempotency keys are held in memory
// before they are settled into idempotency_keys. Settling writes each
// page of the table that the keys fall on once, however many of them
// fall there, so the more settle together the fewer pages a key: with
// 8,192 at a time, about a seventh of a page a key into a table of
// 100,000 and three quarters of one into a table of a million, against a
// whole page each for an index written as responses arrive. Under load
// the slowest requests then wait about 50 ms; twice as many at a time
// made them wait up to 150 ms and kept 3 MB more (BENCHMARKS.md).
var settleKeysAt = 1 << 13 // a variable so that tests can settle a few

// recentKeys finds the idempotency keys of responses stored since keys
// were last settled. A client's key is random, so an index on it puts
// each submission's entry on a random page: one more page written for
// every commit, the cost of a third of a submission's disk writes. So
// each response keeps its key in its own row, written in order with it,
// and this index of them lives in memory: read from the rows when the
// database opens, kept up to date as responses commit, and settled into
// the idempotency_keys table in key order, many to a page, once there
// are settleKeysAt of them, or once settleKeysAt*settleRowsPerKey
// responses have come since the last settlement, so that the rows read
// back at opening stay few even when most responses have no key.
//
// Like batchTx it belongs to the write connection and is used only by
// whoever holds it.
type recentKeys struct {
	loaded bool
	ids    map[idempotencyKey]int64 // the response each key was stored with
	// through is the settlement the index started from or last made:
	// every keyed response up to it is in idempotency_keys.
	through int64
	// seen is the last response id accounted for: every keyed response
	// up to it is here or settled.
	seen int64
	// pending holds what the open transaction stored, kept if it commits.
	pending     []keyedResponse
	pendingSeen int64
	// settleAt is the number of keys at which to settle: settleKeysAt,
	// or more after a failure to settle.
	settleAt int
}

// settleRowsPerKey sets the other reason to settle: this many responses
// for each key settleKeysAt allows have been stored since the last time.
const settleRowsPerKey = 4

type keyedResponse struct {
	key idempotencyKey
	id  int64
}

// due reports whether it is time to settle.
func (k *recentKeys) due() bool {
	return k.loaded && (len(k.ids) >= k.settleAt || k.seen-k.through >= int64(k.settleAt*settleRowsPerKey))
}

// committed keeps what the transaction stored; rolledBack forgets it.
func (k *recentKeys) committed() {
	for _, p := range k.pending {
		k.ids[p.key] = p.id
	}
	k.seen = max(k.seen, k.pendingSeen)
	k.rolledBack()
}

func (k *recentKeys) rolledBack() {
	clear(k.pending)
	k.pending, k.pendingSeen = k.pending[:0], 0
}

// catchUp brings the index up to maxID, the largest response id in the
// database: on first use it reads every key not yet settled, and later
// only those of responses another process stored since. Either way the
// rows it reads are already committed.
func (t *batchTx) catchUp(maxID int64) error {
	k := &t.keys
	if !k.loaded {
		k.ids = map[idempotencyKey]int64{}
		k.settleAt = settleKeysAt
		var err error
		if k.through, err = t.queryInt(t.stmts.settledThrough, "the last response whose key is settled"); err != nil {
			return err
		}
		k.seen = k.through
		k.loaded = true
	}
	if maxID <= k.seen {
		return nil
	}
	err := t.query(t.stmts.keysSince, []driver.Value{k.seen}, func(row []driver.Value) error {
		id, ok1 := row[0].(int64)
		survey, ok2 := row[1].(int64)
		key, ok3 := row[2].(string)
		if !ok1 || !ok2 || !ok3 {
			return fmt.Errorf("stored idempotency key: unexpected column types %T %T %T", row[0], row[1], row[2])
		}
		k.ids[idempotencyKey{survey, key}] = id
		return nil
	})
	if err != nil {
		return err
	}
	k.seen = maxID
	return nil
}

// recentReceipt returns the receipt of a key stored since keys were last
// settled, if it was. Every response since then has the reference its id
// encodes to: references drawn at random are all older than migration
// 008, which settled their keys.
func (t *batchTx) recentReceipt(key idempotencyKey) (Receipt, bool) {
	id, ok := t.keys.ids[key]
	if !ok {
		return Receipt{}, false
	}
	return Receipt{ID: id, Reference: t.refs.Encode(id), Replayed: true}, true
}

// settleKeys writes the keys held in memory into idempotency_keys, in key
// order, and records that every key up to the last response seen is
// settled. It runs in a transaction of its own: should it be lost, the
// keys are still in their rows, and are read again when the database
// opens. Keys another process settled already are left as they are.
func (t *batchTx) settleKeys() error {
	keys := slices.SortedFunc(maps.Keys(t.keys.ids), func(a, b idempotencyKey) int {
		return cmp.Or(cmp.Compare(a.survey, b.survey), strings.Compare(a.key, b.key))
	})
	// A few statements' worth at a time: the values of all of them at
	// once would add megabytes to the server's peak memory.
	const chunk = 8 * maxRowsPerInsert
	rows := make([]driver.Value, 0, chunk*len(idempotencyKeyColumns))
	for len(keys) > 0 {
		n := min(len(keys), chunk)
		rows = rows[:0]
		for _, k := range keys[:n] {
			rows = append(rows, k.survey, k.key, t.keys.ids[k])
		}
		if err := t.insertRows(t.stmts.settle, len(idempotencyKeyColumns), rows); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return t.exec(t.stmts.markSettled, []driver.Value{t.keys.seen})
}

var idempotencyKeyColumns = []string{"survey_id", "idempotency_key", "response_id"}

// postponed puts off settling after a failure, until an eighth more keys
// have gathered.
func (k *recentKeys) postponed() { k.settleAt = len(k.ids) + settleKeysAt/8 }

// settled empties the index once settleKeys has committed.
func (k *recentKeys) settled() {
	clear(k.ids)
	k.through = k.seen
	k.settleAt = settleKeysAt
}
