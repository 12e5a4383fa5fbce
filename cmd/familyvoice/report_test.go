package main

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
)

// reportSlug is the survey of newReportFixture.
const reportSlug = "report-check"

const reportDefinition = `{
  "slug": "report-check", "title": "Report check",
  "sections": [{"id": "s1", "title": "About you and health", "questions": [
    {"id": "child_age", "type": "single_choice", "text": "How old is your child?", "profile": true,
     "options": [{"value": "0-10", "label": "0 to 10"}, {"value": "11-25", "label": "11 to 25"}]},
    {"id": "locality", "type": "single_choice", "text": "Where do you live?", "profile": true,
     "options": [{"value": "north", "label": "North"}, {"value": "south", "label": "South"}]},
    {"id": "uses_camhs", "type": "yes_no", "text": "Have you used CAMHS?", "area": "health"},
    {"id": "health_comments", "type": "long_text", "text": "Tell us about health services", "area": "health"}
  ]}]}`

// reportWaitingComments are coded to health and waiting times only; four
// start as a spreadsheet formula would.
var reportWaitingComments = []string{
	"=SUM(A1:A9) we waited a year for the paediatrician, the waiting list is far too long.",
	"+44 waited 18 months for speech therapy, the waiting list is far too long.",
	"-- waited over a year for the paediatrician, the waiting list is far too long.",
	"@ the clinic we waited a year, the waiting list is far too long.",
	"Our speech therapist waited months to see us, the waiting list is far too long.",
	"The paediatrician waited months to see us, the waiting list is far too long.",
	"The physio waiting list is far too long, we waited eight months.",
	"Waited nine months for the wheelchair service, far too long.",
	"We waited ten months for the community paediatrician, the waiting list is far too long.",
}

// reportTransportComments are coded to health and transport: three, so
// transport's count is withheld.
var reportTransportComments = []string{
	"Getting to the hospital for physio is hard, there is no transport and the bus takes two hours.",
	"The paediatrician clinic is miles away and there is no transport to get there.",
	"No transport to hospital appointments, we miss physio sessions.",
}

// newReportFixture publishes a survey whose figures are known: twelve
// families, whose health comments raise waiting times nine times and
// transport three times. Three families answered no to CAMHS, ten live
// in the north and two in the south; half have a child of 0 to 10.
func newReportFixture(t *testing.T) (*testApp, *sqlite.Version) {
	t.Helper()
	ta := newTestApp(t)
	def, err := survey.ParseDefinition(strings.NewReader(reportDefinition))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	v := ta.storeSurvey(t, def, true)
	comments := append(append([]string{}, reportWaitingComments...), reportTransportComments...)
	var batch []sqlite.NewResponse
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	for i, text := range comments {
		age, locality, camhs := "0-10", "north", "yes"
		if i%2 == 1 {
			age = "11-25"
		}
		if i >= 10 {
			locality = "south"
		}
		if i >= 9 {
			camhs = "no"
		}
		batch = append(batch, sqlite.NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, SubmittedAt: start.Add(time.Duration(i) * time.Hour),
			Answers: survey.Answers{
				"child_age":       survey.TextValue(survey.SingleChoice, age),
				"locality":        survey.TextValue(survey.SingleChoice, locality),
				"uses_camhs":      survey.TextValue(survey.YesNo, camhs),
				"health_comments": survey.TextValue(survey.LongText, text),
			}})
	}
	if err := ta.db.ImportResponses(ctx, batch); err != nil {
		t.Fatal(err)
	}
	return ta, v
}

// staffUser returns a cookie-keeping client signed in as a new staff
// member with the given email and roles.
func (ta *testApp) staffUser(t *testing.T, email string, roles ...staff.Role) *httpClient {
	t.Helper()
	b := newHTTPClient(t, ta)
	token := newStaffSession(t, ta.db, email, roles...)
	base, _ := url.Parse(ta.srv.URL)
	b.client.Jar.SetCookies(base, []*http.Cookie{{Name: sessionCookie, Value: token, Path: "/"}})
	return b
}

// auditEntries returns the audit log, newest first.
func (ta *testApp) auditEntries(t *testing.T) []sqlite.AuditEntry {
	t.Helper()
	entries, err := ta.db.AuditLog(context.Background(), 0, 500)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// wantNoSuppressedInHTML checks that a page gives none of the fixture's
// withheld counts: transport's 3, CAMHS's 3 "no" answers (and the 9
// "yes", withheld beside it), the south's 2.
func wantNoSuppressedInHTML(t *testing.T, body string) {
	t.Helper()
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`<td>\s*3\s*</td>`),
		regexp.MustCompile(`Transport</th><td>\d`),
		regexp.MustCompile(`Transport: \d`),
		regexp.MustCompile(`\b3 comments\b`),
		regexp.MustCompile(`(?:No|Yes|South|North): (?:[0-9]|\d+ \()`),
		regexp.MustCompile(`<th scope="row">(?:No|Yes|South|North)</th><td>\d`),
		regexp.MustCompile(`25\.0%`), // 3 of 12
	} {
		if m := bad.FindString(body); m != "" {
			t.Errorf("page gives a withheld count: %q", m)
		}
	}
}

