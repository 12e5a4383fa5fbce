package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// maxBatch bounds how many submissions share one transaction, so a
// burst cannot make one commit (and everyone's wait) arbitrarily long.
const maxBatch = 256

// writer group-commits submissions: it takes every submission waiting at
// the moment, writes them all in one transaction and acknowledges each
// only after the commit. With synchronous=FULL each commit costs one
// fsync, so sharing it among many submissions is what keeps throughput
// up under load while every acknowledgement stays durable.
type writer struct {
	db      *DB
	queue   chan *submission
	stopped chan struct{}
	once    sync.Once
	mu      sync.RWMutex // held for reading while sending to queue
	closed  bool
}

type submission struct {
	r    NewResponse
	done chan result
}

type result struct {
	receipt Receipt
	err     error
}

func startWriter(db *DB) *writer {
	w := &writer{db: db, queue: make(chan *submission, maxBatch*4), stopped: make(chan struct{})}
	go w.run()
	return w
}

var errClosed = errors.New("the database is closed")

func (w *writer) submit(ctx context.Context, r NewResponse) (Receipt, error) {
	s := &submission{r: r, done: make(chan result, 1)}
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return Receipt{}, errClosed
	}
	select {
	case w.queue <- s:
		w.mu.RUnlock()
	case <-ctx.Done():
		w.mu.RUnlock()
		return Receipt{}, ctx.Err()
	}
	// Once queued, wait for the outcome even if the client goes away:
	// the response may already be committed, and the caller must know.
	res := <-s.done
	return res.receipt, res.err
}

func (w *writer) stop() {
	w.once.Do(func() {
		w.mu.Lock()
		w.closed = true
		close(w.queue)
		w.mu.Unlock()
		<-w.stopped
	})
}

func (w *writer) run() {
	defer close(w.stopped)
	batch := make([]*submission, 0, maxBatch)
	for s := range w.queue {
		batch = append(batch[:0], s)
	drain:
		for len(batch) < maxBatch {
			select {
			case s, ok := <-w.queue:
				if !ok {
					break drain
				}
				batch = append(batch, s)
			default:
				break drain
			}
		}
		w.commit(batch)
	}
}

// commit writes a batch in one transaction. If that fails, each
// submission is retried in a transaction of its own, so one bad
// submission cannot cost the others theirs.
func (w *writer) commit(batch []*submission) {
	ctx := context.Background()
	rs := make([]NewResponse, len(batch))
	for i, s := range batch {
		rs[i] = s.r
	}
	var receipts []Receipt
	err := w.db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		receipts, err = w.db.insertBatch(ctx, tx, rs)
		return err
	})
	if err == nil {
		for i, s := range batch {
			s.done <- result{receipt: receipts[i]}
		}
		return
	}
	for _, s := range batch {
		w.commitAlone(ctx, s)
	}
}

// commitAlone stores one submission in its own transaction, retrying
// when its random reference collided with an existing one.
func (w *writer) commitAlone(ctx context.Context, s *submission) {
	var rc Receipt
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = w.db.inTx(ctx, func(tx *sql.Tx) error {
			rcs, err := w.db.insertBatch(ctx, tx, []NewResponse{s.r})
			if err == nil {
				rc = rcs[0]
			}
			return err
		})
		if !isUniqueViolation(err) {
			break
		}
	}
	if err != nil {
		s.done <- result{err: fmt.Errorf("store response: %w", err)}
		return
	}
	s.done <- result{receipt: rc}
}
