package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
	"github.com/xuri/excelize/v2"
)

const exportBase = "/admin/surveys/" + reportSlug + "/export/"

// readCommentsCSV fetches the comments export and parses it.
func readCommentsCSV(t *testing.T, b *httpClient, query string) [][]string {
	t.Helper()
	p := b.get(exportBase + "comments.csv" + query)
	wantStatus(t, p, http.StatusOK)
	body := strings.TrimPrefix(p.body, "\ufeff")
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("comments.csv: %v\n%s", err, p.body)
	}
	if len(rows) == 0 {
		t.Fatal("comments.csv is empty")
	}
	if got, want := rows[0], exportCommentHeader; !slices.Equal(got, want) {
		t.Fatalf("header = %v, want %v", got, want)
	}
	return rows
}

func csvColumn(header []string, name string) int { return slices.Index(header, name) }

func TestExportCommentsCSV(t *testing.T) {
	ta, _ := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	res, err := b.client.Get(ta.srv.URL + exportBase + "comments.csv")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if ct, cd := res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"); !strings.HasPrefix(ct, "text/csv") || cd != `attachment; filename="report-check-comments.csv"` {
		t.Errorf("Content-Type %q, Content-Disposition %q", ct, cd)
	}

	rows := readCommentsCSV(t, b, "")
	h := rows[0]
	if len(rows) != 13 {
		t.Fatalf("got %d comment rows, want 12", len(rows)-1)
	}
	for i, r := range rows[1:] {
		if r[csvColumn(h, "row")] != strconv.Itoa(i+1) {
			t.Errorf("row %d numbered %q", i+1, r[0])
		}
		if r[csvColumn(h, "question_id")] != "health_comments" || r[csvColumn(h, "question_area")] != "health" ||
			r[csvColumn(h, "service_areas")] != "health" || r[csvColumn(h, "coded_by")] != "rules" {
			t.Errorf("row %d = %v", i+1, r)
		}
		// Transport's three comments are there, but the withheld theme
		// is not written on them: counting rows cannot give the 3.
		if strings.Contains(r[csvColumn(h, "themes")], "transport") {
			t.Errorf("row %d gives the withheld theme: %v", i+1, r)
		}
		// Every tone but negative is withheld, and so is the
		// safeguarding count (0).
		if r[csvColumn(h, "sentiment")] != "negative" || r[csvColumn(h, "safeguarding")] != "withheld" {
			t.Errorf("row %d sentiment %q, safeguarding %q", i+1, r[csvColumn(h, "sentiment")], r[csvColumn(h, "safeguarding")])
		}
		if regexp.MustCompile(`FV-`).MatchString(strings.Join(r, ",")) {
			t.Errorf("row %d has a response reference: %v", i+1, r)
		}
	}
	waiting := 0
	for _, r := range rows[1:] {
		if r[csvColumn(h, "themes")] == "waiting_times" {
			waiting++
		}
	}
	if waiting != 9 {
		t.Errorf("%d rows coded waiting_times, want 9", waiting)
	}
}

func TestExportsNeutraliseFormulas(t *testing.T) {
	ta, _ := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	wantText := map[string]bool{}
	for _, c := range reportWaitingComments[:4] {
		wantText["'"+c] = true
	}

	t.Run("csv", func(t *testing.T) {
		rows := readCommentsCSV(t, b, "")
		found := 0
		for _, r := range rows[1:] {
			for _, cell := range r {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("cell %q would run as a formula", cell)
				}
				if wantText[cell] {
					found++
				}
			}
		}
		if found != 4 {
			t.Errorf("found %d neutralised comments, want 4", found)
		}
	})

	t.Run("xlsx", func(t *testing.T) {
		f := openSummaryXLSX(t, b, "")
		found := 0
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for ri, r := range rows {
				for ci, cell := range r {
					name, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
					if formula, _ := f.GetCellFormula(sheet, name); formula != "" {
						t.Errorf("%s!%s holds a formula %q", sheet, name, formula)
					}
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						t.Errorf("%s!%s = %q would run as a formula", sheet, name, cell)
					}
					if wantText[cell] {
						found++
					}
				}
			}
		}
		if found < 4 {
			t.Errorf("found %d neutralised comments in the workbook, want at least 4", found)
		}
	})
}

