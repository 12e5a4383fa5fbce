package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
)

// runCLI runs the real command line in-process with the given stdin.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{ctx: context.Background(), stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv: func(string) string { return "" }}
	code = e.run(args)
	return code, out.String(), errb.String()
}

func TestCLISurveyImportExportRoundTrip(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fv.db")
	code, out, errs := runCLI(t, "", "survey", "import", "--db", db, "--publish", "testdata/journey.json")
	if code != 0 || strings.TrimSpace(out) != "short-breaks-check" {
		t.Fatalf("import = %d %q %q, want 0 and the slug", code, out, errs)
	}
	code, exported, errs := runCLI(t, "", "survey", "export", "--db", db, "short-breaks-check")
	if code != 0 {
		t.Fatalf("export = %d %q", code, errs)
	}
	orig, _ := os.ReadFile("testdata/journey.json")
	want, err := survey.ParseDefinition(bytes.NewReader(orig))
	if err != nil {
		t.Fatal(err)
	}
	got, err := survey.ParseDefinition(strings.NewReader(exported))
	if err != nil {
		t.Fatalf("exported definition does not parse: %v\n%s", err, exported)
	}
	if g, w := string(got.MarshalIndent()), string(want.MarshalIndent()); g != w {
		t.Errorf("export differs from import:\ngot  %s\nwant %s", g, w)
	}
	// Importing the export into another database gives the same survey.
	db2 := filepath.Join(t.TempDir(), "other.db")
	f := filepath.Join(t.TempDir(), "exported.json")
	os.WriteFile(f, []byte(exported), 0o600)
	if code, _, errs := runCLI(t, "", "--db", db2, "survey", "import", f); code != 0 {
		t.Fatalf("re-import = %d %s", code, errs)
	}
	_, again, _ := runCLI(t, "", "survey", "export", "--db", db2, "short-breaks-check")
	if again != exported {
		t.Errorf("export of re-import differs")
	}
	// A second import of an existing slug makes a new draft version; the
	// published one is untouched.
	if code, _, errs := runCLI(t, "", "survey", "import", "--db", db, "testdata/journey.json"); code != 0 {
		t.Fatalf("second import = %d %s", code, errs)
	}
	_, list, _ := runCLI(t, "", "survey", "list", "--db", db)
	if !strings.Contains(list, "short-breaks-check") || !strings.Contains(list, "1 (draft 2)") {
		t.Errorf("list = %s, want version 1 published with draft 2", list)
	}
}

func TestCLIImportInvalidListsEveryError(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "fv.db")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"slug": "Bad Slug", "title": "", "colour": "red",
	  "sections": [{"id": "a", "title": "A", "questions": [
	    {"id": "q1", "type": "yes_no", "text": "Q1", "show_if": {"question": "x", "equals": "yes"}}]}]}`), 0o600)
	code, out, errs := runCLI(t, "", "survey", "import", "--db", db, bad)
	if code != 1 || out != "" {
		t.Fatalf("import = %d %q, want exit 1 and no output", code, out)
	}
	if !strings.Contains(errs, "colour: is not a known field") {
		t.Errorf("stderr = %s, want the unknown field named", errs)
	}
	// A file with only semantic problems has every one listed.
	os.WriteFile(bad, []byte(`{"slug": "Bad Slug", "title": "",
	  "sections": [{"id": "a", "title": "A", "questions": [
	    {"id": "q1", "type": "yes_no", "text": "Q1", "show_if": {"question": "x", "equals": "yes"}}]}]}`), 0o600)
	_, _, errs = runCLI(t, "", "survey", "import", "--db", db, bad)
	for _, want := range []string{"slug:", "title: is required", `sections[0].questions[0].show_if.question: "x" is not an earlier question`} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	_, list, _ := runCLI(t, "", "survey", "list", "--db", db)
	if strings.Count(strings.TrimSpace(list), "\n") != 0 {
		t.Errorf("an invalid import stored something:\n%s", list)
	}
}

func TestCLIUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fv.db")
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"unknown command", []string{"frobnicate"}, 2},
		{"import without file", []string{"survey", "import", "--db", db}, 2},
		{"unknown flag", []string{"survey", "list", "--db", db, "--colour"}, 2},
		{"bad format", []string{"responses", "export", "--db", db, "--format", "xml", "x"}, 2},
		{"export unknown slug", []string{"survey", "export", "--db", db, "nope"}, 1},
		{"responses of unknown slug", []string{"responses", "export", "--db", db, "nope"}, 1},
		{"missing file", []string{"survey", "import", "--db", db, "/no/such/file.json"}, 1},
		{"help", []string{"--help"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCLI(t, "", tt.args...)
			if code != tt.want {
				t.Errorf("exit = %d, want %d (stderr %q)", code, tt.want, errs)
			}
			if tt.want != 0 && strings.TrimSpace(errs) == "" {
				t.Errorf("no message on stderr")
			}
		})
	}
}

func TestCLIResponsesExport(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "fv.db")
	if code, _, errs := runCLI(t, "", "survey", "import", "--db", dbPath, "--publish", "testdata/journey.json"); code != 0 {
		t.Fatal(errs)
	}
	db, err := sqlite.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	v, err := db.PublishedVersion(ctx, "short-breaks-check")
	if err != nil {
		t.Fatal(err)
	}
	answers := survey.Answers{
		"age_band":          survey.TextValue(survey.SingleChoice, "11-15"),
		"uses_short_breaks": survey.TextValue(survey.YesNo, "yes"),
		"break_rating":      survey.NumberValue(survey.Scale, 5),
		"needs":             survey.ChoicesValue("autism", "other"),
		"wait_months":       survey.NumberValue(survey.Number, 2.5),
		"comments":          survey.TextValue(survey.LongText, "=HYPERLINK(\"http://evil\")"),
	}
	rc, err := db.Submit(ctx, sqlite.NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: answers})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	code, out, errs := runCLI(t, "", "responses", "export", "--db", dbPath, "short-breaks-check")
	if code != 0 {
		t.Fatalf("export = %d %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v\n%s", err, out)
	}
	wantHeader := "reference,submitted_at,version,age_band,uses_short_breaks,break_rating,needs,wait_months,nickname,comments,post16_plan"
	if got := strings.Join(rows[0], ","); got != wantHeader {
		t.Errorf("header = %s, want %s", got, wantHeader)
	}
	row := rows[1]
	if row[0] != rc.Reference || row[2] != "1" || row[3] != "11-15" || row[5] != "5" || row[6] != "autism;other" || row[7] != "2.5" {
		t.Errorf("row = %q", row)
	}
	if row[9] != `'=HYPERLINK("http://evil")` {
		t.Errorf("formula cell = %q, want it neutralised with a quote", row[9])
	}

	code, out, errs = runCLI(t, "", "responses", "export", "short-breaks-check", "--format", "json", "--db", dbPath)
	if code != 0 {
		t.Fatalf("json export = %d %s", code, errs)
	}
	var got []struct {
		Reference   string         `json:"reference"`
		SubmittedAt string         `json:"submitted_at"`
		Version     int            `json:"version"`
		Answers     map[string]any `json:"answers"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out)
	}
	if len(got) != 1 || got[0].Reference != rc.Reference || got[0].Version != 1 || got[0].SubmittedAt == "" {
		t.Fatalf("JSON = %s", out)
	}
	if got[0].Answers["break_rating"] != float64(5) || got[0].Answers["needs"].([]any)[1] != "other" || got[0].Answers["comments"] != answers["comments"].Text {
		t.Errorf("answers = %v", got[0].Answers)
	}
}
