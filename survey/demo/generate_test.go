package demo

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey"
)

func TestGenerateValidates(t *testing.T) {
	for _, d := range Surveys() {
		t.Run(d.Slug, func(t *testing.T) {
			opens, closes := Window(d.Slug)
			resps := Generate(d, 4000, 7)
			if got, want := len(resps), 4000; got != want {
				t.Fatalf("got %d responses, want %d", got, want)
			}
			for i, r := range resps {
				if errs := d.ValidateAnswers(r.Answers); len(errs) > 0 {
					t.Fatalf("response %d: %v\nanswers: %v", i, survey.FieldErrors(errs), r.Answers)
				}
				if r.SubmittedAt.Before(opens) || !r.SubmittedAt.Before(closes) {
					t.Errorf("response %d submitted at %s, outside %s to %s", i, r.SubmittedAt, opens, closes)
				}
				if i > 0 && r.SubmittedAt.Before(resps[i-1].SubmittedAt) {
					t.Errorf("response %d submitted before response %d", i, i-1)
				}
				for id, v := range r.Answers {
					if strings.ContainsAny(v.Text, "{}") {
						t.Errorf("response %d, %s: unfilled slot in %q", i, id, v.Text)
					}
					if strings.Contains(v.Text, "  ") {
						t.Errorf("response %d, %s: double space in %q", i, id, v.Text)
					}
				}
			}
		})
	}
}

