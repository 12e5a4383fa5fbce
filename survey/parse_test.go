package survey_test

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/familyvoice/familyvoice/survey"
)

func ptr[T any](v T) *T { return &v }

func TestParseDefinitionFullExample(t *testing.T) {
	got := fullDefinition(t)
	opts := func(pairs ...string) []survey.Option {
		var o []survey.Option
		for i := 0; i < len(pairs); i += 2 {
			o = append(o, survey.Option{Value: pairs[i], Label: pairs[i+1]})
		}
		return o
	}
	want := &survey.Definition{
		Slug:          "send-local-area",
		Title:         "Your family’s experience of SEND services",
		Description:   "Tell us what works and what does not. It takes about 10 minutes.",
		PrivacyNotice: "We keep your answers safe and never share your name.",
		Sections: []survey.Section{
			{ID: "about", Title: "About your family", Description: "This helps us see patterns across the area.", Questions: []survey.Question{
				{ID: "child_age", Type: survey.SingleChoice, Text: "How old is your child?", Required: true, Profile: true,
					Options: opts("0-4", "0 to 4", "5-10", "5 to 10", "11-16", "11 to 16", "17-25", "17 to 25")},
				{ID: "needs", Type: survey.MultiChoice, Text: "Which needs does your child have?", Hint: "Choose all that apply.", Profile: true,
					Options: opts("autism", "Autism", "adhd", "ADHD", "physical", "Physical disability", "other", "Something else")},
				{ID: "needs_other", Type: survey.ShortText, Text: "What other needs does your child have?", Required: true, MaxLength: 100,
					ShowIf: &survey.Condition{Question: "needs", Equals: ptr(survey.CondValue("other"))}},
				{ID: "children_count", Type: survey.Number, Text: "How many children with SEND live with you?", Min: ptr(1.0), Max: ptr(20.0)},
				{ID: "postcode_area", Type: survey.ShortText, Text: "What is the first half of your postcode?", Hint: "For example, LS6."},
			}},
			{ID: "education", Title: "Education", Questions: []survey.Question{
				{ID: "has_ehcp", Type: survey.YesNo, Text: "Does your child have an education, health and care plan (EHCP)?", Required: true, Area: survey.Education, Profile: true},
				{ID: "ehcp_rating", Type: survey.Scale, Text: "How good is the plan at meeting your child’s needs?", Required: true, Area: survey.Education,
					Scale:  &survey.ScaleRange{Min: 1, Max: 5, MinLabel: "Very poor", MaxLabel: "Very good"},
					ShowIf: &survey.Condition{Question: "has_ehcp", Equals: ptr(survey.CondValue("yes"))}},
				{ID: "ehcp_poor_reason", Type: survey.LongText, Text: "What could be better about the plan?", Area: survey.Education, MaxLength: 2000,
					ShowIf: &survey.Condition{Question: "ehcp_rating", AnyOf: []survey.CondValue{"1", "2"}}},
				{ID: "weeks_waited", Type: survey.Number, Text: "How many weeks did you wait for the plan?", Area: survey.Education, Min: ptr(0.0), Max: ptr(365.0),
					ShowIf: &survey.Condition{Question: "has_ehcp", Equals: ptr(survey.CondValue("yes"))}},
			}},
			{ID: "short-breaks", Title: "Short breaks", Questions: []survey.Question{
				{ID: "uses_short_breaks", Type: survey.YesNo, Text: "Does your family use short breaks?", Area: survey.SocialCare},
				{ID: "short_breaks_rating", Type: survey.Scale, Text: "How happy are you with short breaks?", Required: true, Area: survey.SocialCare,
					Scale:  &survey.ScaleRange{Min: 0, Max: 10},
					ShowIf: &survey.Condition{Question: "uses_short_breaks", Equals: ptr(survey.CondValue("yes"))}},
				{ID: "short_breaks_comment", Type: survey.LongText, Text: "Tell us what went wrong.", Area: survey.SocialCare,
					ShowIf: &survey.Condition{Question: "short_breaks_rating", Equals: ptr(survey.CondValue("0"))}},
			}},
			{ID: "post16", Title: "Preparing for adulthood", Questions: []survey.Question{
				{ID: "post16_plan", Type: survey.YesNo, Text: "Has anyone talked with you about life after school?", Required: true, Area: survey.Post16,
					ShowIf: &survey.Condition{Question: "child_age", AnyOf: []survey.CondValue{"17-25"}}},
				{ID: "post16_worries", Type: survey.MultiChoice, Text: "What worries you about the future?", Area: survey.Post16,
					Options: opts("college", "College or training", "work", "Work", "housing", "Where they will live"),
					ShowIf:  &survey.Condition{Question: "child_age", AnyOf: []survey.CondValue{"11-16", "17-25"}}},
			}},
			{ID: "health", Title: "Health and autism support", Questions: []survey.Question{
				{ID: "autism_support", Type: survey.SingleChoice, Text: "Did you get support while waiting for an assessment?", Required: true, Area: survey.Autism,
					Options: opts("yes", "Yes", "some", "Some", "none", "None"),
					ShowIf:  &survey.Condition{Question: "needs", AnyOf: []survey.CondValue{"autism", "adhd"}}},
				{ID: "health_comment", Type: survey.LongText, Text: "Is there anything else about health services you want to tell us?", Area: survey.Health},
			}},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", got.MarshalIndent(), want.MarshalIndent())
	}
	if err := want.Validate(); err != nil {
		t.Errorf("Validate of the expected definition: %v", err)
	}
}

func TestParseDefinitionValid(t *testing.T) {
	manyOptions := make([]string, survey.MaxOptions)
	for i := range manyOptions {
		manyOptions[i] = fmt.Sprintf(`{"value": "o%d", "label": "Option %d"}`, i, i)
	}
	tests := []struct {
		name  string
		input string
		check func(t *testing.T, d *survey.Definition)
	}{
		{
			name:  "version is accepted and ignored",
			input: `{"version": 7, "slug": "abc", "title": "T", "sections": [{"id": "s", "title": "S", "questions": [{"id": "q", "type": "yes_no", "text": "Q"}]}]}`,
			check: func(t *testing.T, d *survey.Definition) {
				if got, want := d.Slug, "abc"; got != want {
					t.Errorf("got slug %q, want %q", got, want)
				}
			},
		},
		{
			name:  "slug of 64 characters",
			input: strings.Replace(oneSection(`{"id": "q", "type": "yes_no", "text": "Q"}`), "test-survey", strings.Repeat("a", 64), 1),
		},
		{
			name:  "title of 200 multi-byte characters",
			input: strings.Replace(oneSection(`{"id": "q", "type": "yes_no", "text": "Q"}`), `"title": "Test"`, `"title": "`+strings.Repeat("é", 200)+`"`, 1),
			check: func(t *testing.T, d *survey.Definition) {
				if got, want := len(d.Title), 400; got != want {
					t.Errorf("got %d bytes, want %d", got, want)
				}
			},
		},
		{
			name:  "question text of 500 emoji",
			input: oneSection(`{"id": "q", "type": "yes_no", "text": "` + strings.Repeat("👪", 500) + `"}`),
		},
		{
			name:  "fifty options",
			input: oneSection(`{"id": "q", "type": "single_choice", "text": "Q", "options": [` + strings.Join(manyOptions, ",") + `]}`),
		},
		{
			name: "null reads as not given",
			input: oneSection(`{"id": "q", "type": "yes_no", "text": "Q", "hint": null, "options": null, "scale": null, "show_if": null, "max_length": null}`,
				`{"id": "r", "type": "yes_no", "text": "R", "show_if": {"question": "q", "equals": "yes", "any_of": null}}`),
			check: func(t *testing.T, d *survey.Definition) {
				if q := d.Question("q"); q.Options != nil || q.Scale != nil || q.ShowIf != nil {
					t.Errorf("got %+v, want no options, scale or show_if", q)
				}
			},
		},
		{
			name: "numeric equals for a scale",
			input: oneSection(`{"id": "r", "type": "scale", "text": "R", "scale": {"min": -2, "max": 2}}`,
				`{"id": "a", "type": "yes_no", "text": "A", "show_if": {"question": "r", "equals": -2}}`,
				`{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "r", "equals": 2.0}}`,
				`{"id": "c", "type": "yes_no", "text": "C", "show_if": {"question": "r", "any_of": ["1", 0]}}`),
			check: func(t *testing.T, d *survey.Definition) {
				for _, tc := range []struct {
					id   string
					want []string
				}{{"a", []string{"-2"}}, {"b", []string{"2"}}, {"c", []string{"1", "0"}}} {
					if got := d.Question(tc.id).ShowIf.Values(); !reflect.DeepEqual(got, tc.want) {
						t.Errorf("%s: got values %q, want %q", tc.id, got, tc.want)
					}
				}
			},
		},
		{
			name: "show_if on number and text questions",
			input: oneSection(`{"id": "n", "type": "number", "text": "N"}`,
				`{"id": "t", "type": "short_text", "text": "T"}`,
				`{"id": "a", "type": "yes_no", "text": "A", "show_if": {"question": "n", "equals": 2.5}}`,
				`{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "t", "equals": "Leeds"}}`),
		},
		{
			name:  "show_if on a question in an earlier section",
			input: `{"slug": "abc", "title": "T", "sections": [{"id": "one", "title": "One", "questions": [{"id": "a", "type": "yes_no", "text": "A"}]}, {"id": "two", "title": "Two", "questions": [{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": "no"}}]}]}`,
		},
		{
			name:  "max_length 0 means the default",
			input: oneSection(`{"id": "q", "type": "short_text", "text": "Q", "max_length": 0}`),
			check: func(t *testing.T, d *survey.Definition) {
				if got, want := d.Question("q").TextLimit(), survey.DefaultShortTextMax; got != want {
					t.Errorf("got limit %d, want %d", got, want)
				}
			},
		},
		{
			name:  "whitespace around the JSON",
			input: "\n\t " + oneSection(`{"id": "q", "type": "yes_no", "text": "Q"}`) + "\r\n\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := survey.ParseDefinition(strings.NewReader(tc.input))
			if err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			if tc.check != nil {
				tc.check(t, d)
			}
		})
	}
}

