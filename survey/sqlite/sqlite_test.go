package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/survey"
)

const testDefinition = `{
  "slug": "test-survey", "title": "Test survey",
  "sections": [{"id": "s1", "title": "First", "questions": [
    {"id": "age", "type": "single_choice", "text": "Age", "profile": true,
     "options": [{"value": "0-4", "label": "0 to 4"}, {"value": "5-10", "label": "5 to 10"}]},
    {"id": "needs", "type": "multi_choice", "text": "Needs",
     "options": [{"value": "autism", "label": "Autism"}, {"value": "adhd", "label": "ADHD"}]},
    {"id": "rating", "type": "scale", "text": "Rate", "scale": {"min": 1, "max": 5}},
    {"id": "months", "type": "number", "text": "Months", "min": 0, "max": 120},
    {"id": "comment", "type": "long_text", "text": "Comment", "area": "education"}
  ]}]}`

func openTestDB(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func publishTestSurvey(t testing.TB, db *DB) *Version {
	t.Helper()
	def, err := survey.ParseDefinition(strings.NewReader(testDefinition))
	if err != nil {
		t.Fatalf("ParseDefinition: %v", err)
	}
	ctx := context.Background()
	if _, err := db.SaveDraft(ctx, def); err != nil {
		t.Fatalf("SaveDraft: %v", err)
	}
	v, err := db.Publish(ctx, def.Slug)
	if err != nil {
		t.Fatalf("Publish: %v", err)
	}
	return v
}

func testAnswers() survey.Answers {
	return survey.Answers{
		"age":     survey.TextValue(survey.SingleChoice, "5-10"),
		"needs":   survey.ChoicesValue("autism", "adhd"),
		"rating":  survey.NumberValue(survey.Scale, 4),
		"months":  survey.NumberValue(survey.Number, 18.5),
		"comment": survey.TextValue(survey.LongText, "The SENCO was brilliant."),
	}
}

// submitTestAnswers stores testAnswers as a response to v, without a key.
func submitTestAnswers(t *testing.T, db *DB, v *Version) Receipt {
	t.Helper()
	return submitKeyed(t, db, v, "")
}

func TestSubmitAndReadBack(t *testing.T) {
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	ctx := context.Background()
	rc := submitTestAnswers(t, db, v)
	if !strings.HasPrefix(rc.Reference, "FV-") || len(rc.Reference) != 12 {
		t.Errorf("reference = %q, want FV-XXXX-XXXX", rc.Reference)
	}
	var got []StoredResponse
	if err := db.EachResponse(ctx, v.SurveyID, ResponseFilter{}, func(r StoredResponse) error {
		got = append(got, r)
		return nil
	}); err != nil {
		t.Fatalf("EachResponse: %v", err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d responses, want 1", len(got))
	}
	want := testAnswers()
	for id, w := range want {
		if g := got[0].Answers[id]; g.String() != w.String() || g.Type != w.Type {
			t.Errorf("answer %s = %+v, want %+v", id, g, w)
		}
	}
	if got[0].Version != 1 || got[0].Reference != rc.Reference {
		t.Errorf("got version %d reference %s, want 1 %s", got[0].Version, got[0].Reference, rc.Reference)
	}
}

func TestIdempotencyKeyStoresOnce(t *testing.T) {
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	ctx := context.Background()
	var wg sync.WaitGroup
	refs := make([]string, 20)
	for i := range refs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rc, err := db.Submit(ctx, NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: testAnswers(), IdempotencyKey: "same-key"})
			if err != nil {
				t.Errorf("Submit: %v", err)
			}
			refs[i] = rc.Reference
		}()
	}
	wg.Wait()
	for _, r := range refs {
		if r != refs[0] {
			t.Fatalf("references differ: %v", refs)
		}
	}
	if n, _ := db.CountResponses(ctx, v.SurveyID); n != 1 {
		t.Errorf("stored %d responses, want 1", n)
	}
}

