package analysis

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/survey"
)

func testDefinition() *survey.Definition {
	return &survey.Definition{
		Slug:  "send-2025",
		Title: "SEND services survey 2025",
		Sections: []survey.Section{
			{ID: "about", Title: "About your child", Questions: []survey.Question{
				{ID: "age_band", Type: survey.SingleChoice, Text: "How old is your child?", Profile: true, Options: []survey.Option{
					{Value: "0-4", Label: "0 to 4"}, {Value: "5-10", Label: "5 to 10"}, {Value: "11-15", Label: "11 to 15"}, {Value: "16-25", Label: "16 to 25"},
				}},
				{ID: "school_name", Type: survey.ShortText, Text: "Which school?", Profile: true},
			}},
			{ID: "education", Title: "Education", Questions: []survey.Question{
				{ID: "school_rating", Type: survey.Scale, Text: "How well does school meet your child's needs?", Area: survey.Education,
					Scale: &survey.ScaleRange{Min: 1, Max: 5, MinLabel: "Not at all", MaxLabel: "Very well"}},
				{ID: "has_ehcp", Type: survey.YesNo, Text: "Does your child have an EHCP?", Area: survey.Education},
				{ID: "education_comments", Type: survey.LongText, Text: "Tell us about education", Area: survey.Education},
			}},
			{ID: "health", Title: "Health", Questions: []survey.Question{
				{ID: "services_used", Type: survey.MultiChoice, Text: "Which services have you used?", Area: survey.Health, Options: []survey.Option{
					{Value: "gp", Label: "GP"}, {Value: "camhs", Label: "CAMHS"}, {Value: "salt", Label: "Speech and language"},
				}},
				{ID: "health_comments", Type: survey.LongText, Text: "Tell us about health services", Area: survey.Health},
			}},
			{ID: "general", Title: "Anything else", Questions: []survey.Question{
				{ID: "recommend", Type: survey.YesNo, Text: "Would you tell a friend about the forum?"},
				{ID: "anything_else", Type: survey.LongText, Text: "Anything else?"},
			}},
		},
	}
}

var educationComplaints = []string{
	"The EHCP took 18 months and we had to fight for everything",
	"Our EHC plan is vague and section F has no hours in it",
	"Mrs Smith the SENCO never replies to emails about the EHCP",
	"The annual review was cancelled twice and the plan is out of date",
	"Tribunal was the only way to get the EHCP we needed",
	"The LA refused to assess and we had to appeal for the EHCP",
	"Draft plan copied and pasted from another child, wrong name in the EHCP",
}

func testResponses() []ResponseData {
	var rs []ResponseData
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	add := func(version int, age string, rating float64, ehcp string, edu, health, other string, services ...string) {
		a := survey.Answers{
			"age_band":      survey.TextValue(survey.SingleChoice, age),
			"school_rating": survey.NumberValue(survey.Scale, rating),
			"has_ehcp":      survey.TextValue(survey.YesNo, ehcp),
			"school_name":   survey.TextValue(survey.ShortText, "Oakfield Primary"),
		}
		if edu != "" {
			a["education_comments"] = survey.TextValue(survey.LongText, edu)
		}
		if health != "" {
			a["health_comments"] = survey.TextValue(survey.LongText, health)
		}
		if other != "" {
			a["anything_else"] = survey.TextValue(survey.LongText, other)
		}
		if len(services) > 0 {
			a["services_used"] = survey.ChoicesValue(services...)
		}
		rs = append(rs, ResponseData{Reference: fmt.Sprintf("R%03d", len(rs)+1), Version: version, SubmittedAt: t0.Add(time.Duration(len(rs)) * time.Hour), Answers: a})
	}
	for i := 0; i < 21; i++ {
		add(1, "5-10", float64(1+i%3), "yes", educationComplaints[i%len(educationComplaints)], "CAMHS waiting list is two years", "", "gp", "camhs")
	}
	for i := 0; i < 2; i++ {
		add(1, "5-10", 5, "no", "The school is brilliant and the teachers are kind", "", "", "gp")
	}
	// One flagged comment among the education complaints: counted, listed
	// for staff, never quoted.
	add(2, "11-15", 2, "yes", "The EHCP is ignored and my son is self-harming, call me on 07700 900123", "", "")
	for i := 0; i < 3; i++ {
		add(2, "16-25", 4, "yes", "", "", "College have been great", "salt")
	}
	return rs
}