func TestParseDefinitionErrors(t *testing.T) {
	yesNo := `{"id": "a", "type": "yes_no", "text": "A"}`
	choice := func(id string, n int) string {
		opts := make([]string, n)
		for i := range opts {
			opts[i] = fmt.Sprintf(`{"value": "v%d", "label": "V%d"}`, i, i)
		}
		return `{"id": "` + id + `", "type": "single_choice", "text": "Q", "options": [` + strings.Join(opts, ",") + `]}`
	}
	const q0 = "sections[0].questions[0]"
	const q1 = "sections[0].questions[1]"
	tests := []struct {
		name  string
		input string
		want  []wantField
	}{
		// Unknown fields, at every level.
		{"unknown top-level field", `{"slug": "abc", "title": "T", "colour": "red", "sections": [{"id": "s", "title": "S", "questions": [` + yesNo + `]}]}`,
			[]wantField{{"colour", "is not a known field"}}},
		{"unknown section field", `{"slug": "abc", "title": "T", "sections": [{"id": "s", "title": "S", "page": 2, "questions": [` + yesNo + `]}]}`,
			[]wantField{{"sections[0].page", "is not a known field"}}},
		{"unknown question field", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "optional": true}`),
			[]wantField{{q1 + ".optional", "is not a known field"}}},
		{"unknown option field", oneSection(`{"id": "a", "type": "single_choice", "text": "A", "options": [{"value": "x", "label": "X"}, {"value": "y", "label": "Y", "score": 1}]}`),
			[]wantField{{q0 + ".options[1].score", "is not a known field"}}},
		{"unknown scale field", oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": 1, "max": 5, "step": 1}}`),
			[]wantField{{q0 + ".scale.step", "is not a known field"}}},
		{"unknown show_if field", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": "yes", "not": true}}`),
			[]wantField{{q1 + ".show_if.not", "is not a known field"}}},
		{"empty key at the top", `{"": 1, "slug": "abc", "title": "T", "sections": [{"id": "s", "title": "S", "questions": [` + yesNo + `]}]}`,
			[]wantField{{`""`, "is not a known field"}}},
		{"empty key in a section", `{"slug": "abc", "title": "T", "sections": [{"": {}, "id": "s", "title": "S", "questions": [` + yesNo + `]}]}`,
			[]wantField{{`sections[0].""`, "is not a known field"}}},
		{"field names are case-sensitive", `{"Slug": "abc", "title": "T", "sections": [{"id": "s", "title": "S", "questions": [` + yesNo + `]}]}`,
			[]wantField{{"Slug", "is not a known field"}}},
		{"unknown fields reported in order", `{"zeta": 1, "alpha": 2, "slug": "abc", "title": "T", "sections": []}`,
			[]wantField{{"alpha", "is not a known field"}, {"zeta", "is not a known field"}, {"sections", "must have at least one section"}}},
		{"duplicate keys", `{"slug": "abc", "slug": "abd", "title": "T", "sections": [{"id": "s", "title": "S", "questions": [
			{"id": "q", "type": "yes_no", "text": "Q", "text": "Q2"}]}]}`,
			[]wantField{{"slug", "appears more than once"}, {"sections[0].questions[0].text", "appears more than once"}}},

		// Values of the wrong JSON type.
		{"definition is not an object", `["send-local-area"]`, []wantField{{"(file)", "must be an object"}}},
		{"definition is null", `null`, []wantField{{"(file)", "must be an object"}}},
		{"slug is a number", `{"slug": 5, "title": "T", "sections": []}`, []wantField{{"slug", "must be a string"}}},
		{"sections is an object", `{"slug": "abc", "title": "T", "sections": {}}`, []wantField{{"sections", "must be a list"}}},
		{"section is a string", `{"slug": "abc", "title": "T", "sections": ["s"]}`, []wantField{{"sections[0]", "must be an object"}}},
		{"section is null", `{"slug": "abc", "title": "T", "sections": [null]}`, []wantField{{"sections[0]", "must be an object"}}},
		{"questions is a string", `{"slug": "abc", "title": "T", "sections": [{"id": "s", "title": "S", "questions": "a"}]}`,
			[]wantField{{"sections[0].questions", "must be a list"}}},
		{"required is a string", oneSection(`{"id": "a", "type": "yes_no", "text": "A", "required": "yes"}`),
			[]wantField{{q0 + ".required", "must be true or false"}}},
		{"profile is a number", oneSection(`{"id": "a", "type": "yes_no", "text": "A", "profile": 1}`),
			[]wantField{{q0 + ".profile", "must be true or false"}}},
		{"option is a string", oneSection(`{"id": "a", "type": "single_choice", "text": "A", "options": ["x", {"value": "y", "label": "Y"}]}`),
			[]wantField{{q0 + ".options[0]", "must be an object"}}},
		{"option value is a number", oneSection(`{"id": "a", "type": "single_choice", "text": "A", "options": [{"value": 1, "label": "One"}, {"value": "2", "label": "Two"}]}`),
			[]wantField{{q0 + ".options[0].value", "must be a string"}}},
		{"max_length is a string", oneSection(`{"id": "a", "type": "short_text", "text": "A", "max_length": "200"}`),
			[]wantField{{q0 + ".max_length", "must be a whole number"}}},
		{"max_length is a fraction", oneSection(`{"id": "a", "type": "short_text", "text": "A", "max_length": 20.5}`),
			[]wantField{{q0 + ".max_length", "must be a whole number"}}},
		{"max_length is huge", oneSection(`{"id": "a", "type": "short_text", "text": "A", "max_length": 1e30}`),
			[]wantField{{q0 + ".max_length", "must be a whole number"}}},
		{"scale is a list", oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": [1, 5]}`),
			[]wantField{{q0 + ".scale", "must be an object"}}},
		{"scale min is a fraction", oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": 1.5, "max": 5}}`),
			[]wantField{{q0 + ".scale.min", "must be a whole number"}}},
		{"scale max is too big for a whole number", oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": 1, "max": 1e40}}`),
			[]wantField{{q0 + ".scale.max", "must be a whole number"}}},
		{"number min is a string", oneSection(`{"id": "a", "type": "number", "text": "A", "min": "0"}`),
			[]wantField{{q0 + ".min", "must be a number"}}},
		{"number max overflows", oneSection(`{"id": "a", "type": "number", "text": "A", "max": 1e400}`),
			[]wantField{{q0 + ".max", "sensible size"}}},
		{"show_if is a string", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "show_if": "a"}`),
			[]wantField{{q1 + ".show_if", "must be an object"}}},
		{"show_if equals is true", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": true}}`),
			[]wantField{{q1 + ".show_if.equals", "must be a string or a number"}}},
		{"show_if equals overflows", oneSection(`{"id": "n", "type": "number", "text": "N"}`, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "n", "equals": -1e999}}`),
			[]wantField{{q1 + ".show_if.equals", "sensible size"}}},
		{"show_if any_of is a string", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "any_of": "yes"}}`),
			[]wantField{{q1 + ".show_if.any_of", "must be a list"}}},
		{"show_if any_of holds an object", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "any_of": ["yes", {}]}}`),
			[]wantField{{q1 + ".show_if.any_of[1]", "must be a string or a number"}}},
		{"show_if question is a number", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": 0, "equals": "yes"}}`),
			[]wantField{{q1 + ".show_if.question", "must be a string"}}},

		// The definition itself.
		{"slug missing", `{"title": "T", "sections": [{"id": "s", "title": "S", "questions": [` + yesNo + `]}]}`,
			[]wantField{{"slug", "is required"}}},
		{"slug too short", strings.Replace(oneSection(yesNo), "test-survey", "ab", 1), []wantField{{"slug", "3 to 64"}}},
		{"slug too long", strings.Replace(oneSection(yesNo), "test-survey", strings.Repeat("a", 65), 1), []wantField{{"slug", "3 to 64"}}},
		{"slug with capitals", strings.Replace(oneSection(yesNo), "test-survey", "SEND-survey", 1), []wantField{{"slug", "lower-case"}}},
		{"slug with underscore", strings.Replace(oneSection(yesNo), "test-survey", "send_survey", 1), []wantField{{"slug", "hyphens"}}},
		{"slug with a space", strings.Replace(oneSection(yesNo), "test-survey", "send survey", 1), []wantField{{"slug", "hyphens"}}},
		{"title missing", `{"slug": "abc", "sections": [{"id": "s", "title": "S", "questions": [` + yesNo + `]}]}`,
			[]wantField{{"title", "is required"}}},
		{"title blank", strings.Replace(oneSection(yesNo), `"title": "Test"`, `"title": "  \t"`, 1), []wantField{{"title", "is required"}}},
		{"title of 201 multi-byte characters", strings.Replace(oneSection(yesNo), `"title": "Test"`, `"title": "`+strings.Repeat("é", 201)+`"`, 1),
			[]wantField{{"title", "must be at most 200 characters (it has 201)"}}},
		{"description too long", strings.Replace(oneSection(yesNo), `"title": "Test"`, `"title": "Test", "description": "`+strings.Repeat("ü", 4001)+`"`, 1),
			[]wantField{{"description", "at most 4000 characters"}}},
		{"no sections", `{"slug": "abc", "title": "T", "sections": []}`, []wantField{{"sections", "at least one section"}}},
		{"sections missing", `{"slug": "abc", "title": "T"}`, []wantField{{"sections", "at least one section"}}},

		// Sections.
		{"section id missing", `{"slug": "abc", "title": "T", "sections": [{"title": "S", "questions": [` + yesNo + `]}]}`,
			[]wantField{{"sections[0].id", "is required"}}},
		{"section id with a space", `{"slug": "abc", "title": "T", "sections": [{"id": "my section", "title": "S", "questions": [` + yesNo + `]}]}`,
			[]wantField{{"sections[0].id", "lower-case"}}},
		{"duplicate section ids", `{"slug": "abc", "title": "T", "sections": [{"id": "s", "title": "S", "questions": [` + yesNo + `]}, {"id": "s", "title": "S2", "questions": [{"id": "b", "type": "yes_no", "text": "B"}]}]}`,
			[]wantField{{"sections[1].id", `"s" is used by an earlier section`}}},
		{"section title missing", `{"slug": "abc", "title": "T", "sections": [{"id": "s", "questions": [` + yesNo + `]}]}`,
			[]wantField{{"sections[0].title", "is required"}}},
		{"section without questions", `{"slug": "abc", "title": "T", "sections": [{"id": "s", "title": "S", "questions": []}]}`,
			[]wantField{{"sections[0].questions", "at least one question"}}},

		// Questions.
		{"question id missing", oneSection(`{"type": "yes_no", "text": "A"}`), []wantField{{q0 + ".id", "is required"}}},
		{"question id with capitals", oneSection(`{"id": "Q1", "type": "yes_no", "text": "A"}`), []wantField{{q0 + ".id", "lower-case"}}},
		{"question id with a hyphen", oneSection(`{"id": "q-1", "type": "yes_no", "text": "A"}`), []wantField{{q0 + ".id", "underscores"}}},
		{"question id too long", oneSection(`{"id": "` + strings.Repeat("q", 65) + `", "type": "yes_no", "text": "A"}`), []wantField{{q0 + ".id", "1 to 64"}}},
		{"duplicate question id in a section", oneSection(yesNo, yesNo), []wantField{{q1 + ".id", `"a" is used by an earlier question`}}},
		{"duplicate question id across sections", `{"slug": "abc", "title": "T", "sections": [{"id": "one", "title": "S", "questions": [` + yesNo + `]}, {"id": "two", "title": "S2", "questions": [{"id": "b", "type": "yes_no", "text": "B"}, ` + yesNo + `]}]}`,
			[]wantField{{"sections[1].questions[1].id", `"a" is used by an earlier question`}}},
		{"type missing", oneSection(`{"id": "a", "text": "A"}`), []wantField{{q0 + ".type", "is required"}}},
		{"unknown type", oneSection(`{"id": "a", "type": "date", "text": "A"}`), []wantField{{q0 + ".type", `"date" is not a question type`}}},
		{"type in capitals", oneSection(`{"id": "a", "type": "YES_NO", "text": "A"}`), []wantField{{q0 + ".type", "is not a question type"}}},
		{"text missing", oneSection(`{"id": "a", "type": "yes_no"}`), []wantField{{q0 + ".text", "is required"}}},
		{"text of 501 characters", oneSection(`{"id": "a", "type": "yes_no", "text": "` + strings.Repeat("ß", 501) + `"}`),
			[]wantField{{q0 + ".text", "at most 500 characters (it has 501)"}}},
		{"hint too long", oneSection(`{"id": "a", "type": "yes_no", "text": "A", "hint": "` + strings.Repeat("x", 1001) + `"}`),
			[]wantField{{q0 + ".hint", "at most 1000 characters"}}},
		{"unknown area", oneSection(`{"id": "a", "type": "yes_no", "text": "A", "area": "transport"}`),
			[]wantField{{q0 + ".area", `"transport" is not a service area`}}},

		// Options.
		{"options on a yes_no question", oneSection(`{"id": "a", "type": "yes_no", "text": "A", "options": [{"value": "x", "label": "X"}, {"value": "y", "label": "Y"}]}`),
			[]wantField{{q0 + ".options", "only for single_choice and multi_choice"}}},
		{"empty options on a text question", oneSection(`{"id": "a", "type": "short_text", "text": "A", "options": []}`),
			[]wantField{{q0 + ".options", "only for single_choice and multi_choice"}}},
		{"choice without options", oneSection(`{"id": "a", "type": "multi_choice", "text": "A"}`),
			[]wantField{{q0 + ".options", "at least 2 options"}}},
		{"one option", oneSection(choice("a", 1)), []wantField{{q0 + ".options", "at least 2 options"}}},
		{"fifty-one options", oneSection(choice("a", 51)), []wantField{{q0 + ".options", "at most 50 options (it has 51)"}}},
		{"duplicate option values", oneSection(`{"id": "a", "type": "multi_choice", "text": "A", "options": [{"value": "x", "label": "X"}, {"value": "y", "label": "Y"}, {"value": "x", "label": "X again"}]}`),
			[]wantField{{q0 + ".options[2].value", `"x" is used by an earlier option`}}},
		{"option value missing", oneSection(`{"id": "a", "type": "single_choice", "text": "A", "options": [{"label": "X"}, {"value": "y", "label": "Y"}]}`),
			[]wantField{{q0 + ".options[0].value", "is required"}}},
		{"option value with a semicolon", oneSection(`{"id": "a", "type": "single_choice", "text": "A", "options": [{"value": "x;y", "label": "X"}, {"value": "y", "label": "Y"}]}`),
			[]wantField{{q0 + ".options[0].value", "';'"}}},
		{"option value with surrounding space", oneSection(`{"id": "a", "type": "single_choice", "text": "A", "options": [{"value": "x ", "label": "X"}, {"value": "y", "label": "Y"}]}`),
			[]wantField{{q0 + ".options[0].value", "space"}}},
		{"option label missing", oneSection(`{"id": "a", "type": "single_choice", "text": "A", "options": [{"value": "x", "label": "X"}, {"value": "y"}]}`),
			[]wantField{{q0 + ".options[1].label", "is required"}}},

		// Text limits.
		{"max_length on a choice question", oneSection(`{"id": "a", "type": "single_choice", "text": "A", "max_length": 10, "options": [{"value": "x", "label": "X"}, {"value": "y", "label": "Y"}]}`),
			[]wantField{{q0 + ".max_length", "only for short_text and long_text"}}},
		{"max_length on a number question", oneSection(`{"id": "a", "type": "number", "text": "A", "max_length": 10}`),
			[]wantField{{q0 + ".max_length", "only for short_text and long_text"}}},
		{"max_length too big", oneSection(`{"id": "a", "type": "long_text", "text": "A", "max_length": 10001}`),
			[]wantField{{q0 + ".max_length", "between 1 and 10000"}}},
		{"max_length negative", oneSection(`{"id": "a", "type": "short_text", "text": "A", "max_length": -1}`),
			[]wantField{{q0 + ".max_length", "between 1 and 10000"}}},

		// Scales and numbers.
		{"scale missing", oneSection(`{"id": "a", "type": "scale", "text": "A"}`), []wantField{{q0 + ".scale", "is required"}}},
		{"scale max equals min", oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": 3, "max": 3}}`),
			[]wantField{{q0 + ".scale.max", "greater than scale.min"}}},
		{"scale max below min", oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": 5, "max": 1}}`),
			[]wantField{{q0 + ".scale.max", "greater than scale.min"}}},
		{"scale of twelve points", oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": 0, "max": 11}}`),
			[]wantField{{q0 + ".scale.max", "at most 11 points"}}},
		{"scale so wide it overflows", oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": -5000000000000000000, "max": 5000000000000000000}}`),
			[]wantField{{q0 + ".scale.max", "at most 11 points"}}},
		{"scale label too long", oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": 1, "max": 5, "min_label": "` + strings.Repeat("é", 101) + `"}}`),
			[]wantField{{q0 + ".scale.min_label", "at most 100 characters"}}},
		{"scale on a number question", oneSection(`{"id": "a", "type": "number", "text": "A", "scale": {"min": 1, "max": 5}}`),
			[]wantField{{q0 + ".scale", "only for scale questions"}}},
		{"min and max on a scale question", oneSection(`{"id": "a", "type": "scale", "text": "A", "min": 1, "max": 5, "scale": {"min": 1, "max": 5}}`),
			[]wantField{{q0 + ".min", "only for number questions"}, {q0 + ".max", "only for number questions"}}},
		{"number min above max", oneSection(`{"id": "a", "type": "number", "text": "A", "min": 10, "max": 1}`),
			[]wantField{{q0 + ".max", "must not be less than min"}}},

		// show_if.
		{"show_if to a later question", oneSection(`{"id": "a", "type": "yes_no", "text": "A", "show_if": {"question": "b", "equals": "yes"}}`, `{"id": "b", "type": "yes_no", "text": "B"}`),
			[]wantField{{q0 + ".show_if.question", `"b" is not an earlier question`}}},
		{"show_if to a question in a later section", `{"slug": "abc", "title": "T", "sections": [{"id": "one", "title": "S", "questions": [{"id": "a", "type": "yes_no", "text": "A", "show_if": {"question": "b", "equals": "yes"}}]}, {"id": "two", "title": "S2", "questions": [{"id": "b", "type": "yes_no", "text": "B"}]}]}`,
			[]wantField{{q0 + ".show_if.question", `"b" is not an earlier question`}}},
		{"show_if to itself", oneSection(`{"id": "a", "type": "yes_no", "text": "A", "show_if": {"question": "a", "equals": "yes"}}`),
			[]wantField{{q0 + ".show_if.question", "cannot depend on itself"}}},
		{"show_if to an unknown question", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "x", "equals": "yes"}}`),
			[]wantField{{q1 + ".show_if.question", `"x" is not an earlier question`}}},
		{"show_if without a question", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"equals": "yes"}}`),
			[]wantField{{q1 + ".show_if.question", "is required"}}},
		{"show_if with equals and any_of", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": "yes", "any_of": ["no"]}}`),
			[]wantField{{q1 + ".show_if", "not both"}}},
		{"show_if with neither equals nor any_of", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a"}}`),
			[]wantField{{q1 + ".show_if", "give equals or a non-empty any_of"}}},
		{"show_if with an empty any_of", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "any_of": []}}`),
			[]wantField{{q1 + ".show_if", "give equals or a non-empty any_of"}}},
		{"show_if equals not an option", oneSection(choice("a", 3), `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": "v9"}}`),
			[]wantField{{q1 + ".show_if.equals", `"v9" is not an option of question "a"`}}},
		{"show_if equals a label, not a value", oneSection(choice("a", 3), `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": "V1"}}`),
			[]wantField{{q1 + ".show_if.equals", `"V1" is not an option of question "a"`}}},
		{"show_if yes_no in capitals", oneSection(yesNo, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": "Yes"}}`),
			[]wantField{{q1 + ".show_if.equals", `"Yes" is not an option of question "a"`}}},
		{"show_if any_of with one bad value", oneSection(choice("a", 3), `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "any_of": ["v0", "v7", "v2"]}}`),
			[]wantField{{q1 + ".show_if.any_of[1]", `"v7" is not an option of question "a"`}}},
		{"show_if number on a choice question", oneSection(choice("a", 3), `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": 1}}`),
			[]wantField{{q1 + ".show_if.equals", `"1" is not an option of question "a"`}}},
		{"show_if off the scale", oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": 1, "max": 5}}`, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": 6}}`),
			[]wantField{{q1 + ".show_if.equals", `"6" is not a point on the scale of question "a"`}}},
		{"show_if between scale points", oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": 1, "max": 5}}`, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "any_of": [2.5]}}`),
			[]wantField{{q1 + ".show_if.any_of[0]", "is not a point on the scale"}}},
		{"show_if word on a scale", oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": 1, "max": 5}}`, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": "good"}}`),
			[]wantField{{q1 + ".show_if.equals", "is not a point on the scale"}}},
		{"show_if word on a number", oneSection(`{"id": "a", "type": "number", "text": "A"}`, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": "many"}}`),
			[]wantField{{q1 + ".show_if.equals", `"many" is not a number`}}},
		{"show_if NaN on a number", oneSection(`{"id": "a", "type": "number", "text": "A"}`, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": "NaN"}}`),
			[]wantField{{q1 + ".show_if.equals", `"NaN" is not a number`}}},
		{"show_if blank on text", oneSection(`{"id": "a", "type": "short_text", "text": "A"}`, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": " "}}`),
			[]wantField{{q1 + ".show_if.equals", "must not be blank"}}},

		// Several problems at once, in survey order.
		{"every problem at once", `{"slug": "A", "sections": [
			{"id": "s", "title": "S", "questions": [
				{"id": "a", "type": "yes_no", "text": "A", "show_if": {"question": "b", "equals": "yes"}},
				{"id": "a", "type": "scale", "text": "B"}]},
			{"id": "s", "title": "", "questions": [
				{"id": "c", "type": "single_choice", "text": "C", "options": [{"value": "x", "label": "X"}]},
				{"id": "d", "type": "number", "text": "D", "min": 2, "max": 1, "show_if": {"question": "c", "equals": "y"}}]}]}`,
			[]wantField{
				{"slug", "lower-case"},
				{"title", "is required"},
				{"sections[0].questions[0].show_if.question", `"b" is not an earlier question`},
				{"sections[0].questions[1].scale", "is required"},
				{"sections[0].questions[1].id", `"a" is used by an earlier question`},
				{"sections[1].id", `"s" is used by an earlier section`},
				{"sections[1].title", "is required"},
				{"sections[1].questions[0].options", "at least 2 options"},
				{"sections[1].questions[1].max", "must not be less than min"},
				{"sections[1].questions[1].show_if.equals", `"y" is not an option of question "c"`},
			}},
		{"every shape problem at once", `{"slug": 1, "title": "T", "sections": [{"id": "s", "title": "S", "questions": [{"id": "a", "type": "yes_no", "text": "A", "required": "no", "colour": "red"}]}, {"id": 2}]}`,
			[]wantField{
				{"sections[0].questions[0].colour", "is not a known field"},
				{"sections[0].questions[0].required", "must be true or false"},
				{"sections[1].id", "must be a string"},
				{"slug", "must be a string"},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := survey.ParseDefinition(strings.NewReader(tc.input))
			checkFieldErrors(t, fieldErrors(t, err), tc.want)
		})
	}
}

func TestParseDefinitionNotJSON(t *testing.T) {
	valid := oneSection(`{"id": "a", "type": "yes_no", "text": "A"}`)
	tests := []struct {
		name  string
		input string
		want  string // the start of the (file) message
	}{
		{"empty", "", ""},
		{"only space", " \n\t", ""},
		{"cut short", `{"slug": "abc", "title": `, ""},
		{"bad value with line and column", "{\n  \"slug\": x\n}", "line 2, column 11:"},
		{"missing comma", "{\n  \"slug\": \"abc\"\n  \"title\": \"T\"\n}", "line 3, column 3:"},
		{"column counts characters", "{\"title\": \"€€\" x}", "line 1, column 16:"},
		{"trailing comma", "{\n\"slug\": \"abc\",\n}", "line 3, column 1:"},
		{"single quotes", `{'slug': 'abc'}`, "line 1, column 2:"},
		{"second value", valid + "\n{}", "line 2, column 1:"},
		{"trailing garbage", valid + " x", "line 1, column " + fmt.Sprint(len(valid)+2) + ":"},
		{"stray closing brace", valid + "}", "line 1, column " + fmt.Sprint(len(valid)+1) + ":"},
		{"stray closing bracket", valid + "\n]", "line 2, column 1:"},
		{"byte order mark", "\ufeff" + valid, "line 1, column 1:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := survey.ParseDefinition(strings.NewReader(tc.input))
			fields := fieldErrors(t, err)
			if len(fields) != 1 {
				t.Fatalf("got %d errors, want 1: %v", len(fields), survey.FieldErrors(fields))
			}
			if got, want := fields[0].Field, "(file)"; got != want {
				t.Errorf("got field %q, want %q", got, want)
			}
			if got := fields[0].Message; got == "" || !strings.HasPrefix(got, tc.want) {
				t.Errorf("got message %q, want it to start %q", got, tc.want)
			}
		})
	}
}

