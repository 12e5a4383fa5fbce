package sqlite

import (
	"database/sql/driver"
	"fmt"
	"hash/maphash"
)

// settleKeysAt is how many recent idempotency keys are held in memory
// before they are settled into idempotency_keys. Settling writes each
// page of the table that the keys fall on once, however many of them
// fall there, so the more settle together the fewer pages a key: with
// 16,384 at a time, about a twelfth of a page a key into a table of
// 100,000 and about half a page into one of a million, against a whole
// page each for an index written as responses arrive. Under load,
// settling holds the writer for tens of milliseconds, and the slowest
// requests for 100 to 200 ms; twice as many at a time held them longer
// and kept 3 MB more (BENCHMARKS.md).
var settleKeysAt = 1 << 14 // a variable so that tests can settle a few

// recentKeys finds the idempotency keys of responses stored since keys
// were last settled. A client's key is random, so an index on it puts
// each submission's entry on a random page: one more page written for
// every commit, the cost of a third of a submission's disk writes. So
// each response keeps its key in its own row, written in order with it,
// and this index of them lives in memory: read from the rows when the
// database opens, kept up to date as responses commit, and settled into
// the idempotency_keys table in key order, many to a page, once there
// are settleKeysAt of them.
//
// Like batchTx it belongs to the write connection and is used only by
// whoever holds it.
type recentKeys struct {
	loaded bool
	seed   maphash.Seed
	// ids maps the hash of a survey and key to its response; clashes
	// holds the rare key whose hash an earlier key already had.
	ids     map[uint64]int64
	clashes map[idempotencyKey]int64
	// seen is the last response id accounted for: every keyed response
	// up to it is here or settled.
	seen int64
	// pending holds what the open transaction stored, kept if it commits.
	pending     []keyedResponse
	pendingSeen int64
	// settleAt is the size at which to settle: settleKeysAt, or more
	// after a failure to settle.
	settleAt int
}

type keyedResponse struct {
	key idempotencyKey
	id  int64
}

func (k *recentKeys) hash(key idempotencyKey) uint64 { return maphash.Comparable(k.seed, key) }

// find returns the response a recent key was stored with. The caller
// confirms it from the row: two keys may share a hash.
func (k *recentKeys) find(key idempotencyKey) (int64, bool) {
	if id, ok := k.clashes[key]; ok {
		return id, true
	}
	id, ok := k.ids[k.hash(key)]
	return id, ok
}

func (k *recentKeys) add(key idempotencyKey, id int64) {
	h := k.hash(key)
	if _, taken := k.ids[h]; taken {
		k.clashes[key] = id
		return
	}
	k.ids[h] = id
}

func (k *recentKeys) len() int { return len(k.ids) + len(k.clashes) }

// due reports whether it is time to settle.
func (k *recentKeys) due() bool { return k.loaded && k.len() >= k.settleAt }

// committed keeps what the transaction stored; rolledBack forgets it.
func (k *recentKeys) committed() {
	for _, p := range k.pending {
		k.add(p.key, p.id)
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
		k.seed = maphash.MakeSeed()
		k.ids, k.clashes = map[uint64]int64{}, map[idempotencyKey]int64{}
		k.settleAt = settleKeysAt
		err := t.query(t.stmts.settledThrough, nil, func(row []driver.Value) error {
			var ok bool
			if k.seen, ok = row[0].(int64); !ok {
				return fmt.Errorf("idempotency keys settled through %T, want an integer", row[0])
			}
			return nil
		})
		if err != nil {
			return err
		}
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
		k.add(idempotencyKey{survey, key}, id)
		return nil
	})
	if err != nil {
		return err
	}
	k.seen = maxID
	return nil
}

// recentReceipt returns the receipt of a key stored since keys were last
// settled, if it was.
func (t *batchTx) recentReceipt(key idempotencyKey) (Receipt, bool, error) {
	id, ok := t.keys.find(key)
	if !ok {
		return Receipt{}, false, nil
	}
	var rc Receipt
	found := false
	err := t.query(t.stmts.keyOf, []driver.Value{id}, func(row []driver.Value) error {
		survey, ok1 := row[0].(int64)
		stored, ok2 := row[1].(string)
		ref, ok3 := row[2].(string)
		if !ok1 || !ok2 || !ok3 {
			return fmt.Errorf("stored idempotency key: unexpected column types %T %T %T", row[0], row[1], row[2])
		}
		if found = survey == key.survey && stored == key.key; found {
			rc = Receipt{ID: id, Reference: ref, Replayed: true}
		}
		return nil
	})
	return rc, found, err
}

// settleKeys moves the keys of every response up to the last one seen
// into idempotency_keys, in key order, and empties the index in memory.
// It runs in a transaction of its own: should it be lost, the keys are
// still in their rows, and are read again when the database opens.
func (t *batchTx) settleKeys() error {
	var from int64
	err := t.query(t.stmts.settledThrough, nil, func(row []driver.Value) error {
		var ok bool
		if from, ok = row[0].(int64); !ok {
			return fmt.Errorf("idempotency keys settled through %T, want an integer", row[0])
		}
		return nil
	})
	if err != nil {
		return err
	}
	through := t.keys.seen
	if err := t.exec(t.stmts.settle, []driver.Value{from, through}); err != nil {
		return err
	}
	return t.exec(t.stmts.markSettled, []driver.Value{through})
}

// settled empties the index once settleKeys has committed.
func (k *recentKeys) settled() {
	clear(k.ids)
	clear(k.clashes)
	k.settleAt = settleKeysAt
}