func TestSummarise(t *testing.T) {
	sum := Summarise(testDefinition(), testResponses(), SummaryOptions{IncludeFlagged: true})
	if got, want := deref(sum.Responses), 27; got != want {
		t.Errorf("responses = %d, want %d", got, want)
	}
	if sum.Safeguarding != nil || !sum.SafeguardingSuppressed {
		t.Errorf("safeguarding = %v, want withheld (1 is under 5)", sum.Safeguarding)
	}
	if got, want := len(sum.Flagged), 1; got != want {
		t.Fatalf("flagged = %d, want %d", got, want)
	}
	if f := sum.Flagged[0]; f.Reference != "R024" || strings.Contains(f.Text, "07700") || len(f.Reasons) == 0 {
		t.Errorf("flagged = %+v, want R024, redacted, with reasons", f)
	}
	if got, want := len(sum.Areas), 5; got != want {
		t.Fatalf("areas = %d, want %d", got, want)
	}
	for i, a := range sum.Areas {
		if a.ID != AreaIDs[i] {
			t.Errorf("area %d = %s, want %s", i, a.ID, AreaIDs[i])
		}
	}
	edu := sum.Area("education")
	if got, want := deref(edu.Comments), 24; got != want {
		t.Errorf("education comments = %d, want %d", got, want)
	}
	if edu.Sentiment.Negative == nil || *edu.Sentiment.Negative < 20 {
		t.Errorf("education negative = %v, want at least 20", edu.Sentiment.Negative)
	}
	if edu.Sentiment.Positive != nil || !edu.Sentiment.Suppressed {
		t.Errorf("education positive = %v, want withheld", edu.Sentiment.Positive)
	}
	if len(edu.Themes) == 0 || edu.Themes[0].ID != "ehcp_process" {
		t.Fatalf("education themes = %+v, want ehcp_process first", edu.Themes)
	}
	top := edu.Themes[0]
	if top.Share == nil || *top.Share <= 50 {
		t.Errorf("ehcp_process share = %v, want over 50", top.Share)
	}
	if got := len(top.Quotes); got != 3 {
		t.Errorf("got %d quotes, want 3: %q", got, top.Quotes)
	}
	for i, q := range top.Quotes {
		if strings.Contains(q, "Smith") || strings.Contains(q, "07700") || strings.Contains(q, "self-harming") {
			t.Errorf("quote %q not redacted or is a flagged comment", q)
		}
		for _, other := range top.Quotes[:i] {
			if q == other {
				t.Errorf("quote %q repeated", q)
			}
		}
	}
	for _, th := range edu.Themes {
		if th.Count == nil && (!th.Suppressed || th.Share != nil || len(th.Quotes) > 0) {
			t.Errorf("withheld theme %s shows share %v or quotes %q", th.ID, th.Share, th.Quotes)
		}
	}
	// Closed questions of the area.
	if got := len(edu.Questions); got != 2 {
		t.Fatalf("education questions = %d, want 2", got)
	}
	rating := edu.Questions[0]
	if rating.ID != "school_rating" || deref(rating.Answered) != 27 || rating.Mean == nil || rating.Scale == nil || len(rating.Options) != 5 {
		t.Errorf("school_rating = %+v", rating)
	}
	post := sum.Area("post16")
	if post.Comments != nil || !post.Suppressed {
		t.Errorf("post16 comments = %v, want withheld", post.Comments)
	}
	if len(sum.Profile) != 1 || sum.Profile[0].ID != "age_band" {
		t.Errorf("profile = %+v, want age_band only (school_name is text)", sum.Profile)
	}
}

