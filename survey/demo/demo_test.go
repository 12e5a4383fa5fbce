package demo

import (
	"bytes"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/survey"
)

func TestDefinitionsParse(t *testing.T) {
	for _, tc := range []struct {
		slug  string
		title string
	}{
		{Slug, "SEND local area survey 2026"},
		{PreviousSlug, "SEND local area survey 2025"},
	} {
		t.Run(tc.slug, func(t *testing.T) {
			src, ok := Source(tc.slug)
			if !ok {
				t.Fatalf("Source(%q) not found", tc.slug)
			}
			d, err := survey.ParseDefinition(bytes.NewReader(src))
			if err != nil {
				t.Fatalf("ParseDefinition: %v", err)
			}
			if got, want := d.Slug, tc.slug; got != want {
				t.Errorf("slug = %q, want %q", got, want)
			}
			if got, want := d.Title, tc.title; got != want {
				t.Errorf("title = %q, want %q", got, want)
			}
			if d.PrivacyNotice == "" {
				t.Error("privacy notice is empty")
			}
			qs := d.Questions()
			if got := len(qs); got < 25 || got > 35 {
				t.Errorf("%d questions, want 25 to 35", got)
			}
			areas := map[survey.Area]int{}
			var equals, anyOf, required, profile, numbers int
			for _, q := range qs {
				areas[q.Area]++
				if q.ShowIf != nil && q.ShowIf.Equals != nil {
					equals++
				}
				if q.ShowIf != nil && len(q.ShowIf.AnyOf) > 0 {
					anyOf++
				}
				if q.Required {
					required++
				}
				if q.Profile {
					profile++
				}
				if q.Type == survey.Number {
					numbers++
				}
			}
			for _, a := range survey.Areas {
				if areas[a] == 0 {
					t.Errorf("no question in area %s", a)
				}
			}
			if equals < 3 || anyOf < 2 {
				t.Errorf("show_if: %d equals and %d any_of, want at least 3 and 2", equals, anyOf)
			}
			if required < 1 || required > 4 {
				t.Errorf("%d required questions, want 1 to 4", required)
			}
			if got, want := profile, 5; got != want {
				t.Errorf("%d profile questions, want %d", got, want)
			}
			if got, want := numbers, 1; got != want {
				t.Errorf("%d number questions, want %d", got, want)
			}
		})
	}
}

func TestRoundsShareQuestions(t *testing.T) {
	defs := Surveys()
	cur, prev := defs[0], defs[1]
	if got, want := cur.Slug, Slug; got != want {
		t.Fatalf("Surveys()[0].Slug = %q, want %q", got, want)
	}
	for _, q := range prev.Questions() {
		c := cur.Question(q.ID)
		if c == nil {
			t.Errorf("%s is in the 2025 round but not the current one", q.ID)
			continue
		}
		if got, want := q.Type, c.Type; got != want {
			t.Errorf("%s: 2025 type %s, current %s", q.ID, got, want)
		}
	}
	if got, want := len(prev.Questions()), len(cur.Questions())-1; got != want {
		t.Errorf("2025 round has %d questions, want %d", got, want)
	}
}

func TestPreviousRoundSlug(t *testing.T) {
	for _, tc := range []struct{ slug, want string }{
		{Slug, PreviousSlug},
		{PreviousSlug, ""},
		{"something-else", ""},
	} {
		if got := PreviousRoundSlug(tc.slug); got != tc.want {
			t.Errorf("PreviousRoundSlug(%q) = %q, want %q", tc.slug, got, tc.want)
		}
	}
}

func TestRounds(t *testing.T) {
	rounds := Rounds()
	if got, want := len(rounds), 2; got != want {
		t.Fatalf("%d rounds, want %d", got, want)
	}
	for _, tc := range []struct {
		r         Round
		slug      string
		responses int
		opens     string
		closes    string
		previous  string
	}{
		{rounds[0], Slug, DefaultResponses, "2026-09-14T08:00:00Z", "2026-10-27T00:00:00Z", PreviousSlug},
		{rounds[1], PreviousSlug, PreviousResponses, "2025-09-15T08:00:00Z", "2025-10-28T00:00:00Z", ""},
	} {
		t.Run(tc.slug, func(t *testing.T) {
			if got := tc.r.Definition.Slug; got != tc.slug {
				t.Errorf("slug = %q, want %q", got, tc.slug)
			}
			if got := tc.r.Responses; got != tc.responses {
				t.Errorf("responses = %d, want %d", got, tc.responses)
			}
			if got := tc.r.Opens.Format(time.RFC3339); got != tc.opens {
				t.Errorf("opens = %s, want %s", got, tc.opens)
			}
			if got := tc.r.Closes.Format(time.RFC3339); got != tc.closes {
				t.Errorf("closes = %s, want %s", got, tc.closes)
			}
			if got := tc.r.Previous; got != tc.previous {
				t.Errorf("previous = %q, want %q", got, tc.previous)
			}
		})
	}
	if DefaultResponses < 400 {
		t.Errorf("DefaultResponses = %d, want at least 400", DefaultResponses)
	}
}

func TestSurveysAreFreshCopies(t *testing.T) {
	a := Surveys()[0]
	a.Sections[0].Questions[0].Text = "changed"
	if got := Surveys()[0].Sections[0].Questions[0].Text; got == "changed" {
		t.Error("a change to one Surveys() result shows in the next")
	}
	if _, ok := Source("nope"); ok {
		t.Error(`Source("nope") found a definition`)
	}
}
