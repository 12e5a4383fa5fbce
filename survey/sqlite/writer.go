package sqlite

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"sync"
	"time"
)

// maxBatch bounds how many submissions share one transaction, so a
// burst cannot make one commit (and everyone's wait) arbitrarily long.
const maxBatch = 256

// While submissions are arriving together, a batch lingers up to
// lingerFor for company, until it holds lingerUntil. Each commit has a
// fixed cost (its statements, its WAL frames, its fsync) that a bigger
// batch shares: under load, batches of about six became batches of about
// thirty, the server's CPU time a submission fell by about 15%, and
// submissions were answered sooner for it. A submission that finds the
// writer idle after a batch of one is committed at once. 1.5 ms rather
// than 1 ms lets more batches fill while their last members wait out the
// previous batch's fsync (3% more submissions a second under load); the
// wait is felt only while submissions arrive together.
const (
	lingerFor   = 1500 * time.Microsecond
	lingerUntil = 32
)

// writer group-commits submissions: it takes every submission waiting at
// the moment, writes them all in one transaction and acknowledges each
// only once that transaction is durably on disk.
//
// Durability is made in a pipeline: the batch commits without waiting
// for the disk (synchronous=NORMAL, for that transaction only), then a
// second goroutine fsyncs the WAL file and only then acknowledges the
// batch, while the writer is already inserting the next one. A commit's
// frames are in the WAL once COMMIT returns, so the fsync that follows
// makes them durable, exactly as synchronous=FULL would, without the
// writer idling for the disk.
type writer struct {
	db      *DB
	queue   chan *submission
	syncs   chan committed
	stopped chan struct{}
	once    sync.Once
	mu      sync.RWMutex // held for reading while sending to queue
	closed  bool

	wal *os.File // the WAL file, opened for fsync
}

// committed is a batch written to the WAL and waiting for its fsync.
type committed struct {
	batch   []*submission
	results []result
}

type submission struct {
	r    preparedResponse
	done chan result
}

type result struct {
	receipt Receipt
	err     error
}

func startWriter(db *DB) *writer {
	w := &writer{db: db, queue: make(chan *submission, maxBatch*4), syncs: make(chan committed, 4), stopped: make(chan struct{})}
	go w.run()
	return w
}

var errClosed = errors.New("the database is closed")

func (w *writer) submit(ctx context.Context, r NewResponse) (Receipt, error) {
	s := &submission{r: prepareResponse(r), done: make(chan result, 1)}
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
	synced := make(chan struct{})
	go w.syncLoop(synced)
	defer func() {
		close(w.syncs)
		<-synced
		if w.wal != nil {
			w.wal.Close()
		}
		close(w.stopped)
	}()
	company := false // whether the last batch held more than one
	for s := range w.queue {
		batch := w.gather(s, company, lingerFor)
		company = len(batch) > 1
		w.syncs <- committed{batch: batch, results: w.commit(batch)}
	}
}

// gather returns the batch that s starts: every submission already
// waiting and, when submissions are arriving together (company, or more
// than s waiting), those that arrive within linger, up to lingerUntil.
func (w *writer) gather(s *submission, company bool, linger time.Duration) []*submission {
	batch, open := takeWaiting(w.queue, []*submission{s}, maxBatch)
	if !open || len(batch) >= lingerUntil || len(batch) == 1 && !company {
		return batch
	}
	timer := time.NewTimer(linger)
	defer timer.Stop()
	for len(batch) < lingerUntil {
		select {
		case s, ok := <-w.queue:
			if !ok {
				return batch
			}
			batch = append(batch, s)
		case <-timer.C:
			return batch
		}
	}
	return batch
}

// takeWaiting appends to list what ch holds already, without waiting,
// until list holds limit; open is false if it found ch closed.
func takeWaiting[T any](ch <-chan T, list []T, limit int) (_ []T, open bool) {
	for len(list) < limit {
		select {
		case v, ok := <-ch:
			if !ok {
				return list, false
			}
			list = append(list, v)
		default:
			return list, true
		}
	}
	return list, true
}

// syncLoop makes committed batches durable and acknowledges them. Every
// batch waiting when an fsync starts shares it.
func (w *writer) syncLoop(done chan<- struct{}) {
	defer close(done)
	for c := range w.syncs {
		group, _ := takeWaiting(w.syncs, []committed{c}, math.MaxInt)
		err := w.syncWAL()
		for _, c := range group {
			for i, s := range c.batch {
				r := c.results[i]
				if err != nil && r.err == nil {
					// Committed but perhaps not durable: the client is told
					// it failed and retries with its idempotency key, which
					// returns this same receipt once stored.
					r = result{err: fmt.Errorf("store response: sync: %w", err)}
				}
				s.done <- r
			}
		}
	}
}

// syncWAL fsyncs the WAL file, reopening it if SQLite has replaced it.
func (w *writer) syncWAL() error {
	path := w.db.path + "-wal"
	if w.wal != nil {
		if a, err1 := w.wal.Stat(); err1 == nil {
			if b, err2 := os.Stat(path); err2 != nil || !os.SameFile(a, b) {
				w.wal.Close()
				w.wal = nil
			}
		}
	}
	if w.wal == nil {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		w.wal = f
	}
	return w.wal.Sync()
}

// commit writes a batch in one transaction. If that fails, each
// submission is retried in a transaction of its own, so one bad
// submission cannot cost the others theirs.
func (w *writer) commit(batch []*submission) []result {
	ctx := context.Background()
	rs := make([]preparedResponse, len(batch))
	for i, s := range batch {
		rs[i] = s.r
	}
	results := make([]result, len(batch))
	receipts, err := w.db.storeResponses(ctx, true, rs)
	if err == nil {
		for i := range batch {
			results[i] = result{receipt: receipts[i]}
		}
		return results
	}
	for i, s := range batch {
		results[i] = w.commitAlone(ctx, s)
	}
	return results
}

// commitAlone stores one submission in its own transaction.
func (w *writer) commitAlone(ctx context.Context, s *submission) result {
	rcs, err := w.db.storeResponses(ctx, true, []preparedResponse{s.r})
	if err != nil {
		return result{err: fmt.Errorf("store response: %w", err)}
	}
	return result{receipt: rcs[0]}
}