func TestSummariseFilters(t *testing.T) {
	tests := []struct {
		name string
		opts SummaryOptions
		want int // responses, or -1 for withheld
	}{
		{"all", SummaryOptions{}, 27},
		{"version 1", SummaryOptions{Version: 1}, 23},
		{"version 2 is small", SummaryOptions{Version: 2}, -1},
		{"age band", SummaryOptions{Profile: map[string][]string{"age_band": {"5-10"}}}, 23},
		{"age band small", SummaryOptions{Profile: map[string][]string{"age_band": {"16-25"}}}, -1},
		{"unknown question", SummaryOptions{Profile: map[string][]string{"nope": {"x"}}}, -1},
		{"dates", SummaryOptions{From: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}, 24},
		{"threshold 30", SummaryOptions{SuppressionThreshold: 30}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := Summarise(testDefinition(), testResponses(), tt.opts)
			got := -1
			if sum.Responses != nil {
				got = *sum.Responses
			}
			if got != tt.want {
				t.Errorf("responses = %d, want %d", got, tt.want)
			}
			if tt.want < 0 {
				for _, a := range sum.Areas {
					for _, th := range a.Themes {
						if len(th.Quotes) > 0 {
							t.Errorf("area %s theme %s quotes a group under the threshold", a.ID, th.ID)
						}
					}
				}
			}
		})
	}
}

// TestSummaryJSON pins the JSON shape leaders' tools read.
func TestSummaryJSON(t *testing.T) {
	sum := Summarise(testDefinition(), testResponses(), SummaryOptions{})
	b, err := json.Marshal(sum)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"survey", "responses", "suppression_threshold", "safeguarding", "areas"} {
		if _, ok := got[k]; !ok {
			t.Errorf("summary has no %q", k)
		}
	}
	if got["safeguarding"] != nil || got["safeguarding_suppressed"] != true {
		t.Errorf("safeguarding = %v, suppressed %v; want null, true", got["safeguarding"], got["safeguarding_suppressed"])
	}
	if _, ok := got["flagged"]; ok {
		t.Errorf("flagged comments in the leaders' summary")
	}
	areas := got["areas"].([]any)
	edu := areas[0].(map[string]any)
	for _, k := range []string{"id", "label", "comments", "sentiment", "themes", "questions"} {
		if _, ok := edu[k]; !ok {
			t.Errorf("area has no %q", k)
		}
	}
	post := areas[4].(map[string]any)
	if post["comments"] != nil || post["suppressed"] != true {
		t.Errorf("post16 comments = %v, suppressed %v; want null, true", post["comments"], post["suppressed"])
	}
	var sawSuppressedTheme bool
	for _, th := range edu["themes"].([]any) {
		m := th.(map[string]any)
		for _, k := range []string{"id", "label", "count", "suppressed", "quotes"} {
			if _, ok := m[k]; !ok {
				t.Errorf("theme has no %q", k)
			}
		}
		if m["suppressed"] == true {
			sawSuppressedTheme = true
			if m["count"] != nil {
				t.Errorf("suppressed theme %v has count %v", m["id"], m["count"])
			}
		}
	}
	if !sawSuppressedTheme {
		t.Errorf("want at least one withheld theme in the education area")
	}
}

