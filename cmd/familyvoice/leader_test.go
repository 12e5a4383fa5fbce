package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/demo"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
)

// get fetches a page as the client and returns its status and body.
func (sc *staffClient) get(t *testing.T, target string) (int, string) {
	t.Helper()
	res, err := sc.client.Get(target)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// demoLeaderApp is the app with both demo rounds, the current one with
// 300 responses, and a leader signed in.
func demoLeaderApp(t *testing.T) (*testApp, *staffClient) {
	t.Helper()
	ta := newTestApp(t)
	if err := installDemo(context.Background(), ta.db, 300, 1); err != nil {
		t.Fatal(err)
	}
	return ta, ta.signedIn(t, staff.Leader)
}

func TestLeaderPages(t *testing.T) {
	ta, sc := demoLeaderApp(t)
	base := ta.srv.URL + "/admin/surveys/" + demo.Slug
	tests := []struct {
		name, path string
		want       []string
	}{
		{"overview", "/summary", []string{"<h1>SEND local area survey 2026</h1>", "Service areas", `href="/admin/surveys/send-local-area/areas/autism"`,
			"Responses each week", "How old is your child", `role="img"`, "compare?with=send-local-area-2025#area-autism", "Filter by who answered"}},
		{"overview filtered", "/summary?f.child_age=11-15&f.child_age=16-25", []string{"Showing only families who answered", "11 to 15 years or 16 to 25 years",
			`href="/admin/surveys/send-local-area/areas/autism?f.child_age=11-15&amp;f.child_age=16-25"`, `value="11-15" checked`}},
		{"area", "/areas/autism", []string{"<h1>Autism</h1>", "Assessment and diagnosis", "In families' words", "Every comment about Autism",
			"Coded by", "the SEND taxonomy rules", "Why it was coded like this", "Showing 1 to 25 of", "Correct the coding", "Average:"}},
		{"area page 2", "/areas/autism?page=2", []string{"Showing 26 to 50 of", `aria-current="page"`}},
		{"area past the last page", "/areas/autism?page=9999", []string{"newest first"}},
		{"area search", "/areas/autism?q=diagnosis+wait", []string{`value="diagnosis wait"`, "comments"}},
		{"area search with no match", "/areas/autism?q=xylophone", []string{"No comments have all of these words."}},
		{"area filtered", "/areas/health?f.has_ehcp=yes", []string{"Showing only families who answered", `<input type="hidden" name="f.has_ehcp" value="yes">`}},
		{"theme", "/themes/waiting_times", []string{"<h1>Waiting times</h1>", "In each service area", "Every comment about Waiting times"}},
		{"theme filtered", "/themes/waiting_times?f.locality=north&f.locality=south", []string{"Showing only families who answered"}},
		{"compare default", "/compare", []string{"SEND local area survey 2025", "two-proportion z-test", "Welch's t-test", `id="area-autism"`,
			"Earlier round", "At a glance"}},
		{"compare chosen", "/compare?with=send-local-area-2025", []string{`<option value="send-local-area-2025" selected>`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := sc.get(t, base+tc.path)
			if status != http.StatusOK {
				t.Fatalf("status = %d, want 200\n%s", status, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
	t.Run("previous round compares the other way", func(t *testing.T) {
		status, body := sc.get(t, ta.srv.URL+"/admin/surveys/"+demo.PreviousSlug+"/compare")
		if status != http.StatusOK {
			t.Fatalf("status = %d", status)
		}
		earlier := regexp.MustCompile(`<dt>Earlier round</dt><dd><a href="([^"]+)"`).FindStringSubmatch(body)
		if earlier == nil || earlier[1] != summaryURL(demo.PreviousSlug) {
			t.Errorf("earlier round = %v, want %s", earlier, demo.PreviousSlug)
		}
	})
}

func TestLeaderNotFound(t *testing.T) {
	ta, sc := demoLeaderApp(t)
	base := ta.srv.URL + "/admin/surveys/"
	for _, p := range []string{
		"no-such-survey/summary", "no-such-survey/areas/autism", "no-such-survey/themes/praise", "no-such-survey/compare",
		demo.Slug + "/areas/dentistry", demo.Slug + "/areas/Autism", demo.Slug + "/themes/no_such_theme",
		demo.Slug + "/compare?with=no-such-survey",
	} {
		t.Run(p, func(t *testing.T) {
			if status, body := sc.get(t, base+p); status != http.StatusNotFound {
				t.Errorf("status = %d, want 404\n%s", status, body)
			}
		})
	}
}

func TestLeaderPagesAreForLeadersOnly(t *testing.T) {
	ta, _ := demoLeaderApp(t)
	base := ta.srv.URL + "/admin/surveys/" + demo.Slug
	clients := map[string]struct {
		sc   *staffClient
		want int
	}{
		"designer":  {ta.signedIn(t, staff.Designer), http.StatusForbidden},
		"anonymous": {ta.signedIn(t), http.StatusSeeOther},
		"admin":     {ta.signedIn(t, staff.Admin), http.StatusOK},
	}
	for who, c := range clients {
		for _, p := range []string{"/summary", "/areas/autism", "/themes/praise", "/compare"} {
			t.Run(who+p, func(t *testing.T) {
				status, body := c.sc.get(t, base+p)
				if status != c.want {
					t.Errorf("status = %d, want %d", status, c.want)
				}
				if c.want != http.StatusOK && strings.Contains(body, "Service areas") {
					t.Errorf("the page leaked to a %s", who)
				}
			})
		}
	}
}

func TestSurveyListLinksLeadersToSummaries(t *testing.T) {
	ta, sc := demoLeaderApp(t)
	_, body := sc.get(t, ta.srv.URL+"/admin/surveys")
	if !strings.Contains(body, `href="/admin/surveys/send-local-area/summary"`) {
		t.Errorf("the survey list has no summary link for a leader")
	}
	_, body = ta.signedIn(t, staff.Designer).get(t, ta.srv.URL+"/admin/surveys")
	if strings.Contains(body, "/summary") {
		t.Errorf("the survey list links a designer to a summary")
	}
}

// smallGroupSurvey is a survey built so that some groups are small:
//
//	region:    north 30, south 20, east 3 (profile)
//	how_often: always 19, often 20, rarely 3, never 11; in the north
//	           always 8, often 18, rarely 1, never 3
//	school_comments: 40, of which 3 are about taxis (transport) and one
//	           gives a phone number and a name
//	social_comments: 3, about social workers
func smallGroupSurvey(t *testing.T, ta *testApp) *sqlite.Version {
	t.Helper()
	def := &survey.Definition{Slug: "small-groups", Title: "Small groups", Sections: []survey.Section{{ID: "s", Title: "S", Questions: []survey.Question{
		{ID: "region", Type: survey.SingleChoice, Text: "Where do you live?", Profile: true,
			Options: []survey.Option{{Value: "north", Label: "North"}, {Value: "south", Label: "South"}, {Value: "east", Label: "East"}}},
		{ID: "how_often", Type: survey.SingleChoice, Text: "How often does school listen?", Area: survey.Education,
			Options: []survey.Option{{Value: "always", Label: "Always"}, {Value: "often", Label: "Often"}, {Value: "rarely", Label: "Rarely"}, {Value: "never", Label: "Never"}}},
		{ID: "school_comments", Type: survey.LongText, Text: "Tell us about school", Area: survey.Education},
		{ID: "social_comments", Type: survey.LongText, Text: "Tell us about social care", Area: survey.SocialCare},
	}}}}
	if err := def.Validate(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	v := ta.storeSurvey(t, def, true)
	type group struct {
		region string
		often  map[string]int
	}
	groups := []group{
		{"north", map[string]int{"always": 8, "often": 18, "rarely": 1, "never": 3}},
		{"south", map[string]int{"always": 10, "often": 2, "never": 8}},
		{"east", map[string]int{"always": 1, "rarely": 2}},
	}
	var rs []sqlite.NewResponse
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, g := range groups {
		for _, answer := range []string{"always", "often", "rarely", "never"} {
			for range g.often[answer] {
				rs = append(rs, sqlite.NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, SubmittedAt: start.Add(time.Duration(len(rs)) * 3 * time.Hour),
					Answers: survey.Answers{"region": survey.TextValue(survey.SingleChoice, g.region), "how_often": survey.TextValue(survey.SingleChoice, answer)}})
			}
		}
	}
	for i := range 40 {
		text := "The SENCO is kind and really listens to us."
		switch {
		case i < 3:
			text = "The taxi to school is late every single day and the escort keeps changing."
		case i == 3:
			text = "Call me on 07700 900123 and ask for Jane Smith about the SENCO."
		}
		rs[i].Answers["school_comments"] = survey.TextValue(survey.LongText, text)
	}
	for i := 40; i < 43; i++ {
		rs[i].Answers["social_comments"] = survey.TextValue(survey.LongText, "The social worker never calls back.")
	}
	if err := ta.db.ImportResponses(ctx, rs); err != nil {
		t.Fatal(err)
	}
	return v
}

// rowFigure finds the figure a table row or chart gives for a label.
func rowFigure(body, label string) []string {
	var out []string
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`<th scope="row">(?:<a [^>]*>)?` + regexp.QuoteMeta(label) + `(?:</a>)?</th><td class="num">([^<]*)</td>`),
		regexp.MustCompile(`[.;] ` + regexp.QuoteMeta(label) + `: ([^;"]*)`),
	} {
		for _, m := range re.FindAllStringSubmatch(body, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

func TestLeaderWithholdsSmallCounts(t *testing.T) {
	ta := newTestApp(t)
	smallGroupSurvey(t, ta)
	sc := ta.signedIn(t, staff.Leader)
	base := ta.srv.URL + "/admin/surveys/small-groups"

	check := func(t *testing.T, body, label string, withheld bool) {
		t.Helper()
		figures := rowFigure(body, label)
		if len(figures) == 0 {
			t.Fatalf("no figure for %q on the page", label)
		}
		for _, f := range figures {
			if got := strings.HasPrefix(f, "withheld"); got != withheld {
				t.Errorf("%s: %q, withheld = %v, want %v", label, f, got, withheld)
			}
		}
	}
	t.Run("an answer chosen by 3", func(t *testing.T) {
		_, body := sc.get(t, base+"/areas/education")
		check(t, body, "Rarely", true)
		if strings.Contains(body, "Rarely: 3") || strings.Contains(body, `Rarely</th><td class="num">3<`) {
			t.Errorf("the page shows the 3 families who answered Rarely")
		}
		// With one answer withheld, the next smallest goes too, or it
		// could be worked out from the total.
		check(t, body, "Never", true)
		check(t, body, "Often", false)
	})
	t.Run("a theme raised in 3 comments", func(t *testing.T) {
		_, body := sc.get(t, base+"/areas/education")
		check(t, body, "Transport", true)
		if strings.Contains(body, "Transport: 3") {
			t.Errorf("the page shows the transport theme's 3")
		}
		_, body = sc.get(t, base+"/themes/transport")
		if got := regexp.MustCompile(`<dt>Comments raising this theme</dt><dd>([^<]*)</dd>`).FindStringSubmatch(body); got == nil || got[1] != "withheld" {
			t.Errorf("theme total = %v, want withheld", got)
		}
		if strings.Contains(body, "taxi to school") {
			t.Errorf("the theme page lists the comments of a small group")
		}
	})
	t.Run("an area with 3 comments lists none", func(t *testing.T) {
		status, body := sc.get(t, base+"/areas/social_care")
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		if strings.Contains(body, "social worker never calls back") {
			t.Errorf("the comments of a group of 3 are listed")
		}
		if !strings.Contains(body, "These comments are not listed") {
			t.Errorf("the page does not say why no comments are listed")
		}
		_, body = sc.get(t, base+"/summary")
		check(t, body, "Positive", false) // of education, shown
		if got := regexp.MustCompile(`Social care</a></h3>\n<p>(\S+) comments`).FindStringSubmatch(body); got == nil || got[1] != "withheld" {
			t.Errorf("the overview's social care card says %v, want withheld comments", got)
		}
	})
	t.Run("a filtered count close to the unfiltered one", func(t *testing.T) {
		// Often is 20 in all and 18 in the north: both pages side by side
		// would show that 2 families outside the north chose it.
		status, body := sc.get(t, base+"/areas/education?f.region=north")
		if status != http.StatusOK {
			t.Fatalf("status %d\n%s", status, body)
		}
		check(t, body, "Often", true)
		check(t, body, "Always", false)
		if strings.Contains(body, "Often: 18") {
			t.Errorf("the filtered page shows Often: 18 beside the unfiltered 20")
		}
	})
	t.Run("comments are redacted and searches cannot find what was removed", func(t *testing.T) {
		_, body := sc.get(t, base+"/areas/education?q=senco+call")
		if !strings.Contains(body, "Call me on [phone] and ask for [name]") {
			t.Errorf("the redacted comment is not listed")
		}
		if strings.Contains(body, "07700") || strings.Contains(body, "Jane Smith") {
			t.Errorf("a comment shows a phone number or a name")
		}
		_, body = sc.get(t, base+"/areas/education?q=Jane")
		if !strings.Contains(body, "No comments have all of these words.") {
			t.Errorf("searching for a redacted name found a comment")
		}
	})
}

func TestLeaderRefusesFiltersThatPickOutSmallGroups(t *testing.T) {
	ta := newTestApp(t)
	smallGroupSurvey(t, ta)
	sc := ta.signedIn(t, staff.Leader)
	base := ta.srv.URL + "/admin/surveys/small-groups"
	tests := []struct {
		name, query, want string
	}{
		{"a group of 3", "f.region=east", "Fewer than 5 families match this filter"},
		{"everyone but 3", "f.region=north&f.region=south", "fewer than 5 do not"},
		{"one answer away from a group of 3", "f.region=south&f.region=east", "differs by fewer than 5 families"},
		{"a question that is not a profile question", "f.how_often=always", "You cannot filter by"},
		{"a question that does not exist", "f.nonsense=1", "You cannot filter by"},
		{"an answer the question does not have", "f.region=west", "is not an answer to"},
		{"a version that is not a number", "version=first", "Choose a version of the survey"},
		{"a version with no responses", "version=7", "Fewer than 5 families match this filter"},
	}
	for _, tc := range tests {
		for _, page := range []string{"/summary", "/areas/education", "/themes/communication"} {
			t.Run(tc.name+" on "+page, func(t *testing.T) {
				status, body := sc.get(t, base+page+"?"+tc.query)
				if status != http.StatusUnprocessableEntity {
					t.Fatalf("status = %d, want 422", status)
				}
				if !strings.Contains(body, tc.want) {
					t.Errorf("page lacks %q", tc.want)
				}
				if !strings.Contains(body, `href="/admin/surveys/small-groups`+page+`"`) {
					t.Errorf("page lacks the link to the unfiltered page")
				}
				for _, figure := range []string{`role="img"`, "<dt>", "Showing", "SENCO", "class=\"num\""} {
					if strings.Contains(body, figure) {
						t.Errorf("a refused filter shows results: %q", figure)
					}
				}
			})
		}
	}
	t.Run("a safe filter is shown", func(t *testing.T) {
		if status, _ := sc.get(t, base+"/summary?f.region=north"); status != http.StatusOK {
			t.Errorf("status = %d, want 200", status)
		}
	})
}

func TestFilterRefusal(t *testing.T) {
	var rs []analysis.ResponseData
	add := func(n int, region string, version int) {
		for range n {
			rs = append(rs, analysis.ResponseData{Version: version, Answers: survey.Answers{"region": survey.TextValue(survey.SingleChoice, region)}})
		}
	}
	add(30, "north", 1)
	add(20, "south", 1)
	add(3, "east", 2)
	opts := func(version int, regions ...string) analysis.SummaryOptions {
		o := analysis.SummaryOptions{Version: version}
		if len(regions) > 0 {
			o.Profile = map[string][]string{"region": regions}
		}
		return o
	}
	tests := []struct {
		name string
		opts analysis.SummaryOptions
		want string
	}{
		{"no filter", opts(0), ""},
		{"north", opts(0, "north"), ""},
		{"east", opts(0, "east"), refusedSmallGroup},
		{"north or south", opts(0, "north", "south"), refusedSmallRemain},
		{"south or east", opts(0, "south", "east"), refusedSmallStep},
		{"version 1", opts(1), refusedSmallRemain},
		{"version 2", opts(2), refusedSmallGroup},
		{"version 1 in the north", opts(1, "north"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := filterRefusal(rs, tc.opts); got != tc.want {
				t.Errorf("filterRefusal = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestShownCounts(t *testing.T) {
	show := func(ps []*int) string {
		var parts []string
		for _, p := range ps {
			if p == nil {
				parts = append(parts, "-")
			} else {
				parts = append(parts, fmt.Sprint(*p))
			}
		}
		return strings.Join(parts, " ")
	}
	tests := []struct {
		name      string
		counts    []int
		others    [][]int
		partition bool
		want      string
	}{
		{"nothing small", []int{10, 20, 30}, nil, true, "10 20 30"},
		{"one small, partition", []int{3, 20, 30}, nil, true, "- - 30"},
		{"one small, no partition", []int{3, 20, 30}, nil, false, "- 20 30"},
		{"two small", []int{3, 4, 30}, nil, true, "- - 30"},
		{"close to a neighbour", []int{10, 20, 30}, [][]int{{12, 20, 30}}, false, "- 20 30"},
		{"equal to a neighbour", []int{10, 20, 30}, [][]int{{10, 20, 30}}, false, "10 20 30"},
		{"far from a neighbour", []int{10, 20, 30}, [][]int{{15, 40, 30}}, false, "10 20 30"},
		{"close to a narrower neighbour", []int{10, 20, 30}, [][]int{{9, 20, 30}}, true, "- - 30"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := show(shownCounts(tc.counts, tc.others, 5, tc.partition)); got != tc.want {
				t.Errorf("shownCounts = %s, want %s", got, tc.want)
			}
		})
	}
}

// TestCommentIndexMatchesSummary checks that the comments the area pages
// list are the ones the summary counts.
func TestCommentIndexMatchesSummary(t *testing.T) {
	ta, _ := demoLeaderApp(t)
	ctx := context.Background()
	ls, err := ta.loadLeaderSurvey(ctx, demo.Slug)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := ta.leaderSummary(ctx, ls, analysis.SummaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := ta.commentIndexFor(ctx, ls)
	if err != nil {
		t.Fatal(err)
	}
	for ai, id := range analysis.AreaIDs {
		as := sum.Area(id)
		n, _ := ix.find(commentQuery{area: ai, theme: -1}, 0, 0)
		if as.Comments == nil || *as.Comments != n {
			t.Errorf("%s: the index has %d comments, the summary %v", id, n, as.Comments)
		}
		for _, th := range as.Themes {
			if th.Count == nil {
				continue
			}
			n, _ := ix.find(commentQuery{area: ai, theme: leaderThemeIndex(th.ID)}, 0, 0)
			if n != *th.Count {
				t.Errorf("%s, %s: the index has %d comments, the summary %d", id, th.ID, n, *th.Count)
			}
		}
	}
}

// TestCommentIndexGrowsWithResponses checks that a response arriving
// after the index was built is coded and listed.
func TestCommentIndexGrowsWithResponses(t *testing.T) {
	ta := newTestApp(t)
	v := smallGroupSurvey(t, ta)
	sc := ta.signedIn(t, staff.Leader)
	page := ta.srv.URL + "/admin/surveys/small-groups/areas/education?q=wheelchair"
	if _, body := sc.get(t, page); !strings.Contains(body, "No comments have all of these words.") {
		t.Fatalf("found a wheelchair before anyone wrote of one")
	}
	_, err := ta.db.Submit(context.Background(), sqlite.NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: survey.Answers{
		"region": survey.TextValue(survey.SingleChoice, "north"), "how_often": survey.TextValue(survey.SingleChoice, "always"),
		"school_comments": survey.TextValue(survey.LongText, "The school made the building work for her wheelchair."),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if _, body := sc.get(t, page); !strings.Contains(body, "her wheelchair") {
		t.Errorf("the new comment is not listed")
	}
}

func TestLeaderCompareWithASurveyThatSharesNothing(t *testing.T) {
	ta, sc := demoLeaderApp(t)
	ta.importSurvey(t, "journey.json", true)
	status, body := sc.get(t, ta.srv.URL+"/admin/surveys/"+demo.Slug+"/compare?with=short-breaks-check")
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d, want 422", status)
	}
	if !strings.Contains(body, "does not share enough questions") {
		t.Errorf("the page does not say why")
	}
}

func TestLeaderCompareWithNoOtherRound(t *testing.T) {
	ta := newTestApp(t)
	smallGroupSurvey(t, ta)
	status, body := ta.signedIn(t, staff.Leader).get(t, ta.srv.URL+"/admin/surveys/small-groups/compare")
	if status != http.StatusOK || !strings.Contains(body, "There is no other round of this survey to compare with") {
		t.Errorf("status %d; the page does not say there is nothing to compare", status)
	}
}

func TestSummaryCacheIsBounded(t *testing.T) {
	ta := newTestApp(t)
	smallGroupSurvey(t, ta)
	ctx := context.Background()
	ls, err := ta.loadLeaderSurvey(ctx, "small-groups")
	if err != nil {
		t.Fatal(err)
	}
	for i := range maxCachedSummaries + 10 {
		opts := analysis.SummaryOptions{From: time.Unix(int64(i), 0)}
		if _, err := ta.insights.Summary(ctx, ls.Def, ls.Info.ID, opts); err != nil {
			t.Fatal(err)
		}
	}
	s := ta.insights.survey(ls.Info.ID)
	s.mu.Lock()
	n := len(s.summaries)
	s.mu.Unlock()
	if n > maxCachedSummaries {
		t.Errorf("%d summaries cached, want at most %d", n, maxCachedSummaries)
	}
}

func TestDemoCommand(t *testing.T) {
	db := t.TempDir() + "/demo.db"
	run := func(args ...string) (int, string) {
		var out, errs strings.Builder
		code := Run(context.Background(), args, strings.NewReader(""), &out, &errs)
		return code, out.String() + errs.String()
	}
	if code, out := run("demo", "--db", db, "--responses", "30", "--seed", "3"); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, out)
	}
	if code, out := run("demo", "--db", db, "--responses", "30"); code != exitError || !strings.Contains(out, "--add") {
		t.Errorf("second demo: exit %d, want 1 with advice: %s", code, out)
	}
	if code, out := run("demo", "--db", db, "--responses", "12", "--add"); code != exitOK {
		t.Fatalf("demo --add: exit %d: %s", code, out)
	}
	if code, _ := run("demo", "--db", db, "--responses", "0"); code != exitUsage {
		t.Errorf("--responses 0: exit %d, want 2", code)
	}
	code, out := run("survey", "list", "--db", db)
	if code != exitOK {
		t.Fatal(out)
	}
	if !regexp.MustCompile(`send-local-area\s+published\s+1\s+42\s`).MatchString(out) {
		t.Errorf("survey list:\n%s\nwant send-local-area with 42 responses", out)
	}
}

func TestLeaderPagesEscapeWhatFamiliesWrote(t *testing.T) {
	ta := newTestApp(t)
	v := smallGroupSurvey(t, ta)
	var rs []sqlite.NewResponse
	for range 6 {
		rs = append(rs, sqlite.NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: survey.Answers{
			"region":          survey.TextValue(survey.SingleChoice, "south"),
			"school_comments": survey.TextValue(survey.LongText, `The school <script>alert(1)</script> "listens" & the SENCO helps`),
		}})
	}
	if err := ta.db.ImportResponses(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	_, body := ta.signedIn(t, staff.Leader).get(t, ta.srv.URL+"/admin/surveys/small-groups/areas/education?q="+url.QueryEscape("<script>"))
	if strings.Contains(body, "<script>alert") {
		t.Errorf("a comment's markup reached the page")
	}
	if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the comment is not shown escaped")
	}
}

func TestContainsFold(t *testing.T) {
	tests := []struct {
		s, sub string
		want   bool
	}{
		{"The SENCO listens", "senco", true},
		{"The SENCO listens", "LISTENS", true},
		{"The SENCO listens", "listened", false},
		{"Café au lait", "CAFÉ", true},
		{"naïve parents", "naïve", true},
		{"naïve parents", "naive", false},
		{"short", "shorter", false},
		{"anything", "", true},
		{"it’s the school’s fault", "school", true},
	}
	for _, tc := range tests {
		if got := containsFold(tc.s, tc.sub); got != tc.want {
			t.Errorf("containsFold(%q, %q) = %v, want %v", tc.s, tc.sub, got, tc.want)
		}
	}
}