func TestSubmitRefusesAnotherSurveysVersion(t *testing.T) {
	// A batch holding a response to a version that is not its survey's
	// refuses that one alone and stores the rest.
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	ctx := context.Background()
	bad := []NewResponse{
		{SurveyID: v.SurveyID, VersionID: v.ID + 100, Answers: testAnswers()},
		{SurveyID: v.SurveyID + 100, VersionID: v.ID, Answers: testAnswers()},
	}
	var wg sync.WaitGroup
	errs := make([]error, 10)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: testAnswers()}
			if i < len(bad) {
				r = bad[i]
			}
			_, errs[i] = db.Submit(ctx, r)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if got, want := err != nil, i < len(bad); got != want {
			t.Errorf("submission %d: error %v, want an error: %v", i, err, want)
		}
	}
	if got, want := countRows(t, db, "responses"), len(errs)-len(bad); got != want {
		t.Errorf("stored %d responses, want %d", got, want)
	}
	if err := db.EachResponse(ctx, v.SurveyID, ResponseFilter{}, func(r StoredResponse) error {
		if !reflect.DeepEqual(r.Answers, testAnswers()) {
			t.Errorf("response %d read back as %v, want %v", r.ID, r.Answers, testAnswers())
		}
		return nil
	}); err != nil {
		t.Fatalf("EachResponse: %v", err)
	}
}

func countRows(t *testing.T, db *DB, table string) int {
	t.Helper()
	var n int
	if err := db.read.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDraftLifecycle(t *testing.T) {
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	ctx := context.Background()
	d, keys, err := db.CreateDraft(ctx, v, time.Hour)
	if err != nil {
		t.Fatalf("CreateDraft: %v", err)
	}
	d.Answers = testAnswers()
	d.Page = 2
	if err := db.SaveDraftAnswers(ctx, d, time.Hour); err != nil {
		t.Fatalf("SaveDraftAnswers: %v", err)
	}
	got, err := db.FindDraft(ctx, keys.Token)
	if err != nil {
		t.Fatalf("FindDraft: %v", err)
	}
	if got.Page != 2 || got.Answers["needs"].String() != "autism;adhd" {
		t.Errorf("draft = page %d answers %v, want page 2 with needs", got.Page, got.Answers)
	}
	resumed, token, err := db.ResumeDraftByCode(ctx, v.SurveyID, strings.ToLower(strings.ReplaceAll(keys.Code, "-", " ")))
	if err != nil {
		t.Fatalf("ResumeDraftByCode: %v", err)
	}
	if resumed.ID != d.ID {
		t.Errorf("resumed draft %d, want %d", resumed.ID, d.ID)
	}
	if _, err := db.FindDraft(ctx, keys.Token); survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("old token still opens the draft: %v", err)
	}
	if _, err := db.FindDraft(ctx, token); err != nil {
		t.Errorf("new token: %v", err)
	}
	db.Now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	if _, err := db.FindDraft(ctx, token); survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("expired draft found: %v", err)
	}
	if n, err := db.DeleteExpiredDrafts(ctx); err != nil || n != 1 {
		t.Errorf("DeleteExpiredDrafts = %d, %v; want 1, nil", n, err)
	}
}

func TestVersioning(t *testing.T) {
	db := openTestDB(t)
	v1 := publishTestSurvey(t, db)
	ctx := context.Background()
	def := *v1.Definition
	def.Title = "Changed title"
	v2, err := db.SaveDraft(ctx, &def)
	if err != nil {
		t.Fatalf("SaveDraft: %v", err)
	}
	if v2.Number != 2 || v2.Published() {
		t.Fatalf("draft = version %d published %v, want an unpublished version 2", v2.Number, v2.Published())
	}
	pub, err := db.PublishedVersion(ctx, def.Slug)
	if err != nil || pub.Number != 1 || pub.Definition.Title != "Test survey" {
		t.Fatalf("published = %+v, %v; want version 1 unchanged", pub, err)
	}
	if err := db.DeleteSurvey(ctx, def.Slug); survey.ErrorCode(err) != survey.EConflict {
		t.Errorf("DeleteSurvey of a published survey = %v, want a conflict", err)
	}
}

