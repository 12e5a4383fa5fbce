package sqlite

import (
	"context"
	"fmt"
	"testing"
)

// submitKeyed submits a test response with key, which may be empty, and
// returns its receipt.
func submitKeyed(t *testing.T, db *DB, v *Version, key string) Receipt {
	t.Helper()
	rc, err := db.Submit(context.Background(), NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: testAnswers(), IdempotencyKey: key})
	if err != nil {
		t.Fatalf("Submit with key %s: %v", key, err)
	}
	return rc
}

// checkReplayed submits every key of want again and checks each returns
// its first receipt, stored nothing new.
func checkReplayed(t *testing.T, db *DB, v *Version, want map[string]Receipt) {
	t.Helper()
	before, _ := db.CountResponses(context.Background(), v.SurveyID)
	for key, first := range want {
		again := submitKeyed(t, db, v, key)
		if !again.Replayed || again.ID != first.ID || again.Reference != first.Reference {
			t.Errorf("key %s again = %+v, want %+v replayed", key, again, first)
		}
	}
	if after, _ := db.CountResponses(context.Background(), v.SurveyID); after != before {
		t.Errorf("retrying %d keys stored %d more responses, want none", len(want), after-before)
	}
}

// submitKeys submits n test responses with keys phone-0, phone-1 ...
// and returns their receipts by key.
func submitKeys(t *testing.T, db *DB, v *Version, n int) map[string]Receipt {
	t.Helper()
	first := map[string]Receipt{}
	for i := range n {
		key := fmt.Sprintf("phone-%d", i)
		first[key] = submitKeyed(t, db, v, key)
	}
	return first
}

// settleEvery makes the store settle keys n at a time for the test.
func settleEvery(t *testing.T, n int) {
	was := settleKeysAt
	t.Cleanup(func() { settleKeysAt = was })
	settleKeysAt = n
}

func settledThrough(t *testing.T, db *DB) int64 {
	t.Helper()
	var through int64
	if err := db.read.QueryRow("SELECT through FROM idempotency_settled").Scan(&through); err != nil {
		t.Fatal(err)
	}
	return through
}

func TestRecentKeysOutliveARestart(t *testing.T) {
	// Keys not yet settled live in their rows and in memory: a reopened
	// database reads them back and still refuses to store them twice.
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	first := submitKeys(t, db, v, 5)
	if n := countRows(t, db, "idempotency_keys"); n != 0 {
		t.Fatalf("%d keys settled after five submissions, want none yet", n)
	}
	checkReplayed(t, reopen(t, db), v, first)
}

func TestKeysSettleInBulk(t *testing.T) {
	// Once enough keys are held in memory they are settled into
	// idempotency_keys, and are found there afterwards, before and after
	// a restart.
	settleEvery(t, 10)
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	first := submitKeys(t, db, v, 25)
	// Settled at 10 and at 20: five are still only in memory.
	if got, want := countRows(t, db, "idempotency_keys"), 20; got != want {
		t.Errorf("%d keys settled, want %d", got, want)
	}
	if got, want := settledThrough(t, db), first["phone-19"].ID; got != want {
		t.Errorf("settled through response %d, want %d", got, want)
	}
	checkReplayed(t, db, v, first)
	checkReplayed(t, reopen(t, db), v, first)
}

func TestKeysStoredByAnotherProcess(t *testing.T) {
	// Two programs writing one file each keep recent keys in memory; each
	// catches up on what the other stored before looking a key up.
	a := openTestDB(t)
	v := publishTestSurvey(t, a)
	submitKeyed(t, a, v, "warm-up") // a has read its keys
	b, err := Open(a.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	submitKeyed(t, b, v, "warm-up") // and so has b
	fromA := submitKeyed(t, a, v, "from-a")
	fromB := submitKeyed(t, b, v, "from-b")
	checkReplayed(t, b, v, map[string]Receipt{"from-a": fromA})
	checkReplayed(t, a, v, map[string]Receipt{"from-b": fromB})
}

func TestKeylessResponsesMoveTheSettlementOn(t *testing.T) {
	// Responses without keys count towards settling too, so the rows read
	// back when the database opens stay few even when keys are rare.
	settleEvery(t, 10)
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	keyed := submitKeys(t, db, v, 1)
	rs := make([]NewResponse, settleKeysAt*settleRowsPerKey)
	for i := range rs {
		rs[i] = NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: testAnswers()}
	}
	if err := db.ImportResponses(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	if got, want := settledThrough(t, db), int64(len(rs)+1); got != want {
		t.Errorf("settled through response %d, want %d", got, want)
	}
	if got := countRows(t, db, "idempotency_keys"); got != 1 {
		t.Errorf("%d keys settled, want 1", got)
	}
	checkReplayed(t, reopen(t, db), v, keyed)
}