func TestSuppressGroup(t *testing.T) {
	tests := []struct {
		name       string
		n          []int
		totalShown bool
		want       []int // -1 withheld
	}{
		{"none small", []int{10, 20, 30, 40}, true, []int{10, 20, 30, 40}},
		{"one small: a second goes", []int{3, 20, 30, 40}, true, []int{-1, -1, 30, 40}},
		{"one small, total hidden", []int{3, 20, 30, 40}, false, []int{-1, 20, 30, 40}},
		{"two small", []int{3, 2, 30, 40}, true, []int{-1, -1, 30, 40}},
		{"zero is withheld", []int{0, 20, 30, 40}, true, []int{-1, -1, 30, 40}},
	}
	o := SummaryOptions{}
	o.defaults()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := make([]*int, len(tt.n))
			o.suppressGroup(tt.n, tt.totalShown, out)
			got := make([]int, len(out))
			for i, p := range out {
				got[i] = -1
				if p != nil {
					got[i] = *p
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSummaryWriteText(t *testing.T) {
	sum := Summarise(testDefinition(), testResponses(), SummaryOptions{})
	var b bytes.Buffer
	if err := sum.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"SEND services survey 2025 (send-2025)",
		"Responses: 27   Comments: 48   Flagged for safeguarding: <5",
		"Education: 24 comments",
		"1. EHCP process and quality: ",
		"Preparing for adulthood and post-16: <5 comments",
		"Q: How well does school meet your child's needs? (answered 27, mean",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "For staff") {
		t.Errorf("report lists flagged comments without IncludeFlagged")
	}
}

func TestCompare(t *testing.T) {
	def := testDefinition()
	rs := testResponses()
	prev := Summarise(def, rs[:12], SummaryOptions{})
	cur := Summarise(def, rs, SummaryOptions{})
	cmp := Compare(prev, cur)
	if c := cmp.Responses; deref(c.Previous) != 12 || deref(c.Current) != 27 || deref(c.Change) != 15 {
		t.Errorf("responses change = %+v", c)
	}
	var edu *AreaChange
	for i := range cmp.Areas {
		if cmp.Areas[i].ID == "education" {
			edu = &cmp.Areas[i]
		}
	}
	if edu == nil {
		t.Fatal("no education area")
	}
	if deref(edu.Comments.Change) != 12 {
		t.Errorf("education comments change = %+v", edu.Comments)
	}
	for _, th := range edu.Themes {
		if th.Suppressed && (th.Change != nil || th.ShareChange != nil) {
			t.Errorf("theme %s: change given from a withheld count: %+v", th.ID, th.CountChange)
		}
		if th.ID == "ehcp_process" && (th.ShareChange == nil || th.Change == nil) {
			t.Errorf("ehcp_process change = %+v, want counts and shares", th.CountChange)
		}
	}
	if len(edu.Questions) != 2 {
		t.Errorf("education questions compared = %d, want 2", len(edu.Questions))
	}
	var b bytes.Buffer
	if err := cmp.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Responses: 12 to 27 (+15)") {
		t.Errorf("comparison report:\n%s", b.String())
	}
}

func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

// benchmarkResponses builds n responses from the labelled comments.
func benchmarkResponses(b *testing.B, n int) []ResponseData {
	b.Helper()
	rows := readLabelledB(b, filepath.Join("testdata", "comments.csv"))
	rs := make([]ResponseData, n)
	ages := []string{"0-4", "5-10", "11-15", "16-25"}
	for i := range rs {
		rs[i] = ResponseData{Reference: fmt.Sprint(i), Version: 1 + i%2, Answers: survey.Answers{
			"age_band":           survey.TextValue(survey.SingleChoice, ages[i%4]),
			"school_rating":      survey.NumberValue(survey.Scale, float64(1+i%5)),
			"has_ehcp":           survey.TextValue(survey.YesNo, []string{"yes", "no"}[i%2]),
			"services_used":      survey.ChoicesValue("gp", "camhs"),
			"education_comments": survey.TextValue(survey.LongText, rows[i%len(rows)].text),
			"health_comments":    survey.TextValue(survey.LongText, rows[(i*7+3)%len(rows)].text),
		}}
	}
	return rs
}

// BenchmarkSummarise summarises 100,000 responses with two comments
// each; the target is under two seconds.
func BenchmarkSummarise(b *testing.B) {
	rs := benchmarkResponses(b, 100000)
	def := testDefinition()
	c := DefaultClassifier()
	Summarise(def, rs[:1000], SummaryOptions{Classifier: c}) // warm the stem cache
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Summarise(def, rs, SummaryOptions{Classifier: c})
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/summary")
}

// TestSummariseOverride checks that an override (a staff correction or a
// learned model) replaces the rules' coding, but never their
// safeguarding flag.
func TestSummariseOverride(t *testing.T) {
	plain := Summarise(testDefinition(), testResponses(), SummaryOptions{})
	overridden := Summarise(testDefinition(), testResponses(), SummaryOptions{
		Override: func(ref, qid, text string) (Coding, bool) {
			return Coding{Areas: []string{"autism"}, Themes: []string{"praise"}, Sentiment: Positive}, true
		},
	})
	if got, want := deref(overridden.Area("autism").Comments), deref(plain.Comments); got != want {
		t.Errorf("autism comments = %d, want every comment (%d)", got, want)
	}
	if got := overridden.Area("education").Comments; got != nil && *got != 0 {
		t.Errorf("education comments = %d, want none once every comment is coded autism", *got)
	}
	if got, want := overridden.SafeguardingSuppressed, plain.SafeguardingSuppressed; got != want || deref(overridden.Safeguarding) != deref(plain.Safeguarding) {
		t.Errorf("safeguarding changed under an override: %v/%v, want %v/%v", overridden.Safeguarding, got, plain.Safeguarding, want)
	}
}