func openSummaryXLSX(t *testing.T, b *httpClient, query string) *excelize.File {
	t.Helper()
	p := b.get(exportBase + "summary.xlsx" + query)
	wantStatus(t, p, http.StatusOK)
	f, err := excelize.OpenReader(strings.NewReader(p.body))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestExportSummaryXLSX(t *testing.T) {
	ta, _ := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	f := openSummaryXLSX(t, b, "")
	if got, want := f.GetSheetList(), []string{"Summary", "Areas", "Themes", "Comments"}; !slices.Equal(got, want) {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	themes, _ := f.GetRows("Themes")
	var transport, waiting []string
	for _, r := range themes {
		if len(r) > 1 && r[1] == "Transport" {
			transport = r
		}
		if len(r) > 1 && r[1] == "Waiting times" {
			waiting = r
		}
	}
	if len(transport) < 3 || transport[2] != "fewer than 5" || len(transport) > 3 && transport[3] != "" {
		t.Errorf("Transport row = %q, want its count withheld and no share", transport)
	}
	if len(waiting) < 7 || waiting[2] != "9" || waiting[3] != "75" {
		t.Errorf("Waiting times row = %q, want 9, 75 and three quotes", waiting)
	}
	comments, _ := f.GetRows("Comments")
	if len(comments) != 13 {
		t.Errorf("Comments sheet has %d rows, want a header and 12", len(comments))
	}
	// Counts are numbers, so a spreadsheet can add them up.
	if typ, _ := f.GetCellType("Themes", "C"+strconv.Itoa(xlsxRowOf(themes, "Waiting times"))); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("a count was written as text")
	}
}

func xlsxRowOf(rows [][]string, theme string) int {
	for i, r := range rows {
		if len(r) > 1 && r[1] == theme {
			return i + 1
		}
	}
	return 0
}

func TestExportSummaryJSON(t *testing.T) {
	ta, _ := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	p := b.get(exportBase + "summary.json")
	wantStatus(t, p, http.StatusOK)
	var sum struct {
		Responses *int `json:"responses"`
		Areas     []struct {
			ID     string `json:"id"`
			Themes []struct {
				ID         string   `json:"id"`
				Count      *int     `json:"count"`
				Suppressed bool     `json:"suppressed"`
				Share      *float64 `json:"share"`
				Quotes     []string `json:"quotes"`
			} `json:"themes"`
		} `json:"areas"`
	}
	if err := json.Unmarshal([]byte(p.body), &sum); err != nil {
		t.Fatalf("summary.json: %v\n%s", err, p.body)
	}
	if sum.Responses == nil || *sum.Responses != 12 {
		t.Errorf("responses = %v, want 12", sum.Responses)
	}
	var seen bool
	for _, a := range sum.Areas {
		for _, th := range a.Themes {
			if a.ID == "health" && th.ID == "transport" {
				seen = true
				if th.Count != nil || !th.Suppressed || th.Share != nil || len(th.Quotes) != 0 {
					t.Errorf("transport = %+v, want count null and suppressed", th)
				}
			}
		}
	}
	if !seen {
		t.Error("no transport theme in the health area")
	}
	if m := regexp.MustCompile(`"(?:count|answered|positive|negative|neutral|mixed|comments|responses|safeguarding)":\s*[1-4]\s*[,}\n]`).FindString(p.body); m != "" {
		t.Errorf("the JSON gives a withheld count: %s", m)
	}
	if strings.Contains(p.body, "FV-") || strings.Contains(p.body, `"flagged"`) {
		t.Errorf("the JSON has response references or flagged comments")
	}
}

// TestExportsNeverGiveSuppressedNumbers looks for the withheld counts in
// every format: the 3 of transport, the 3 families who do not use CAMHS
// (and the 9 who do, withheld beside them), and the 2 in the south.
func TestExportsNeverGiveSuppressedNumbers(t *testing.T) {
	ta, _ := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	for _, query := range []string{"", "?f.child_age=0-10"} {
		t.Run("filter "+query, func(t *testing.T) {
			f := openSummaryXLSX(t, b, query)
			for _, sheet := range f.GetSheetList() {
				rows, _ := f.GetRows(sheet)
				for ri, r := range rows {
					for ci, cell := range r {
						if sheet == "Comments" && ci == 0 {
							continue // the row number
						}
						if cell == "3" || cell == "2" || cell == "1" || cell == "4" || cell == "25" {
							t.Errorf("%s row %d column %d = %q: a withheld count", sheet, ri+1, ci+1, cell)
						}
					}
				}
			}
			rows := readCommentsCSV(t, b, query)
			for _, r := range rows[1:] {
				if strings.Contains(r[csvColumn(rows[0], "themes")], "transport") {
					t.Errorf("the CSV codes transport, withheld: %v", r)
				}
			}
			p := b.get(exportBase + "summary.json" + query)
			wantStatus(t, p, http.StatusOK)
			if m := regexp.MustCompile(`:\s*[1-4]\s*[,}\n]`).FindString(p.body); m != "" {
				t.Errorf("the JSON gives a withheld count: %s", m)
			}
			page := b.get("/admin/surveys/" + reportSlug + "/report" + query)
			wantNoSuppressedInHTML(t, page.body)
		})
	}
}

func TestExportsRefuseSmallGroups(t *testing.T) {
	ta, _ := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	for _, name := range []string{"comments.csv", "summary.xlsx", "summary.json"} {
		p := b.get(exportBase + name + "?f.locality=south")
		if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "Fewer than 5 families match") {
			t.Errorf("%s for a group of 2 = %d\n%s", name, p.status, p.body)
		}
	}
}