func TestParseDefinitionTooLarge(t *testing.T) {
	big := oneSection(`{"id": "a", "type": "yes_no", "text": "A"}`)
	big += strings.Repeat(" ", survey.MaxDefinitionBytes+1-len(big))
	_, err := survey.ParseDefinition(strings.NewReader(big))
	checkFieldErrors(t, fieldErrors(t, err), []wantField{{"(file)", "at most"}})
}

func TestParseDefinitionReadError(t *testing.T) {
	_, err := survey.ParseDefinition(iotest.ErrReader(fmt.Errorf("disk on fire")))
	if err == nil {
		t.Fatal("got no error, want one")
	}
	if got, want := survey.ErrorCode(err), survey.EInternal; got != want {
		t.Errorf("got code %q, want %q", got, want)
	}
}

func TestMarshalIndentRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
	}{
		{"full example", readTestdata(t, fullExample)},
		{"zero bounds kept", []byte(oneSection(
			`{"id": "n", "type": "number", "text": "N", "min": 0, "max": 0}`,
			`{"id": "s", "type": "scale", "text": "S", "scale": {"min": -10, "max": 0}}`,
			`{"id": "t", "type": "short_text", "text": "<b>&amp;</b> \"quoted\" \u2028 👪", "show_if": {"question": "s", "equals": 0}}`,
			`{"id": "u", "type": "yes_no", "text": "U", "show_if": {"question": "n", "any_of": [0.5, "-1e3"]}}`))},
		{"version dropped", []byte(strings.Replace(oneSection(`{"id": "a", "type": "yes_no", "text": "A"}`), `{"slug"`, `{"version": 12, "slug"`, 1))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := mustParse(t, tc.input)
			out := d.MarshalIndent()
			again := mustParse(t, out)
			if !reflect.DeepEqual(again, d) {
				t.Errorf("got\n%s\nwant\n%s", again.MarshalIndent(), out)
			}
			if got := again.MarshalIndent(); !bytes.Equal(got, out) {
				t.Errorf("second export differs:\ngot\n%s\nwant\n%s", got, out)
			}
			if bytes.Contains(out, []byte(`"version"`)) {
				t.Errorf("got version in the export, want it dropped:\n%s", out)
			}
		})
	}
}

