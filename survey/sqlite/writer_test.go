package sqlite

import (
	"testing"
	"time"
)

// TestWriterGather checks how the writer makes a batch: alone at once,
// and while submissions are arriving together, lingering for company.
func TestWriterGather(t *testing.T) {
	const forever = time.Hour // a linger the test would notice
	tests := []struct {
		name    string
		waiting int  // submissions queued before gather starts
		later   int  // submissions queued as it starts (some may be waiting already)
		company bool // whether the last batch held more than one
		linger  time.Duration
		want    int
	}{
		{name: "alone after a batch of one", waiting: 1, linger: forever, want: 1},
		{name: "alone after a crowd lingers until full", waiting: 1, later: lingerUntil - 1, company: true, linger: forever, want: lingerUntil},
		{name: "a crowd lingers until its time is up", waiting: 3, linger: time.Millisecond, want: 3},
		{name: "a crowd lingers until full", waiting: 3, later: lingerUntil - 3, linger: forever, want: lingerUntil},
		{name: "a full batch does not linger", waiting: lingerUntil + 5, company: true, linger: forever, want: lingerUntil + 5},
		{name: "never more than maxBatch", waiting: maxBatch + 1, linger: forever, want: maxBatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := &writer{queue: make(chan *submission, maxBatch*4)}
			for range tc.waiting {
				w.queue <- &submission{}
			}
			first := <-w.queue
			got := make(chan int)
			go func() { got <- len(w.gather(first, tc.company, tc.linger)) }()
			for range tc.later {
				w.queue <- &submission{}
			}
			select {
			case n := <-got:
				if n != tc.want {
					t.Errorf("got a batch of %d, want %d", n, tc.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("gather still waiting after 10s, want a batch of %d", tc.want)
			}
		})
	}
}

// TestWriterGatherStopsWhenClosed checks that closing the queue ends a
// linger with the batch so far.
func TestWriterGatherStopsWhenClosed(t *testing.T) {
	w := &writer{queue: make(chan *submission, 8)}
	w.queue <- &submission{}
	first := &submission{}
	got := make(chan int)
	go func() { got <- len(w.gather(first, true, time.Hour)) }()
	close(w.queue)
	select {
	case n := <-got:
		if n != 2 {
			t.Errorf("got a batch of %d, want 2", n)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("gather still waiting after the queue closed")
	}
}