// BenchmarkSubmitConcurrent measures durable submissions from 64
// concurrent goroutines (GOMAXPROCS 2 x parallelism 32), reporting
// throughput and the 99th percentile time to acknowledgement.
func BenchmarkSubmitConcurrent(b *testing.B) {
	db := openTestDB(b)
	v := publishTestSurvey(b, db)
	ctx := context.Background()
	var mu sync.Mutex
	var latencies []time.Duration
	b.SetParallelism(32)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			start := time.Now()
			if _, err := db.Submit(ctx, NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: testAnswers()}); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(start))
		}
		mu.Lock()
		latencies = append(latencies, mine...)
		mu.Unlock()
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "submissions/s")
	if len(latencies) > 0 {
		slices.Sort(latencies)
		b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds())/1000, "p99-ms")
		b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds())/1000, "p50-ms")
	}
}

// TestAnswersReadBackWhateverTheyHold stores texts made of the characters
// the packed read-back uses as separators and checks they return intact.
func TestAnswersReadBackWhateverTheyHold(t *testing.T) {
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	ctx := context.Background()
	texts := []string{"", " ", "3 t12 x", "n5;", "a;b c", "é 😀 \x1e\x1f", strings.Repeat("9 ", 300), "comment t4 abcd"}
	for _, text := range texts {
		a := testAnswers()
		a["comment"] = survey.TextValue(survey.LongText, text)
		a["months"] = survey.NumberValue(survey.Number, -0.125)
		if _, err := db.Submit(ctx, NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: a}); err != nil {
			t.Fatal(err)
		}
	}
	i := 0
	err := db.EachResponse(ctx, v.SurveyID, ResponseFilter{}, func(r StoredResponse) error {
		if got := r.Answers["comment"].Text; got != texts[i] {
			t.Errorf("comment %d = %q, want %q", i, got, texts[i])
		}
		if got := r.Answers["months"].Number; got != -0.125 {
			t.Errorf("months = %v, want -0.125", got)
		}
		if got := r.Answers["needs"].String(); got != "autism;adhd" {
			t.Errorf("needs = %q, want autism;adhd in the order chosen", got)
		}
		i++
		return nil
	})
	if err != nil || i != len(texts) {
		t.Fatalf("read %d responses, %v; want %d", i, err, len(texts))
	}
}

