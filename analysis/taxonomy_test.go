package analysis

import (
	"strings"
	"testing"
)

func TestDefaultTaxonomy(t *testing.T) {
	tax := DefaultTaxonomy()
	wantAreas := map[string]string{
		"education":   "Education",
		"health":      "Health",
		"social_care": "Social care",
		"autism":      "Autism",
		"post16":      "Preparing for adulthood and post-16",
	}
	if got, want := len(tax.Areas), len(wantAreas); got != want {
		t.Fatalf("got %d areas, want %d", got, want)
	}
	for _, a := range tax.Areas {
		if got, want := a.Label, wantAreas[a.ID]; got != want {
			t.Errorf("area %q label = %q, want %q", a.ID, got, want)
		}
	}
	for _, id := range []string{"waiting_times", "communication", "joined_up_working", "staff_training", "information",
		"ehcp_process", "placements", "parent_wellbeing", "transitions", "transport", "praise"} {
		if tax.Theme(id) == nil {
			t.Errorf("theme %q is missing", id)
		}
	}
	for _, e := range append(append([]Entry{}, tax.Areas...), tax.Themes...) {
		if strings.TrimSpace(e.Description) == "" {
			t.Errorf("%q has no description", e.ID)
		}
	}
}

// TestDefaultTaxonomyTermsDistinct keeps the data tidy: a term listed
// twice, or as both a term and a weak term, is a slip that hides which
// weight was meant.
func TestDefaultTaxonomyTermsDistinct(t *testing.T) {
	tax := DefaultTaxonomy()
	for _, e := range append(append([]Entry{}, tax.Areas...), tax.Themes...) {
		seen := map[string]string{}
		for _, l := range []struct {
			name  string
			terms []string
		}{{"terms", e.Terms}, {"weak_terms", e.WeakTerms}} {
			for _, term := range l.terms {
				key := strings.ToLower(term)
				if prev, ok := seen[key]; ok {
					t.Errorf("%q: %q is in %s and %s", e.ID, term, prev, l.name)
				}
				seen[key] = l.name
			}
		}
	}
}

func TestLoadTaxonomyErrors(t *testing.T) {
	areas := func(extra string) string {
		var b strings.Builder
		for i, id := range AreaIDs {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"id":"` + id + `","label":"L","description":"d","terms":["x` + id + `"]` + extra + `}`)
		}
		return b.String()
	}
	tests := []struct {
		name, json, want string
	}{
		{"unknown field", `{"areas":[` + areas(`,"colour":"red"`) + `],"themes":[]}`, `unknown field "colour"`},
		{"trailing data", `{"areas":[` + areas("") + `],"themes":[]} {}`, "unexpected data"},
		{"missing area", `{"areas":[{"id":"education","label":"E","terms":["school"]}],"themes":[]}`, `area "health" is missing`},
		{"unknown area", `{"areas":[` + areas("") + `,{"id":"housing","label":"H","terms":["flat"]}],"themes":[]}`, `area "housing": not one of`},
		{"theme without id", `{"areas":[` + areas("") + `],"themes":[{"label":"T","terms":["a"]}]}`, "theme 1: id is missing"},
		{"bad id", `{"areas":[` + areas("") + `],"themes":[{"id":"Waiting Times","label":"T","terms":["a"]}]}`, `theme "Waiting Times": id must be`},
		{"duplicate id", `{"areas":[` + areas("") + `],"themes":[{"id":"health","label":"T","terms":["a"]}]}`, `theme "health": id already used`},
		{"no label", `{"areas":[` + areas("") + `],"themes":[{"id":"t","terms":["a"]}]}`, `theme "t": label is missing`},
		{"no terms", `{"areas":[` + areas("") + `],"themes":[{"id":"t","label":"T"}]}`, `theme "t": has no terms`},
		{"empty term", `{"areas":[` + areas("") + `],"themes":[{"id":"t","label":"T","terms":["a","  "]}]}`, `theme "t": terms 2 "  ": is empty`},
		{"punctuation term", `{"areas":[` + areas("") + `],"themes":[{"id":"t","label":"T","terms":["a"],"exclusions":["--"]}]}`, `exclusions 1 "--"`},
		{"duplicate term", `{"areas":[` + areas("") + `],"themes":[{"id":"t","label":"T","terms":["wait","Wait"]}]}`, `terms 2 "Wait": listed twice`},
		{"hint to unknown area", `{"areas":[` + areas("") + `],"themes":[{"id":"t","label":"T","terms":["a"],"areas":["housing"]}]}`, `theme "t": areas: "housing"`},
		{"not json", `areas: []`, "taxonomy: invalid character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadTaxonomy(strings.NewReader(tt.json))
			if err == nil {
				t.Fatalf("got no error, want one containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestLoadTaxonomyCustom shows a forum adding a local service by name.
func TestLoadTaxonomyCustom(t *testing.T) {
	tax := DefaultTaxonomy()
	sc := tax.Area("social_care")
	sc.Terms = append(sc.Terms, "Rainbow Club")
	c, err := NewClassifier(tax)
	if err != nil {
		t.Fatal(err)
	}
	got := c.Classify("the Rainbow Club has been a godsend", "")
	if !got.HasArea("social_care") {
		t.Errorf("got areas %v, want social_care from the forum's own term", got.Areas)
	}
	if got := DefaultClassifier().Classify("the Rainbow Club has been a godsend", ""); got.HasArea("social_care") {
		t.Errorf("default classifier found social_care in %v: changing a copy changed the default", got.Areas)
	}
}
