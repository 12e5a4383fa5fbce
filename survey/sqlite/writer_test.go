package sqlite

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/survey"
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

// TestInsertBatchFindsStoredKeys writes one batch of more keys than one
// lookup holds: keys stored before are replayed with their first
// receipts, a key given twice in the batch is stored once, and a key is
// its survey's alone.
func TestInsertBatchFindsStoredKeys(t *testing.T) {
	db := openTestDB(t)
	a := publishTestSurvey(t, db)
	ctx := context.Background()
	def, err := survey.ParseDefinition(strings.NewReader(strings.Replace(testDefinition, `"test-survey"`, `"other-survey"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveDraft(ctx, def); err != nil {
		t.Fatal(err)
	}
	b, err := db.Publish(ctx, def.Slug)
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]Receipt{}
	for i := 50; i < 95; i++ { // in both lookups of the batch below
		key := fmt.Sprintf("k%d", i)
		rc, err := db.Submit(ctx, NewResponse{SurveyID: a.SurveyID, VersionID: a.ID, Answers: testAnswers(), IdempotencyKey: key})
		if err != nil {
			t.Fatal(err)
		}
		first[key] = rc
	}
	var batch []preparedResponse
	add := func(v *Version, key string) {
		batch = append(batch, prepareResponse(NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: testAnswers(), IdempotencyKey: key, SubmittedAt: time.Now()}))
	}
	for i := range 97 { // 45 stored before, 52 new; 97 keys need a lookup of 64 and one of 33, padded to 64
		add(a, fmt.Sprintf("k%d", i))
	}
	add(a, "k60") // again, in the same batch
	add(b, "k50") // a stored key, another survey
	add(a, "")
	receipts, err := db.storeResponses(ctx, false, batch)
	if err != nil {
		t.Fatalf("insertBatch: %v", err)
	}
	for i := range 97 {
		key := fmt.Sprintf("k%d", i)
		got := receipts[i]
		if want, ok := first[key]; ok {
			if !got.Replayed || got.ID != want.ID || got.Reference != want.Reference {
				t.Errorf("%s: got %+v, want the first receipt %+v, replayed", key, got, want)
			}
		} else if got.Replayed {
			t.Errorf("%s: got %+v, want a new response", key, got)
		}
	}
	if got, want := receipts[97], receipts[60]; !got.Replayed || got.ID != want.ID {
		t.Errorf("k60 again: got %+v, want %+v replayed", got, want)
	}
	if got := receipts[98]; got.Replayed {
		t.Errorf("k50 in another survey: got %+v, want a new response", got)
	}
	if n, _ := db.CountResponses(ctx, a.SurveyID); n != 97+1 {
		t.Errorf("survey a has %d responses, want 98", n)
	}
	if n, _ := db.CountResponses(ctx, b.SurveyID); n != 1 {
		t.Errorf("survey b has %d responses, want 1", n)
	}
}

// TestWriterRetriesAFailedBatchOneByOne makes a batch fail, with one
// submission to a version that does not exist, and checks that the
// others are still stored, each with its own reference, and that only
// that one is refused.
func TestWriterRetriesAFailedBatchOneByOne(t *testing.T) {
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	ctx := context.Background()
	var batch []*submission
	for i := range 3 {
		r := NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: testAnswers(), IdempotencyKey: fmt.Sprintf("retry-%d", i), SubmittedAt: time.Now()}
		if i == 1 {
			r.VersionID = v.ID + 100
		}
		batch = append(batch, &submission{r: prepareResponse(r)})
	}
	results := db.writer.commit(batch)
	refs := map[string]bool{}
	for i, res := range results {
		if i == 1 {
			if res.err == nil {
				t.Errorf("submission 1 to a missing version: stored as %+v, want an error", res.receipt)
			}
			continue
		}
		if res.err != nil {
			t.Fatalf("submission %d: %v, want it stored on its own", i, res.err)
		}
		if refs[res.receipt.Reference] {
			t.Errorf("submission %d has reference %s, already in use", i, res.receipt.Reference)
		}
		refs[res.receipt.Reference] = true
		if ok, err := db.ResponseExists(ctx, v.SurveyID, res.receipt.Reference); !ok || err != nil {
			t.Errorf("submission %d: ResponseExists(%s) = %v, %v; want true", i, res.receipt.Reference, ok, err)
		}
	}
	if n, _ := db.CountResponses(ctx, v.SurveyID); n != 2 {
		t.Errorf("%d responses stored, want 2", n)
	}
	// The keys were stored with their responses, once each.
	again, err := db.Submit(ctx, NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: testAnswers(), IdempotencyKey: "retry-2"})
	if err != nil || !again.Replayed || again.ID != results[2].receipt.ID {
		t.Errorf("retry-2 again = %+v, %v; want the stored receipt %+v replayed", again, err, results[2].receipt)
	}
}