func TestExportsAudited(t *testing.T) {
	ta, _ := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	for _, name := range []string{"comments.csv", "summary.xlsx", "summary.json"} {
		wantStatus(t, b.get(exportBase+name), http.StatusOK)
	}
	wantStatus(t, b.get(exportBase+"comments.csv?f.child_age=0-10"), http.StatusOK)
	var kinds []string
	for _, e := range ta.auditEntries(t) {
		if e.Action != "export" {
			continue
		}
		if e.Actor != "lead@example.org" || e.Target != reportSlug {
			t.Errorf("audit entry = %+v", e)
		}
		for _, c := range append(append([]string{}, reportWaitingComments...), reportTransportComments...) {
			if strings.Contains(e.Detail, c[:20]) {
				t.Errorf("audit entry holds answer content: %+v", e)
			}
		}
		kinds = append(kinds, e.Detail)
	}
	slices.Sort(kinds)
	want := []string{"kind comments.csv", "kind comments.csv, filtered", "kind summary.json", "kind summary.xlsx"}
	if !slices.Equal(kinds, want) {
		t.Errorf("export audit entries = %q, want %q", kinds, want)
	}
}

// TestExportCommentsFollowCorrections checks that the export codes a
// comment as the summary does: a member of staff's correction comes first,
// and coded_by says so.
func TestExportCommentsFollowCorrections(t *testing.T) {
	ta, v := newReportFixture(t)
	ctx := context.Background()
	// The first transport comment (the tenth response) is about waiting.
	ref, err := ta.db.ReferenceByResponseID(ctx, v.SurveyID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if err := ta.coder.Correct(ctx, v.SurveyID, sqlite.Correction{ResponseID: 10, Reference: ref, QuestionID: "health_comments",
		Areas: []string{"health"}, Themes: []string{"waiting_times"}, Sentiment: "negative", CodedBy: "lead@example.org"}); err != nil {
		t.Fatal(err)
	}
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	rows := readCommentsCSV(t, b, "")
	h := rows[0]
	waiting, person := 0, 0
	for _, r := range rows[1:] {
		if r[csvColumn(h, "themes")] == "waiting_times" {
			waiting++
		}
		if r[csvColumn(h, "coded_by")] == "person" {
			person++
			if r[csvColumn(h, "text")] != reportTransportComments[0] {
				t.Errorf("the corrected row is %v", r)
			}
		}
	}
	if waiting != 10 || person != 1 {
		t.Errorf("%d rows coded waiting_times and %d by a person, want 10 and 1", waiting, person)
	}
	p := b.get(exportBase + "summary.json")
	if !strings.Contains(p.body, `"count": 10`) {
		t.Errorf("the summary does not count the corrected comment:\n%s", p.body)
	}
}