func TestValidateBuiltInGo(t *testing.T) {
	// Definitions built in code, as the designer does, go through the same
	// rules as parsed ones.
	sections := func(n int) []survey.Section {
		ss := make([]survey.Section, n)
		for i := range ss {
			ss[i] = survey.Section{ID: fmt.Sprintf("s%d", i), Title: "S", Questions: []survey.Question{{ID: fmt.Sprintf("q%d", i), Type: survey.YesNo, Text: "Q"}}}
		}
		return ss
	}
	tests := []struct {
		name string
		d    survey.Definition
		want []wantField
	}{
		{"empty", survey.Definition{}, []wantField{{"slug", "is required"}, {"title", "is required"}, {"sections", "at least one section"}}},
		{"number bound is infinite", survey.Definition{Slug: "abc", Title: "T", Sections: []survey.Section{{ID: "s", Title: "S", Questions: []survey.Question{
			{ID: "n", Type: survey.Number, Text: "N", Min: ptr(math.Inf(-1))},
		}}}}, []wantField{{"sections[0].questions[0].min", "finite"}}},
		{"empty options on a yes_no question", survey.Definition{Slug: "abc", Title: "T", Sections: []survey.Section{{ID: "s", Title: "S", Questions: []survey.Question{
			{ID: "n", Type: survey.YesNo, Text: "N", Options: []survey.Option{}},
		}}}}, []wantField{{"sections[0].questions[0].options", "only for single_choice and multi_choice"}}},
		{"too many sections", survey.Definition{Slug: "abc", Title: "T", Sections: sections(survey.MaxSections + 1)},
			[]wantField{{"sections", "at most 50 sections"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkFieldErrors(t, fieldErrors(t, tc.d.Validate()), tc.want)
		})
	}
}

func TestValidateTooManyQuestions(t *testing.T) {
	qs := make([]string, survey.MaxQuestions+1)
	for i := range qs {
		qs[i] = fmt.Sprintf(`{"id": "q%d", "type": "yes_no", "text": "Q"}`, i)
	}
	tests := []struct {
		name string
		n    int
		want []wantField
	}{
		{"at the limit", survey.MaxQuestions, nil},
		{"over the limit", survey.MaxQuestions + 1, []wantField{{"sections", "at most 300 questions in all (it has 301)"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := survey.ParseDefinition(strings.NewReader(oneSection(qs[:tc.n]...)))
			if tc.want == nil {
				if err != nil {
					t.Fatalf("got error %v, want none", err)
				}
				return
			}
			checkFieldErrors(t, fieldErrors(t, err), tc.want)
		})
	}
}