// openOldDatabase makes a database as the migrations before version
// before left it, recorded as applied, runs setup in it, and opens it
// with Open, which applies the rest.
func openOldDatabase(t *testing.T, before int, setup ...string) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.version >= before {
			break
		}
		if _, err := old.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if _, err := old.Exec(`INSERT INTO schema_migrations VALUES (?, ?, '2025-01-01T00:00:00Z')`, m.version, m.name); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range setup {
		if _, err := old.Exec(q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	old.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// oldSurveyRow and oldVersionRow make survey 1, published, with version
// 1, in a database of any schema version openOldDatabase makes.
const (
	oldSurveyRow  = `INSERT INTO surveys (id, slug, status, created_at, updated_at) VALUES (1, 'old-survey', 'published', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`
	oldVersionRow = `INSERT INTO survey_versions (id, survey_id, version, definition, created_at, published_at) VALUES (1, 1, 1, '{}', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`
)

// reopen closes db and opens its file again, as a restart would.
func reopen(t *testing.T, db *DB) *DB {
	t.Helper()
	db.Close()
	again, err := Open(db.Path())
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { again.Close() })
	return again
}

func TestAnswerRowsArePackedBeforeTheTableGoes(t *testing.T) {
	// Migration 007 packed every response's answer rows into the response,
	// and 009 drops the rows: packing any response left without packed
	// answers first, and keeping what was packed already.
	const answerRows = `INSERT INTO answers (response_id, question_id, position, text, number) VALUES (1, 'b', 0, NULL, 3), (1, 'a', 0, 'x', NULL), (2, 'a', 0, 'y', NULL)`
	for _, tc := range []struct {
		name      string
		before    int
		responses string
	}{
		{"written before 006", 6, `INSERT INTO responses (id, survey_id, version_id, reference, submitted_at)
			VALUES (1, 1, 1, 'FV-AAAA-AAAA', '2025-01-01T00:00:00Z'), (2, 1, 1, 'FV-BBBB-BBBB', '2025-01-01T00:00:00Z')`},
		{"written before 009", 9, `INSERT INTO responses (id, survey_id, version_id, reference, submitted_at, answers_packed)
			VALUES (1, 1, 1, 'FV-AAAA-AAAA', '2025-01-01T00:00:00Z', ''), (2, 1, 1, 'FV-BBBB-BBBB', '2025-01-01T00:00:00Z', 'a t1 y')`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := openOldDatabase(t, tc.before, oldSurveyRow, oldVersionRow, tc.responses, answerRows)
			for id, want := range map[int64]string{1: "a t1 xb n3.0;", 2: "a t1 y"} {
				var packed string
				if err := db.read.QueryRow("SELECT answers_packed FROM responses WHERE id = ?", id).Scan(&packed); err != nil || packed != want {
					t.Errorf("response %d packed as %q (%v), want %q", id, packed, err, want)
				}
			}
			var tables int
			if err := db.read.QueryRow("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'answers'").Scan(&tables); err != nil || tables != 0 {
				t.Errorf("%d answers tables left (%v), want none", tables, err)
			}
		})
	}
}