func TestGenerateEditedDefinition(t *testing.T) {
	d := Surveys()[0]
	// A forum edits the demo: drops a question, narrows a scale, removes
	// an option and adds questions the generator has never seen.
	edu := &d.Sections[1]
	edu.Questions = edu.Questions[1:] // no school_support
	d.Question("health_rating").Scale = &survey.ScaleRange{Min: 0, Max: 10}
	loc := d.Question("locality")
	loc.Options = loc.Options[:3] // no west or central
	five, ten := 5.0, 10.0
	d.Sections = append(d.Sections, survey.Section{ID: "extra", Title: "Extra", Questions: []survey.Question{
		{ID: "x_short", Type: survey.ShortText, Text: "Short", Required: true},
		{ID: "x_long", Type: survey.LongText, Text: "Long", Area: survey.Health, Required: true, MaxLength: 40},
		{ID: "x_single", Type: survey.SingleChoice, Text: "Single", Options: []survey.Option{{Value: "a", Label: "A"}, {Value: "b", Label: "B"}}},
		{ID: "x_multi", Type: survey.MultiChoice, Text: "Multi", Required: true, Options: []survey.Option{{Value: "a", Label: "A"}, {Value: "b", Label: "B"}, {Value: "c", Label: "C"}}},
		{ID: "x_yes", Type: survey.YesNo, Text: "Yes or no"},
		{ID: "x_scale", Type: survey.Scale, Text: "Scale", Required: true, Scale: &survey.ScaleRange{Min: 1, Max: 3}},
		{ID: "x_number", Type: survey.Number, Text: "Number", Required: true, Min: &five, Max: &ten},
		{ID: "x_follow", Type: survey.LongText, Text: "Why?", ShowIf: &survey.Condition{Question: "x_yes", Equals: ptr(survey.CondValue("yes"))}},
	}})
	if err := d.Validate(); err != nil {
		t.Fatalf("edited definition: %v", err)
	}
	for i, r := range Generate(d, 2000, 3) {
		if errs := d.ValidateAnswers(r.Answers); len(errs) > 0 {
			t.Fatalf("response %d: %v", i, survey.FieldErrors(errs))
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestGenerateDeterministic(t *testing.T) {
	d := Surveys()[0]
	a, b := Generate(d, 300, 42), Generate(d, 300, 42)
	if !reflect.DeepEqual(a, b) {
		t.Error("two runs with the same seed differ")
	}
	c := Generate(d, 300, 43)
	same := 0
	for i := range a {
		if reflect.DeepEqual(a[i].Answers, c[i].Answers) {
			same++
		}
	}
	if same > 3 {
		t.Errorf("%d of 300 responses are the same with seeds 42 and 43", same)
	}
	// Answers depend on the response's place, not on how many are made.
	long := Generate(d, 1000, 42)
	for i := range a {
		if !reflect.DeepEqual(a[i].Answers, long[i].Answers) {
			t.Fatalf("response %d differs between runs of 300 and 1000", i)
		}
	}
}

func TestStreamStopsOnError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := Stream(Surveys()[0], 100, 1, func(Response) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("Stream returned %v, want %v", err, stop)
	}
	if got, want := calls, 3; got != want {
		t.Errorf("fn called %d times, want %d", got, want)
	}
	if got := Generate(Surveys()[0], 0, 1); len(got) != 0 {
		t.Errorf("Generate(0) gave %d responses", len(got))
	}
}

// comments returns every long-text answer of rs by question id.
func comments(d *survey.Definition, rs []Response) map[string][]string {
	out := map[string][]string{}
	for _, r := range rs {
		for id, v := range r.Answers {
			if q := d.Question(id); q != nil && q.Type == survey.LongText {
				out[id] = append(out[id], v.Text)
			}
		}
	}
	return out
}

func TestCommentVariety(t *testing.T) {
	d := Surveys()[0]
	rs := Generate(d, DefaultResponses, 1)
	distinct := map[string]bool{}
	total := 0
	byArea := map[survey.Area]int{}
	for id, cs := range comments(d, rs) {
		for _, c := range cs {
			distinct[c] = true
			total++
			byArea[d.Question(id).Area]++
		}
	}
	if got := len(distinct); got < 300 {
		t.Errorf("%d distinct comments in %d responses, want at least 300", got, DefaultResponses)
	}
	for _, a := range survey.Areas {
		if got := byArea[a]; got < 30 {
			t.Errorf("%d comments in area %s, want at least 30", got, a)
		}
	}
	if got := byArea[""]; got < 30 {
		t.Errorf("%d comments with no area, want at least 30", got)
	}
	t.Logf("%d comments, %d distinct", total, len(distinct))

	// Across many responses the same sentences come round again, but
	// whole comments mostly do not.
	many := comments(d, Generate(d, 10000, 2))
	seen, all := map[string]bool{}, 0
	for _, cs := range many {
		for _, c := range cs {
			seen[c] = true
			all++
		}
	}
	t.Logf("10,000 responses: %d comments, %d distinct", all, len(seen))
	if got := float64(len(seen)) / float64(all); got < 0.6 {
		t.Errorf("%.2f of comments in 10,000 responses are distinct, want at least 0.6", got)
	}
}

func TestCommentBlankRates(t *testing.T) {
	d := Surveys()[0]
	rs := Generate(d, 4000, 5)
	for _, q := range d.Questions() {
		if q.Type != survey.LongText {
			continue
		}
		shown, answered := 0, 0
		for _, r := range rs {
			if d.Visible(q, r.Answers) {
				shown++
				if _, ok := r.Answers[q.ID]; ok {
					answered++
				}
			}
		}
		blank := 1 - float64(answered)/float64(shown)
		t.Logf("%s: %.2f left blank", q.ID, blank)
		if blank < 0.55 || blank > 0.75 {
			t.Errorf("%s: %.2f left blank, want 0.55 to 0.75", q.ID, blank)
		}
	}
}

func TestCommentsHoldWhatRedactionAndSafeguardingLookFor(t *testing.T) {
	d := Surveys()[0]
	n := 5000
	rs := Generate(d, n, 11)
	text := func(r Response) string {
		var b strings.Builder
		for id, v := range r.Answers {
			if q := d.Question(id); q.Type == survey.LongText {
				b.WriteString(v.Text)
				b.WriteByte('\n')
			}
		}
		return b.String()
	}
	childName := regexp.MustCompile(`(?i)\bmy (son|daughter|lad|boy|girl|grandson|granddaughter) (` + strings.Join(append(boysNames, girlsNames...), "|") + `)\b`)
	staffName := regexp.MustCompile(`(?i)\b(mrs|mr|miss|ms|dr) [a-z]+`)
	phone := regexp.MustCompile(`\b07700 ?900 ?\d{3}\b|\b0191 498 0\d{3}\b|\b0113 496 0\d{3}\b|\+44 7700 900\d{3}`)
	email := regexp.MustCompile(`[a-z0-9._]+@example\.(com|org|net)`)
	safe := regexp.MustCompile(`(?i)can'?t cope|hurting (him|her)self|self harm|cutting|wants to die|better off dead|ending it all|breaking point|don'?t see the point|groomed|left marks|stopped eating|what i might do|going to break|falling apart|run into the road|hits me|bruise`)
	counts := map[string]int{}
	for _, r := range rs {
		s := text(r)
		for name, re := range map[string]*regexp.Regexp{"child name": childName, "staff name": staffName, "phone": phone, "email": email, "safeguarding": safe} {
			if re.MatchString(s) {
				counts[name]++
			}
		}
	}
	for _, tc := range []struct {
		name     string
		min, max float64 // share of responses
	}{
		{"child name", 0.003, 0.08},
		{"staff name", 0.003, 0.1},
		{"phone", 0.001, 0.03},
		{"email", 0.001, 0.03},
		{"safeguarding", 0.005, 0.025},
	} {
		got := float64(counts[tc.name]) / float64(n)
		t.Logf("%s: %d of %d responses", tc.name, counts[tc.name], n)
		if got < tc.min || got > tc.max {
			t.Errorf("%s in %.4f of responses, want %.3f to %.3f", tc.name, got, tc.min, tc.max)
		}
	}
}

func TestCommentsFitTheFamily(t *testing.T) {
	d := Surveys()[0]
	rs := Generate(d, 6000, 13)
	var waiting, waitingWait, post16Adult, post16Adults int
	for _, r := range rs {
		if c, ok := r.Answers["autism_comments"]; ok && r.Answers["autism_assessment"].Text == "waiting" {
			waiting++
			if strings.Contains(strings.ToLower(c.Text), "wait") {
				waitingWait++
			}
		}
		if c, ok := r.Answers["post16_comments"]; ok && r.Answers["child_age"].Text == "16-25" {
			post16Adults++
			if regexp.MustCompile(`(?i)college|18|adult|pip|internship|job|work|day services|housing|19`).MatchString(c.Text) {
				post16Adult++
			}
		}
		if a := r.Answers["child_age"].Text; a == "0-4" || a == "5-10" {
			if _, ok := r.Answers["post16_comments"]; ok {
				t.Fatal("a family of a child under 11 has a post-16 comment")
			}
		}
	}
	if got := float64(waitingWait) / float64(waiting); got < 0.4 {
		t.Errorf("%.2f of autism comments from families still waiting mention waiting, want at least 0.4", got)
	}
	if got := float64(post16Adult) / float64(post16Adults); got < 0.5 {
		t.Errorf("%.2f of post-16 comments for 16-25s mention college, adult life or work, want at least 0.5", got)
	}
}

func TestProfileShares(t *testing.T) {
	d := Surveys()[0]
	rs := Generate(d, 5000, 17)
	count := func(id, value string) float64 {
		n := 0
		for _, r := range rs {
			v := r.Answers[id]
			if v.Text == value || v.Type == survey.MultiChoice && contains(v.Choices, value) {
				n++
			}
		}
		return float64(n) / float64(len(rs))
	}
	for _, tc := range []struct {
		id, value string
		min, max  float64
	}{
		{"child_age", "0-4", 0.05, 0.12},
		{"child_age", "5-10", 0.33, 0.43},
		{"child_age", "11-15", 0.31, 0.41},
		{"child_age", "16-25", 0.14, 0.22},
		{"child_needs", "autism", 0.5, 0.7},
		{"has_ehcp", "yes", 0.4, 0.65},
		{"setting", "special", 0.12, 0.3},
		{"short_breaks", "yes", 0.25, 0.5},
	} {
		if got := count(tc.id, tc.value); got < tc.min || got > tc.max {
			t.Errorf("%s = %s in %.3f of responses, want %.2f to %.2f", tc.id, tc.value, got, tc.min, tc.max)
		}
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestRoundsDiffer(t *testing.T) {
	type stats struct {
		onTime, issued int
		waitSum, waitN float64
	}
	measure := func(d *survey.Definition) stats {
		var s stats
		for _, r := range Generate(d, 5000, 19) {
			switch r.Answers["ehcp_20_weeks"].Text {
			case "yes":
				s.onTime++
				s.issued++
			case "no":
				s.issued++
			}
			if v, ok := r.Answers["autism_wait_months"]; ok {
				s.waitSum += v.Number
				s.waitN++
			}
		}
		return s
	}
	defs := Surveys()
	cur, prev := measure(defs[0]), measure(defs[1])
	curOnTime := float64(cur.onTime) / float64(cur.issued)
	prevOnTime := float64(prev.onTime) / float64(prev.issued)
	if curOnTime-prevOnTime < 0.08 {
		t.Errorf("EHCPs on time: 2026 %.2f, 2025 %.2f, want 2026 at least 0.08 higher", curOnTime, prevOnTime)
	}
	curWait, prevWait := cur.waitSum/cur.waitN, prev.waitSum/prev.waitN
	if curWait-prevWait < 3 {
		t.Errorf("autism wait: 2026 %.1f months, 2025 %.1f, want 2026 at least 3 longer", curWait, prevWait)
	}
	t.Logf("on time %.2f -> %.2f; autism wait %.1f -> %.1f months", prevOnTime, curOnTime, prevWait, curWait)
}

func TestSubmissionsFrontLoaded(t *testing.T) {
	d := Surveys()[0]
	opens, closes := Window(d.Slug)
	rs := Generate(d, 4000, 23)
	firstWeek := 0
	for _, r := range rs {
		if r.SubmittedAt.Sub(opens).Hours() < 7*24 {
			firstWeek++
		}
	}
	weeks := closes.Sub(opens).Hours() / (7 * 24)
	got, even := float64(firstWeek)/float64(len(rs)), 1/weeks
	if got < 1.5*even {
		t.Errorf("%.2f of responses in the first week, want at least %.2f", got, 1.5*even)
	}
}

func BenchmarkGenerate(b *testing.B) {
	d := Surveys()[0]
	for b.Loop() {
		n := 0
		if err := Stream(d, 100_000, 1, func(Response) error {
			n++
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/response")
}