func TestReportPage(t *testing.T) {
	ta, v := newReportFixture(t)
	ctx := context.Background()
	due := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, ac := range []*sqlite.Action{
		{SurveyID: v.SurveyID, Theme: "waiting_times", Area: "health", What: "Publish waiting times for every clinic each month", Who: "Children's community health", Due: due, Status: sqlite.ActionInProgress, RecordedBy: "lead@example.org"},
		{SurveyID: v.SurveyID, Theme: "communication", What: "Reply to every family within ten working days", Who: "SEND casework team", Due: due, Status: sqlite.ActionPlanned, RecordedBy: "lead@example.org"},
	} {
		if err := ta.db.CreateAction(ctx, ac); err != nil {
			t.Fatal(err)
		}
	}
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	p := b.get("/admin/surveys/" + reportSlug + "/report")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Report check", "Contents", `href="#area-health"`, `id="area-health"`, `class="report-area"`,
		"12 comments were about this area", "Waiting times", "75.0%", "Transport", "fewer than 5",
		"Have you used CAMHS?", "About the families who answered", "How old is your child?",
		"Publish waiting times for every clinic each month", "Actions across all areas", "Reply to every family within ten working days",
		"How this report was made", "SEND taxonomy", "Counts under 5 are withheld", "No percentage is given on a base of fewer than 10",
		`role="img"`, "Save as PDF", "/export/comments.csv")
	wantNoSuppressedInHTML(t, p.body)
	if strings.Count(p.body, `<blockquote class="quote">`) != 3 {
		t.Errorf("want the three quotes of waiting times, got %d", strings.Count(p.body, `<blockquote class="quote">`))
	}
	if strings.Contains(p.body, "FV-") {
		t.Errorf("the report shows a response reference")
	}
}

func TestReportFilters(t *testing.T) {
	ta, _ := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	base := "/admin/surveys/" + reportSlug + "/report"

	p := b.get(base + "?f.child_age=0-10")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Only families who answered “How old is your child?” with 0 to 10", "f.child_age=0-10")
	wantNoSuppressedInHTML(t, p.body)

	cases := []struct{ name, query, want string }{
		{"a group under 5", "?f.locality=south", "Fewer than 5 families match this filter"},
		{"all but a few", "?f.locality=north", "fewer than 5 do not"},
		{"a question that is not about the family", "?f.uses_camhs=yes", "You cannot filter by"},
		{"an answer the question does not have", "?f.child_age=99", "is not an answer"},
		{"a version that is not a number", "?version=first", "Choose a version"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := b.get(base + tc.query)
			wantStatus(t, p, http.StatusUnprocessableEntity)
			wantContains(t, p, "There is a problem", tc.want)
			wantNoSuppressedInHTML(t, p.body)
		})
	}
	// A refused group shows no figures at all.
	p = b.get(base + "?f.locality=south")
	if strings.Contains(p.body, "Waiting times") || strings.Contains(p.body, "comments were about") {
		t.Errorf("a refused filter still shows figures:\n%s", p.body)
	}
}

func TestReportNotFound(t *testing.T) {
	ta, _ := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	for _, path := range []string{
		"/admin/surveys/no-such-survey/report",
		"/admin/surveys/no-such-survey/actions",
		"/admin/surveys/no-such-survey/export/summary.json",
		"/admin/surveys/" + reportSlug + "/actions/999",
		"/admin/surveys/" + reportSlug + "/actions/x/delete",
	} {
		if p := b.get(path); p.status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, p.status)
		}
	}
}

// TestReportDesignersForbidden checks the rule the route matrix also
// walks: designers build surveys but never read what families said.
func TestReportDesignersForbidden(t *testing.T) {
	ta, _ := newReportFixture(t)
	b := ta.staffUser(t, "designer@example.org", staff.Designer)
	for _, path := range []string{"report", "actions", "actions/new", "results", "export/comments.csv", "export/summary.xlsx"} {
		if p := b.get("/admin/surveys/" + reportSlug + "/" + path); p.status != http.StatusForbidden {
			t.Errorf("designer GET %s = %d, want 403", path, p.status)
		}
	}
}
