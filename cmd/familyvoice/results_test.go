package main

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/static"
	"github.com/familyvoice/familyvoice/survey/demo"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
)

const resultsAdmin = "/admin/surveys/" + reportSlug + "/results"
const resultsPublicPath = "/s/" + reportSlug + "/results"

// offeredQuotes returns the quotes the approval page offers, in order.
func offeredQuotes(t *testing.T, p page) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`name="quote" value="([^"]*)"`).FindAllStringSubmatch(p.body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

func TestResultsPublicPage(t *testing.T) {
	ta, v := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	family := newHTTPClient(t, ta)

	if p := family.get(resultsPublicPath); p.status != http.StatusNotFound || !strings.Contains(p.body, "Page not found") {
		t.Fatalf("results page before it is turned on = %d, want 404", p.status)
	}

	admin := b.get(resultsAdmin)
	wantStatus(t, admin, http.StatusOK)
	wantContains(t, admin, "The page is off", "Turn on the public results page", "Waiting times")
	quotes := offeredQuotes(t, admin)
	if len(quotes) != 3 {
		t.Fatalf("the approval page offers %d quotes, want waiting times' 3:\n%s", len(quotes), admin.body)
	}
	wantRedirect(t, b.submit(admin, resultsAdmin, url.Values{"published": {"on"}}), resultsAdmin+"?done=results-on")

	// Approve one quote; the others stay off the public page.
	approve := url.Values{"area": {"health"}, "theme": {"waiting_times"}, "quote": {quotes[1]}, "decision": {"approve"}}
	wantRedirect(t, b.submit(admin, resultsAdmin+"/quotes", approve), resultsAdmin+"?done=approved#theme-health-waiting_times")
	admin = b.get(resultsAdmin)
	wantContains(t, admin, "The page is on", "Quotes approved: 1.", "Approved", "Withdraw")

	// Text the summary does not offer cannot be approved.
	forged := url.Values{"area": {"health"}, "theme": {"waiting_times"}, "quote": {"Words no family wrote."}, "decision": {"approve"}}
	if p := b.submit(admin, resultsAdmin+"/quotes", forged); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "no longer in the summary") {
		t.Errorf("approving text the summary does not offer = %d", p.status)
	}
	if p := b.submit(admin, resultsAdmin+"/quotes", url.Values{"decision": {"maybe"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("an unknown decision = %d, want 422", p.status)
	}

	due := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	if err := ta.db.CreateAction(context.Background(), &sqlite.Action{SurveyID: v.SurveyID, Theme: "waiting_times", Area: "health",
		What: "Publish waiting times for every clinic each month", Who: "Children's community health", Due: due,
		Status: sqlite.ActionInProgress, RecordedBy: "lead@example.org"}); err != nil {
		t.Fatal(err)
	}

	p := family.get(resultsPublicPath)
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "What families told us", "12 families answered", "Health", "Waiting times", "75.0%",
		html.EscapeString(quotes[1]), "Publish waiting times for every clinic each month", "31 December 2026", "In progress",
		"Fewer than 5 families wrote about this")
	for _, q := range []string{quotes[0], quotes[2]} {
		if strings.Contains(p.body, html.EscapeString(q)) {
			t.Errorf("a quote no leader approved is on the public page: %q", q)
		}
	}
	for _, private := range []string{"lead@example.org", "How old is your child?", "Where do you live?", "Have you used CAMHS?", "safeguarding", "Transport", "FV-"} {
		if strings.Contains(p.body, private) {
			t.Errorf("the public page shows %q", private)
		}
	}
	wantNoSuppressedInHTML(t, p.body)
	if strings.Contains(p.body, "<script") {
		t.Error("the public page has a script")
	}

	// Withdrawn, the quote goes; turned off, the page goes.
	withdraw := url.Values{"area": {"health"}, "theme": {"waiting_times"}, "quote": {quotes[1]}, "decision": {"withdraw"}}
	wantRedirect(t, b.submit(admin, resultsAdmin+"/quotes", withdraw), resultsAdmin+"?done=withdrawn#theme-health-waiting_times")
	if p := family.get(resultsPublicPath); strings.Contains(p.body, html.EscapeString(quotes[1])) {
		t.Error("a withdrawn quote is still on the public page")
	}
	actions := b.get(actionsBase)
	wantContains(t, actions, "The public results page is on", resultsPublicPath)
	wantRedirect(t, b.submit(actions, resultsAdmin, url.Values{"published": {"off"}, "from": {"actions"}}), actionsBase+"?done=results-off")
	if p := family.get(resultsPublicPath); p.status != http.StatusNotFound {
		t.Errorf("results page after turning it off = %d, want 404", p.status)
	}
	if p := b.submit(admin, resultsAdmin, url.Values{"published": {"perhaps"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("an unknown setting = %d, want 422", p.status)
	}

	var audited []string
	for _, e := range ta.auditEntries(t) {
		if strings.HasPrefix(e.Action, "results.") || strings.HasPrefix(e.Action, "quote.") {
			audited = append(audited, e.Action)
			if strings.Contains(e.Detail, "waited") {
				t.Errorf("audit entry holds the quote: %+v", e)
			}
		}
	}
	if got, want := strings.Join(audited, " "), "results.off quote.withdraw quote.approve results.on"; got != want {
		t.Errorf("audit = %q, want %q", got, want)
	}
}

func TestResultsPublicPageNotFound(t *testing.T) {
	ta, _ := newReportFixture(t)
	for _, path := range []string{"/s/no-such-survey/results", resultsPublicPath} {
		if p := newHTTPClient(t, ta).get(path); p.status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, p.status)
		}
	}
}

// TestResultsPublicPageFitsTheBudget fills the demo survey's results page
// with approved quotes and actions and checks it stays within a family
// page's weight.
func TestResultsPublicPageFitsTheBudget(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	if err := installDemo(ctx, ta.db, 0, 1); err != nil {
		t.Fatal(err)
	}
	si, err := ta.db.FindSurveyBySlug(ctx, demo.Slug)
	if err != nil {
		t.Fatal(err)
	}
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	admin := b.get("/admin/surveys/" + demo.Slug + "/results")
	wantStatus(t, admin, http.StatusOK)
	// Approve every quote offered, theme by theme.
	forms := regexp.MustCompile(`(?s)<input type="hidden" name="area" value="([^"]*)"><input type="hidden" name="theme" value="([^"]*)"><input type="hidden" name="quote" value="([^"]*)">`).FindAllStringSubmatch(admin.body, -1)
	if len(forms) < 10 {
		t.Fatalf("the demo offers only %d quotes", len(forms))
	}
	for _, f := range forms {
		if err := ta.db.ApproveQuote(ctx, sqlite.ApprovedQuote{SurveyID: si.ID, Area: f[1], Theme: f[2], Text: html.UnescapeString(f[3]), ApprovedBy: "lead@example.org"}); err != nil {
			t.Fatal(err)
		}
	}
	for i, area := range []string{"education", "health", "social_care", "autism", "post16", "", "education", "health"} {
		if err := ta.db.CreateAction(ctx, &sqlite.Action{SurveyID: si.ID, Theme: "communication", Area: area,
			What: strings.Repeat("Write to every family within ten working days of a request for help. ", 3), Who: "SEND casework team",
			Due: time.Date(2027, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC), Status: sqlite.ActionPlanned, RecordedBy: "lead@example.org"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ta.db.SetResultsPublished(ctx, si.ID, true, "lead@example.org"); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", ta.srv.URL+"/s/"+demo.Slug+"/results", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("status %d, encoding %q", res.StatusCode, res.Header.Get("Content-Encoding"))
	}
	css := gzipSize(t, static.Stylesheet().Body)
	if total := len(body) + css; total > pageBudget {
		t.Errorf("the public results page weighs %d bytes with its stylesheet, over the %d byte budget", total, pageBudget)
	} else {
		t.Logf("public results page: %d bytes + %d CSS = %d", len(body), css, total)
	}
}