func TestPackedAnswersMatchTheMigrations(t *testing.T) {
	// Migrations 007 and 009 pack older responses' answer rows in SQL;
	// what they pack must read back exactly as what packAnswers writes.
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	ctx := context.Background()
	odd := testAnswers()
	odd["comment"] = survey.TextValue(survey.LongText, "Two lines\nwith t9 ;n1; and ünicode ")
	odd["months"] = survey.NumberValue(survey.Number, 0.1)
	answers := []survey.Answers{testAnswers(), odd, {"age": survey.TextValue(survey.SingleChoice, "0-4")}}
	// The rows of the answers table those migrations read, as responses
	// were stored before 009: one a question, and one a chosen option.
	if _, err := db.write.Exec(`CREATE TABLE answers (response_id INTEGER NOT NULL, question_id TEXT NOT NULL,
		position INTEGER NOT NULL DEFAULT 0, text TEXT, number REAL, PRIMARY KEY (response_id, question_id, position))`); err != nil {
		t.Fatal(err)
	}
	for _, a := range answers {
		rc, err := db.Submit(ctx, NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: a})
		if err != nil {
			t.Fatalf("Submit: %v", err)
		}
		for qid, val := range a {
			rows := [][]any{{0, val.Text, nil}}
			switch val.Type {
			case survey.Scale, survey.Number:
				rows = [][]any{{0, nil, val.Number}}
			case survey.MultiChoice:
				rows = nil
				for i, c := range val.Choices {
					rows = append(rows, []any{i, c, nil})
				}
			}
			for _, row := range rows {
				if _, err := db.write.Exec("INSERT INTO answers VALUES (?, ?, ?, ?, ?)", append([]any{rc.ID, qid}, row...)...); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	read := func() []survey.Answers {
		var out []survey.Answers
		if err := db.EachResponse(ctx, v.SurveyID, ResponseFilter{}, func(r StoredResponse) error {
			out = append(out, r.Answers)
			return nil
		}); err != nil {
			t.Fatalf("EachResponse: %v", err)
		}
		return out
	}
	if got := read(); !reflect.DeepEqual(got, answers) {
		t.Fatalf("packed by packAnswers, read back as:\n%v\nwant:\n%v", got, answers)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, version := range []int{7, 9} {
		sqlText := ms[slices.IndexFunc(ms, func(m migration) bool { return m.version == version })].sql
		update := sqlText[strings.Index(sqlText, "UPDATE responses"):]
		if end := strings.Index(update, "\nDROP"); end >= 0 {
			update = update[:end]
		}
		if _, err := db.write.Exec("UPDATE responses SET answers_packed = ''"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.write.Exec(update); err != nil {
			t.Fatalf("migration %d's UPDATE: %v", version, err)
		}
		if got := read(); !reflect.DeepEqual(got, answers) {
			t.Errorf("packed by migration %d, read back as:\n%v\nwant:\n%v", version, got, answers)
		}
	}
}

func TestEachResponseInOrderAndStopsEarly(t *testing.T) {
	// Responses are unpacked in chunks on several goroutines; fn still
	// sees them oldest first, and an error from fn stops the reading.
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	ctx := context.Background()
	const n = 1300 // more than two chunks
	rs := make([]NewResponse, n)
	for i := range rs {
		a := testAnswers()
		a["months"] = survey.NumberValue(survey.Number, float64(i))
		rs[i] = NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: a}
	}
	if err := db.ImportResponses(ctx, rs); err != nil {
		t.Fatalf("ImportResponses: %v", err)
	}
	var seen int
	var lastID int64
	err := db.EachResponse(ctx, v.SurveyID, ResponseFilter{}, func(r StoredResponse) error {
		if r.ID <= lastID || r.Answers["months"].Number != float64(seen) {
			t.Fatalf("response %d: id %d after %d, months %v", seen, r.ID, lastID, r.Answers["months"].Number)
		}
		lastID = r.ID
		seen++
		return nil
	})
	if err != nil || seen != n {
		t.Fatalf("read %d responses (%v), want %d", seen, err, n)
	}
	stop := errors.New("enough")
	seen = 0
	err = db.EachResponse(ctx, v.SurveyID, ResponseFilter{}, func(StoredResponse) error {
		if seen++; seen == 700 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || seen != 700 {
		t.Errorf("stopping early: read %d, error %v; want 700, %v", seen, err, stop)
	}
}

func TestDrawnReferencesSurviveTheMigration(t *testing.T) {
	// Migration 008 rebuilds the responses table without the unique index
	// on references. Responses stored before keep their random references
	// and can still be found by them; their codings survive the rebuild;
	// new responses get references worked out from their ids, never one
	// that was drawn before.
	db := openOldDatabase(t, 8, oldSurveyRow, oldVersionRow,
		`INSERT INTO responses (id, survey_id, version_id, reference, submitted_at, idempotency_key, answers_packed)
			VALUES (1, 1, 1, 'FV-AAAA-AAAA', '2025-01-01T00:00:00Z', 'k1', 'a t1 x'), (2, 1, 1, 'FV-BBBB-BBBB', '2025-01-01T00:00:00Z', NULL, '')`,
		`INSERT INTO codings (response_id, question_id, sentiment, coded_by, coded_at) VALUES (1, 'a', 'negative', 'leader@example.org', '2025-01-02T00:00:00Z')`,
	)
	ctx := context.Background()
	for table, want := range map[string]int{"responses": 2, "codings": 1, "drawn_references": 2} {
		if got := countRows(t, db, table); got != want {
			t.Errorf("after migrating: %d rows in %s, want %d", got, table, want)
		}
	}
	var fk int
	if err := db.write.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys after migrating: %d (%v), want on", fk, err)
	}
	var refIndexes int
	if err := db.read.QueryRow(`SELECT COUNT(*) FROM pragma_index_list('responses') l, pragma_index_info(l.name) i
		WHERE i.name = 'reference'`).Scan(&refIndexes); err != nil || refIndexes != 0 {
		t.Errorf("%d indexes on responses.reference (%v), want none", refIndexes, err)
	}
	for _, tc := range []struct {
		survey int64
		ref    string
		want   bool
	}{
		{1, "FV-AAAA-AAAA", true},
		{1, "FV-BBBB-BBBB", true},
		{2, "FV-AAAA-AAAA", false},
		{1, "FV-CCCC-CCCC", false},
	} {
		if got, err := db.ResponseExists(ctx, tc.survey, tc.ref); got != tc.want || err != nil {
			t.Errorf("ResponseExists(%d, %s) = %v, %v; want %v", tc.survey, tc.ref, got, err, tc.want)
		}
	}
	again, err := db.Submit(ctx, NewResponse{SurveyID: 1, VersionID: 1, IdempotencyKey: "k1", Answers: survey.Answers{}})
	if err != nil || !again.Replayed || again.ID != 1 || again.Reference != "FV-AAAA-AAAA" {
		t.Errorf("retrying key k1 = %+v, %v; want response 1's receipt", again, err)
	}

	// Suppose the reference of the next id, 3, had been drawn at random
	// for an older response: the new response takes id 4 instead.
	if _, err := db.write.Exec("INSERT INTO drawn_references (reference, response_id) VALUES (?, 2)", db.refs.Encode(3)); err != nil {
		t.Fatal(err)
	}
	rc, err := db.Submit(ctx, NewResponse{SurveyID: 1, VersionID: 1, Answers: survey.Answers{}})
	if err != nil {
		t.Fatalf("Submit: %v", err)
	}
	if rc.ID != 4 || rc.Reference != db.refs.Encode(4) {
		t.Errorf("new response: id %d reference %s, want id 4 reference %s", rc.ID, rc.Reference, db.refs.Encode(4))
	}
	if ok, err := db.ResponseExists(ctx, 1, rc.Reference); !ok || err != nil {
		t.Errorf("ResponseExists(new reference %s) = %v, %v; want true", rc.Reference, ok, err)
	}
}

func TestReferencesOutliveARestart(t *testing.T) {
	// The reference key is made once and kept in the database: a
	// reopened database finds the references it gave, and gives new ones
	// from the same key.
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	ctx := context.Background()
	first := submitTestAnswers(t, db, v)
	db = reopen(t, db)
	if ok, err := db.ResponseExists(ctx, v.SurveyID, first.Reference); !ok || err != nil {
		t.Errorf("after reopening, ResponseExists(%s) = %v, %v; want true", first.Reference, ok, err)
	}
	if got := db.refs.Encode(first.ID); got != first.Reference {
		t.Errorf("after reopening, response %d encodes as %s, want %s", first.ID, got, first.Reference)
	}
	if db.drawnRefs {
		t.Error("a new database reports references drawn at random")
	}
}

func TestMigrationWithForeignKeysOffRefusesDanglingRows(t *testing.T) {
	// A migration that rebuilds with foreign keys off is checked before it
	// commits: one that leaves a row pointing nowhere is refused, naming
	// the table, and nothing of it is kept.
	db := openTestDB(t)
	m := migration{version: 99, name: "099_dangling.sql", sql: foreignKeysOff +
		`INSERT INTO codings (response_id, question_id, sentiment, coded_by, coded_at) VALUES (12345, 'q', 'neutral', 'x', 'now');`}
	err := db.applyMigration(context.Background(), m)
	if err == nil || !strings.Contains(err.Error(), "codings") {
		t.Fatalf("applyMigration = %v, want an error naming codings", err)
	}
	if n := countRows(t, db, "codings"); n != 0 {
		t.Errorf("%d codings kept, want none", n)
	}
	var fk int
	if err := db.write.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys after a refused migration: %d (%v), want on", fk, err)
	}
}
