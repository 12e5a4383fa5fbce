package survey_test

import (
	"reflect"
	"testing"

	"github.com/familyvoice/familyvoice/survey"
)

// pageSummary is a Page with question ids, easy to compare and print.
type pageSummary struct {
	Section, Part int
	IDs           []string
}

func summarise(pages []survey.Page) []pageSummary {
	out := make([]pageSummary, len(pages))
	for i, p := range pages {
		out[i] = pageSummary{Section: p.Section, Part: p.Part, IDs: questionIDs(p.Questions)}
	}
	return out
}

func TestPages(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		want  []pageSummary
	}{
		{
			name:  "full example",
			input: readTestdata(t, fullExample),
			want: []pageSummary{
				{0, 0, []string{"child_age", "needs"}},
				{0, 1, []string{"needs_other", "children_count", "postcode_area"}},
				{1, 0, []string{"has_ehcp"}},
				{1, 1, []string{"ehcp_rating"}},
				{1, 2, []string{"ehcp_poor_reason", "weeks_waited"}},
				{2, 0, []string{"uses_short_breaks"}},
				{2, 1, []string{"short_breaks_rating"}},
				{2, 2, []string{"short_breaks_comment"}},
				{3, 0, []string{"post16_plan", "post16_worries"}},
				{4, 0, []string{"autism_support", "health_comment"}},
			},
		},
		{
			name: "no show_if keeps each section whole",
			input: []byte(`{"slug": "abc", "title": "T", "sections": [
				{"id": "one", "title": "One", "questions": [{"id": "a", "type": "yes_no", "text": "A"}, {"id": "b", "type": "yes_no", "text": "B"}]},
				{"id": "two", "title": "Two", "questions": [{"id": "c", "type": "yes_no", "text": "C"}]}]}`),
			want: []pageSummary{{0, 0, []string{"a", "b"}}, {1, 0, []string{"c"}}},
		},
		{
			name: "first question of a section depends on an earlier section",
			input: []byte(`{"slug": "abc", "title": "T", "sections": [
				{"id": "one", "title": "One", "questions": [{"id": "a", "type": "yes_no", "text": "A"}]},
				{"id": "two", "title": "Two", "questions": [{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": "yes"}}, {"id": "c", "type": "yes_no", "text": "C"}]}]}`),
			want: []pageSummary{{0, 0, []string{"a"}}, {1, 0, []string{"b", "c"}}},
		},
		{
			name: "depending on an earlier page of the same section does not split",
			input: []byte(oneSection(
				`{"id": "a", "type": "yes_no", "text": "A"}`,
				`{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": "yes"}}`,
				`{"id": "c", "type": "yes_no", "text": "C", "show_if": {"question": "a", "equals": "no"}}`,
				`{"id": "d", "type": "yes_no", "text": "D", "show_if": {"question": "c", "equals": "no"}}`)),
			want: []pageSummary{{0, 0, []string{"a"}}, {0, 1, []string{"b", "c"}}, {0, 2, []string{"d"}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := mustParse(t, tc.input)
			pages := d.Pages()
			if got := summarise(pages); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			checkPagesCover(t, d, pages)
		})
	}
}

// checkPagesCover checks that the pages hold every question once, in order,
// and that no question depends on another on its own page.
func checkPagesCover(t testing.TB, d *survey.Definition, pages []survey.Page) {
	t.Helper()
	var all []*survey.Question
	for _, p := range pages {
		onPage := map[string]bool{}
		for _, q := range p.Questions {
			if q.ShowIf != nil && onPage[q.ShowIf.Question] {
				t.Errorf("section %d part %d: %s depends on %s on the same page", p.Section, p.Part, q.ID, q.ShowIf.Question)
			}
			onPage[q.ID] = true
		}
		all = append(all, p.Questions...)
	}
	if got, want := questionIDs(all), questionIDs(d.Questions()); !reflect.DeepEqual(got, want) {
		t.Errorf("got questions %v, want %v", got, want)
	}
}

func TestVisibleQuestions(t *testing.T) {
	d := fullDefinition(t)
	pages := d.Pages()
	page := func(section, part int) survey.Page {
		t.Helper()
		for _, p := range pages {
			if p.Section == section && p.Part == part {
				return p
			}
		}
		t.Fatalf("no page %d.%d", section, part)
		return survey.Page{}
	}
	tests := []struct {
		name          string
		section, part int
		json          string
		want          []string
	}{
		{"section with every question hidden", 3, 0, `{"child_age": "0-4"}`, nil},
		{"section hidden before the question it depends on is answered", 3, 0, `{}`, nil},
		{"section partly shown", 3, 0, `{"child_age": "11-16"}`, []string{"post16_worries"}},
		{"section all shown", 3, 0, `{"child_age": "17-25"}`, []string{"post16_plan", "post16_worries"}},
		{"page of one hidden question", 1, 1, `{"has_ehcp": "no"}`, nil},
		{"page of one shown question", 1, 1, `{"has_ehcp": "yes"}`, []string{"ehcp_rating"}},
		{"chain end hidden, sibling shown", 1, 2, `{"has_ehcp": "yes", "ehcp_rating": 5}`, []string{"weeks_waited"}},
		{"chain end shown", 1, 2, `{"has_ehcp": "yes", "ehcp_rating": 1}`, []string{"ehcp_poor_reason", "weeks_waited"}},
		{"chain top hidden hides the whole page", 1, 2, `{"has_ehcp": "no", "ehcp_rating": 1}`, nil},
		{"questions without show_if always shown", 0, 1, `{"needs": ["adhd"]}`, []string{"children_count", "postcode_area"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := parseAnswers(t, d, tc.json)
			got := questionIDs(d.VisibleQuestions(page(tc.section, tc.part), a))
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
