package survey_test

import (
	"encoding/json"
	"errors"
	"maps"
	"reflect"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey"
)

func TestParseJSONAnswers(t *testing.T) {
	d := fullDefinition(t)
	tests := []struct {
		name string
		json string
		want survey.Answers
		errs []wantField
	}{
		{
			name: "every type",
			json: `{"child_age": "5-10", "needs": ["autism", "other"], "needs_other": "Dyslexia", "children_count": 2.5,
				"has_ehcp": "yes", "ehcp_rating": 2, "ehcp_poor_reason": "Line one\nLine two"}`,
			want: survey.Answers{
				"child_age":        survey.TextValue(survey.SingleChoice, "5-10"),
				"needs":            survey.ChoicesValue("autism", "other"),
				"needs_other":      survey.TextValue(survey.ShortText, "Dyslexia"),
				"children_count":   survey.NumberValue(survey.Number, 2.5),
				"has_ehcp":         survey.TextValue(survey.YesNo, "yes"),
				"ehcp_rating":      survey.NumberValue(survey.Scale, 2),
				"ehcp_poor_reason": survey.TextValue(survey.LongText, "Line one\nLine two"),
			},
		},
		{
			name: "null is unanswered",
			json: `{"child_age": null, "needs": null, "ehcp_rating": null, "children_count": null, "has_ehcp": "no"}`,
			want: survey.Answers{"has_ehcp": survey.TextValue(survey.YesNo, "no")},
		},
		{
			name: "empty values are kept as blank answers",
			json: `{"postcode_area": "", "needs": []}`,
			want: survey.Answers{
				"postcode_area": survey.TextValue(survey.ShortText, ""),
				"needs":         {Type: survey.MultiChoice, Choices: []string{}},
			},
		},
		{
			name: "scale written as a whole float",
			json: `{"ehcp_rating": 3.0, "short_breaks_rating": 1e1}`,
			want: survey.Answers{"ehcp_rating": survey.NumberValue(survey.Scale, 3), "short_breaks_rating": survey.NumberValue(survey.Scale, 10)},
		},
		{
			name: "unknown questions",
			json: `{"zeta": 1, "has_ehcp": "yes", "alpha": "x"}`,
			want: survey.Answers{"has_ehcp": survey.TextValue(survey.YesNo, "yes")},
			errs: []wantField{{"alpha", "is not a question in this survey"}, {"zeta", "is not a question in this survey"}},
		},
		{
			name: "empty question id",
			json: `{"": "x"}`,
			want: survey.Answers{},
			errs: []wantField{{"", "is not a question in this survey"}},
		},
		{name: "short_text given a number", json: `{"postcode_area": 6}`, want: survey.Answers{}, errs: []wantField{{"postcode_area", "must be text"}}},
		{name: "long_text given a list", json: `{"health_comment": ["a"]}`, want: survey.Answers{}, errs: []wantField{{"health_comment", "must be text"}}},
		{name: "single_choice given a list", json: `{"child_age": ["5-10"]}`, want: survey.Answers{}, errs: []wantField{{"child_age", "must be text"}}},
		{name: "yes_no given true", json: `{"has_ehcp": true}`, want: survey.Answers{}, errs: []wantField{{"has_ehcp", "must be text"}}},
		{name: "multi_choice given a string", json: `{"needs": "autism"}`, want: survey.Answers{}, errs: []wantField{{"needs", "must be a list of option values"}}},
		{name: "multi_choice given numbers", json: `{"needs": [1, 2]}`, want: survey.Answers{}, errs: []wantField{{"needs", "must be a list of option values"}}},
		{name: "multi_choice with null inside", json: `{"needs": ["physical", null]}`, want: survey.Answers{}, errs: []wantField{{"needs", "must be a list of option values"}}},
		{name: "multi_choice given an object", json: `{"needs": {"autism": true}}`, want: survey.Answers{}, errs: []wantField{{"needs", "must be a list of option values"}}},
		{name: "scale given a fraction", json: `{"ehcp_rating": 2.5}`, want: survey.Answers{}, errs: []wantField{{"ehcp_rating", "must be a whole number"}}},
		{name: "scale given a string", json: `{"ehcp_rating": "3"}`, want: survey.Answers{}, errs: []wantField{{"ehcp_rating", "must be a whole number"}}},
		{name: "scale given a bool", json: `{"ehcp_rating": true}`, want: survey.Answers{}, errs: []wantField{{"ehcp_rating", "must be a whole number"}}},
		{name: "number given a string", json: `{"children_count": "2"}`, want: survey.Answers{}, errs: []wantField{{"children_count", "must be a number"}}},
		{name: "number given a list", json: `{"children_count": [2]}`, want: survey.Answers{}, errs: []wantField{{"children_count", "must be a number"}}},
		{name: "number too big for a float", json: `{"children_count": 1e400}`, want: survey.Answers{}, errs: []wantField{{"children_count", "must be a number"}}},
		{
			name: "every problem at once, by question id",
			json: `{"needs": "autism", "has_ehcp": false, "ehcp_rating": 4.5, "child_age": "0-4", "nope": 1}`,
			want: survey.Answers{"child_age": survey.TextValue(survey.SingleChoice, "0-4")},
			errs: []wantField{
				{"ehcp_rating", "must be a whole number"},
				{"has_ehcp", "must be text"},
				{"needs", "must be a list"},
				{"nope", "is not a question"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, errs, err := d.ParseJSONAnswers([]byte(tc.json))
			if err != nil {
				t.Fatalf("test JSON: %v", err)
			}
			checkFieldErrors(t, errs, tc.errs)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %#v, want %#v", got, tc.want)
			}
		})
	}
}

func TestParseJSONAnswersRefusesAllButOneJSONObject(t *testing.T) {
	d := fullDefinition(t)
	tests := []struct {
		name, json string
		ok         bool
	}{
		{"object", ` {"a": 1, "b": [1, "x"], "c": {"d": null}} `, true},
		{"empty object", `{}`, true},
		{"escapes", `{"a\u0062": "\"\\\/\b\f\n\r\t\u00e9"}`, true},
		{"array", `[1]`, false},
		{"null", `null`, false},
		{"string", `"x"`, false},
		{"trailing value", `{"a": 1} {"b": 2}`, false},
		{"trailing garbage", `{"a": 1}x`, false},
		{"truncated", `{"a": `, false},
		{"empty", ``, false},
		{"number with two minus signs", `{"a": --1}`, false},
		{"number with a leading zero", `{"a": 01}`, false},
		{"number without digits after the point", `{"a": 1.}`, false},
		{"NaN", `{"a": NaN}`, false},
		{"Infinity", `{"a": -Infinity}`, false},
		{"line breaks and tabs between tokens", "{\n\t\"a\": 1,\r\n\t\"b\": \"x\"\n}", true},
		{"raw tab in a string", "{\"a\": \"x\ty\"}", false},
		{"raw tab in a string of an indented body", "{\n\t\"a\": \"x\ty\"\n}", false},
		{"raw newline in a key", "{\"a\nb\": 1}", false},
		{"unknown escape", `{"a": "\x41"}`, false},
		{"short unicode escape", `{"a": "\u12"}`, false},
		{"single quotes", `{'a': 1}`, false},
		{"trailing comma", `{"a": 1,}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := d.ParseJSONAnswers([]byte(tc.json))
			if got := err == nil; got != tc.ok {
				t.Errorf("ParseJSONAnswers(%q) error %v, want ok %v", tc.json, err, tc.ok)
			}
		})
	}
}

func TestParseJSONSubmission(t *testing.T) {
	d := fullDefinition(t)
	tests := []struct {
		name, body string
		want       survey.Answers
		errs       []wantField
		shape      *survey.BodyError // nil when the body has the right shape
		notObject  bool
	}{
		{name: "answers", body: `{"answers": {"child_age": "5-10", "has_ehcp": null}}`,
			want: survey.Answers{"child_age": survey.TextValue(survey.SingleChoice, "5-10")}},
		{name: "a question given twice takes the last value", body: `{"answers": {"child_age": "5-10", "child_age": "0-4"}}`,
			want: survey.Answers{"child_age": survey.TextValue(survey.SingleChoice, "0-4")}},
		{name: "a later null unanswers", body: `{"answers": {"child_age": "5-10", "child_age": null}}`,
			want: survey.Answers{}},
		{name: "text that is not UTF-8 is mended", body: "{\"answers\": {\"needs_other\": \"a\xffb\"}}",
			want: survey.Answers{"needs_other": survey.TextValue(survey.ShortText, "a\uFFFDb")}},
		{name: "unknown top-level field", body: `{"answers": {}, "extra": 1}`,
			want: survey.Answers{}, errs: []wantField{{"extra", "is not a known field"}}},
		{name: "wrong types", body: `{"answers": {"children_count": "2", "needs": ["autism", 3], "nope": 1}}`,
			want: survey.Answers{}, errs: []wantField{{"children_count", "must be a number"}, {"needs", "must be a list"}, {"nope", "is not a question"}}},
		{name: "no answers", body: `{}`, shape: &survey.BodyError{Field: "answers", Message: "is required"}},
		{name: "answers not an object", body: `{"answers": []}`, shape: &survey.BodyError{Field: "answers", Message: "must be an object of question ids and answers"}},
		{name: "answers null", body: `{"answers": null}`, shape: &survey.BodyError{Field: "answers", Message: "must be an object of question ids and answers"}},
		{name: "not an object", body: `[{"answers": {}}]`, notObject: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, errs, err := d.ParseJSONSubmission([]byte(tc.body))
			var shape *survey.BodyError
			switch {
			case tc.notObject:
				if !errors.Is(err, survey.ErrNotJSONObject) {
					t.Fatalf("got error %v, want ErrNotJSONObject", err)
				}
				return
			case tc.shape != nil:
				if !errors.As(err, &shape) || *shape != *tc.shape {
					t.Fatalf("got error %v, want %v", err, tc.shape)
				}
				return
			case err != nil:
				t.Fatalf("ParseJSONSubmission: %v", err)
			}
			checkFieldErrors(t, errs, tc.errs)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %#v, want %#v", got, tc.want)
			}
		})
	}
}

func TestParseJSONAnswersNumbers(t *testing.T) {
	// Numbers are decoded per question, so one out of range names its
	// question and the others still parse.
	d := fullDefinition(t)
	got, errs, err := d.ParseJSONAnswers([]byte(`{"weeks_waited": 1e400, "ehcp_rating": 4, "children_count": 2.0}`))
	if err != nil {
		t.Fatal(err)
	}
	checkFieldErrors(t, errs, []wantField{{"weeks_waited", "must be a number"}})
	want := survey.Answers{"ehcp_rating": survey.NumberValue(survey.Scale, 4), "children_count": survey.NumberValue(survey.Number, 2)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

// base is the smallest complete set of answers to the full example.
const base = `"child_age": "5-10", "has_ehcp": "no"`

func TestValidateAnswers(t *testing.T) {
	d := fullDefinition(t)
	tests := []struct {
		name string
		json string
		want []wantField
	}{
		{"smallest complete set", `{` + base + `}`, nil},
		{"everything shown and answered", `{"child_age": "17-25", "needs": ["adhd", "other"], "needs_other": "Hearing", "children_count": 3, "postcode_area": "LS6",
			"has_ehcp": "yes", "ehcp_rating": 1, "ehcp_poor_reason": "Late", "weeks_waited": 40,
			"uses_short_breaks": "yes", "short_breaks_rating": 0, "short_breaks_comment": "Cancelled",
			"post16_plan": "no", "post16_worries": ["work", "housing"], "autism_support": "some", "health_comment": "Fine"}`, nil},
		{"nothing answered", `{}`, []wantField{{"child_age", "is required"}, {"has_ehcp", "is required"}}},

		// Required questions.
		{"blank single choice is unanswered", `{"child_age": "", "has_ehcp": "no"}`, []wantField{{"child_age", "is required"}}},
		{"blank text is unanswered", `{` + base + `, "needs": ["other"], "needs_other": "  \n\t "}`, []wantField{{"needs_other", "is required"}}},
		{"empty choice list is unanswered", `{` + base + `, "needs": [], "needs_other": "x"}`, []wantField{{"needs_other", "must not be answered"}}},
		{"required question hidden needs no answer", `{` + base + `, "uses_short_breaks": "no"}`, nil},
		{"required question shown needs an answer", `{` + base + `, "uses_short_breaks": "yes"}`, []wantField{{"short_breaks_rating", "is required"}}},
		{"null answer to a required question", `{"child_age": null, "has_ehcp": "no"}`, []wantField{{"child_age", "is required"}}},

		// Answers to hidden questions.
		{"answer hidden by yes_no", `{` + base + `, "ehcp_rating": 3}`, []wantField{{"ehcp_rating", "is hidden by the answer to has_ehcp"}}},
		{"answer hidden when the question it depends on is unanswered", `{"child_age": "5-10", "has_ehcp": "no", "short_breaks_rating": 5}`,
			[]wantField{{"short_breaks_rating", "is hidden by the answer to uses_short_breaks"}}},
		{"blank answer to a hidden question is fine", `{` + base + `, "ehcp_poor_reason": "   ", "post16_worries": []}`, nil},
		{"chain shown", `{"child_age": "5-10", "has_ehcp": "yes", "ehcp_rating": 2, "ehcp_poor_reason": "Slow"}`, nil},
		{"chain hidden at the middle", `{"child_age": "5-10", "has_ehcp": "yes", "ehcp_rating": 4, "ehcp_poor_reason": "Slow"}`,
			[]wantField{{"ehcp_poor_reason", "is hidden by the answer to ehcp_rating"}}},
		{"chain hidden at the top hides the end", `{"child_age": "5-10", "has_ehcp": "no", "ehcp_rating": 1, "ehcp_poor_reason": "Slow"}`,
			[]wantField{{"ehcp_rating", "is hidden by the answer to has_ehcp"}, {"ehcp_poor_reason", "must not be answered"}}},
		{"chain end hidden when the top is unanswered", `{"child_age": "5-10", "ehcp_rating": 1, "ehcp_poor_reason": "Slow"}`,
			[]wantField{{"has_ehcp", "is required"}, {"ehcp_rating", "must not be answered"}, {"ehcp_poor_reason", "must not be answered"}}},
		{"numeric equals on a scale", `{` + base + `, "uses_short_breaks": "yes", "short_breaks_rating": 0, "short_breaks_comment": "x"}`, nil},
		{"numeric equals not met", `{` + base + `, "uses_short_breaks": "yes", "short_breaks_rating": 1, "short_breaks_comment": "x"}`,
			[]wantField{{"short_breaks_comment", "is hidden by the answer to short_breaks_rating"}}},

		// Conditions on choices.
		{"any_of met", `{"child_age": "17-25", "has_ehcp": "no", "post16_plan": "yes", "post16_worries": ["work"]}`, nil},
		{"any_of met for one question, not another", `{"child_age": "11-16", "has_ehcp": "no", "post16_plan": "yes", "post16_worries": ["work"]}`,
			[]wantField{{"post16_plan", "is hidden by the answer to child_age"}}},
		{"any_of shows a required question", `{"child_age": "17-25", "has_ehcp": "no"}`, []wantField{{"post16_plan", "is required"}}},
		{"multi_choice condition met by any choice", `{` + base + `, "needs": ["physical", "adhd"], "autism_support": "none"}`, nil},
		{"multi_choice condition met by any choice shows a required question", `{` + base + `, "needs": ["physical", "autism"]}`,
			[]wantField{{"autism_support", "is required"}}},
		{"multi_choice condition not met", `{` + base + `, "needs": ["physical"], "needs_other": "x", "autism_support": "none"}`,
			[]wantField{{"needs_other", "is hidden by the answer to needs"}, {"autism_support", "is hidden by the answer to needs"}}},
		{"multi_choice equals met among others", `{` + base + `, "needs": ["autism", "other", "adhd"], "needs_other": "x", "autism_support": "yes"}`, nil},

		// Values.
		{"not an option", `{"child_age": "6", "has_ehcp": "no"}`, []wantField{{"child_age", `"6" is not one of the options`}}},
		{"label instead of value", `{"child_age": "5 to 10", "has_ehcp": "no"}`, []wantField{{"child_age", "is not one of the options"}}},
		{"yes_no in capitals", `{"child_age": "5-10", "has_ehcp": "Yes"}`, []wantField{{"has_ehcp", `"Yes" is not one of the options`}}},
		{"multi_choice value not an option", `{` + base + `, "needs": ["autism", "deaf"]}`, []wantField{{"needs", `"deaf" is not one of the options`}, {"autism_support", "is required"}}},
		{"multi_choice duplicates", `{` + base + `, "needs": ["physical", "physical"]}`, []wantField{{"needs", `"physical" is chosen more than once`}}},
		{"scale below the range", `{"child_age": "5-10", "has_ehcp": "yes", "ehcp_rating": 0}`, []wantField{{"ehcp_rating", "must be a whole number from 1 to 5"}}},
		{"scale above the range", `{"child_age": "5-10", "has_ehcp": "yes", "ehcp_rating": 6}`, []wantField{{"ehcp_rating", "from 1 to 5"}}},
		{"scale at both ends", `{` + base + `, "uses_short_breaks": "yes", "short_breaks_rating": 10}`, nil},
		{"number below min", `{` + base + `, "children_count": 0}`, []wantField{{"children_count", "must be 1 or more"}}},
		{"number above max", `{` + base + `, "children_count": 20.5}`, []wantField{{"children_count", "must be 20 or less"}}},
		{"number at the bounds", `{"child_age": "5-10", "has_ehcp": "yes", "ehcp_rating": 3, "weeks_waited": 0, "children_count": 20}`, nil},
		{"negative number", `{"child_age": "5-10", "has_ehcp": "yes", "ehcp_rating": 3, "weeks_waited": -1}`, []wantField{{"weeks_waited", "must be 0 or more"}}},

		// Lengths, in characters.
		{"short_text at its max_length in multi-byte characters", `{` + base + `, "needs": ["other"], "needs_other": "` + strings.Repeat("é", 100) + `"}`, nil},
		{"short_text over its max_length", `{` + base + `, "needs": ["other"], "needs_other": "` + strings.Repeat("é", 101) + `"}`,
			[]wantField{{"needs_other", "must be 100 characters or fewer (it has 101)"}}},
		{"short_text at the default limit", `{` + base + `, "postcode_area": "` + strings.Repeat("👪", 200) + `"}`, nil},
		{"short_text over the default limit", `{` + base + `, "postcode_area": "` + strings.Repeat("x", 201) + `"}`,
			[]wantField{{"postcode_area", "must be 200 characters or fewer (it has 201)"}}},
		{"long_text over the default limit", `{` + base + `, "health_comment": "` + strings.Repeat("ü", 4001) + `"}`,
			[]wantField{{"health_comment", "must be 4000 characters or fewer"}}},
		{"long_text with a NUL", `{` + base + `, "health_comment": "a\u0000b"}`, []wantField{{"health_comment", "NUL"}}},

		// All problems, unknown ids first, then in survey order.
		{"every problem at once", `{"child_age": "6", "needs": ["adhd", "adhd"], "ehcp_rating": 3, "uses_short_breaks": "yes", "health_comment": "` + strings.Repeat("x", 4001) + `"}`,
			[]wantField{
				{"child_age", "is not one of the options"},
				{"needs", "is chosen more than once"},
				{"has_ehcp", "is required"},
				{"ehcp_rating", "must not be answered"},
				{"short_breaks_rating", "is required"},
				{"autism_support", "is required"},
				{"health_comment", "characters or fewer"},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := parseAnswers(t, d, tc.json)
			checkFieldErrors(t, d.ValidateAnswers(a), tc.want)
		})
	}
}

func TestValidateAnswersGoValues(t *testing.T) {
	// Answers built in code rather than read from JSON.
	d := fullDefinition(t)
	tests := []struct {
		name string
		a    survey.Answers
		want []wantField
	}{
		{"unknown questions come first", survey.Answers{
			"child_age": survey.TextValue(survey.SingleChoice, "0-4"),
			"zz":        survey.TextValue(survey.ShortText, "x"),
			"aa":        survey.NumberValue(survey.Number, 1),
		}, []wantField{{"aa", "is not a question in this survey"}, {"zz", "is not a question in this survey"}, {"has_ehcp", "is required"}}},
		{"scale answer between points", survey.Answers{
			"child_age":   survey.TextValue(survey.SingleChoice, "0-4"),
			"has_ehcp":    survey.TextValue(survey.YesNo, "yes"),
			"ehcp_rating": survey.NumberValue(survey.Scale, 2.5),
		}, []wantField{{"ehcp_rating", "whole number"}}},
		{"nil choices are unanswered", survey.Answers{
			"child_age": survey.TextValue(survey.SingleChoice, "0-4"),
			"has_ehcp":  survey.TextValue(survey.YesNo, "no"),
			"needs":     survey.ChoicesValue(),
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkFieldErrors(t, d.ValidateAnswers(tc.a), tc.want)
		})
	}
}

func TestValidateQuestions(t *testing.T) {
	d := fullDefinition(t)
	a := parseAnswers(t, d, `{"child_age": "0-4", "has_ehcp": "yes", "ehcp_rating": 9, "uses_short_breaks": "no", "short_breaks_rating": 2}`)
	tests := []struct {
		name string
		ids  []string
		want []wantField
	}{
		{"one page", []string{"has_ehcp"}, nil},
		{"a shown question on the page", []string{"ehcp_rating"}, []wantField{{"ehcp_rating", "from 1 to 5"}}},
		{"a hidden question on the page", []string{"short_breaks_rating", "short_breaks_comment"}, []wantField{{"short_breaks_rating", "must not be answered"}}},
		{"a required question off the page is not checked", []string{"child_age"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var qs []*survey.Question
			for _, id := range tc.ids {
				qs = append(qs, d.Question(id))
			}
			checkFieldErrors(t, d.ValidateQuestions(qs, a), tc.want)
		})
	}
}

func TestVisible(t *testing.T) {
	d := fullDefinition(t)
	tests := []struct {
		name string
		id   string
		json string
		want bool
	}{
		{"no show_if", "child_age", `{}`, true},
		{"no show_if, whatever the answers", "health_comment", `{"has_ehcp": "no"}`, true},
		{"equals met", "ehcp_rating", `{"has_ehcp": "yes"}`, true},
		{"equals not met", "ehcp_rating", `{"has_ehcp": "no"}`, false},
		{"depends on an unanswered question", "ehcp_rating", `{}`, false},
		{"depends on a blank answer", "needs_other", `{"needs": []}`, false},
		{"chain all met", "ehcp_poor_reason", `{"has_ehcp": "yes", "ehcp_rating": 1}`, true},
		{"chain broken at the top", "ehcp_poor_reason", `{"has_ehcp": "no", "ehcp_rating": 1}`, false},
		{"chain broken in the middle", "ehcp_poor_reason", `{"has_ehcp": "yes", "ehcp_rating": 3}`, false},
		{"chain top unanswered", "ehcp_poor_reason", `{"ehcp_rating": 2}`, false},
		{"any_of, string value", "ehcp_poor_reason", `{"has_ehcp": "yes", "ehcp_rating": 2}`, true},
		{"numeric equals zero", "short_breaks_comment", `{"uses_short_breaks": "yes", "short_breaks_rating": 0}`, true},
		{"multi_choice any chosen", "autism_support", `{"needs": ["physical", "adhd"]}`, true},
		{"multi_choice none chosen", "autism_support", `{"needs": ["physical", "other"]}`, false},
		{"multi_choice equals", "needs_other", `{"needs": ["other"]}`, true},
		{"any_of on single_choice", "post16_worries", `{"child_age": "11-16"}`, true},
		{"any_of on single_choice not met", "post16_worries", `{"child_age": "5-10"}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := parseAnswers(t, d, tc.json)
			if got := d.Visible(d.Question(tc.id), a); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestVisibleTextAndNumberConditions(t *testing.T) {
	d := mustParse(t, []byte(oneSection(
		`{"id": "town", "type": "short_text", "text": "Town"}`,
		`{"id": "count", "type": "number", "text": "Count"}`,
		`{"id": "leeds", "type": "yes_no", "text": "Leeds?", "show_if": {"question": "town", "equals": "Leeds"}}`,
		`{"id": "half", "type": "yes_no", "text": "Half?", "show_if": {"question": "count", "any_of": [0.5, "2"]}}`)))
	tests := []struct {
		name string
		id   string
		json string
		want bool
	}{
		{"text exact", "leeds", `{"town": "Leeds"}`, true},
		{"text ignores case and surrounding space", "leeds", `{"town": "  lEEDS "}`, true},
		{"text differs", "leeds", `{"town": "Leeds 6"}`, false},
		{"blank text", "leeds", `{"town": " "}`, false},
		{"number fraction", "half", `{"count": 0.5}`, true},
		{"number given as a string in the definition", "half", `{"count": 2}`, true},
		{"number written differently", "half", `{"count": 2.0}`, true},
		{"number differs", "half", `{"count": 3}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := parseAnswers(t, d, tc.json)
			if got := d.Visible(d.Question(tc.id), a); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPrune(t *testing.T) {
	d := fullDefinition(t)
	tests := []struct {
		name string
		a    survey.Answers
		want survey.Answers
	}{
		{"empty", survey.Answers{}, survey.Answers{}},
		{"nil", nil, survey.Answers{}},
		{"all visible kept", survey.Answers{
			"has_ehcp":    survey.TextValue(survey.YesNo, "yes"),
			"ehcp_rating": survey.NumberValue(survey.Scale, 2),
		}, survey.Answers{
			"has_ehcp":    survey.TextValue(survey.YesNo, "yes"),
			"ehcp_rating": survey.NumberValue(survey.Scale, 2),
		}},
		{"hidden chain dropped", survey.Answers{
			"has_ehcp":         survey.TextValue(survey.YesNo, "no"),
			"ehcp_rating":      survey.NumberValue(survey.Scale, 1),
			"ehcp_poor_reason": survey.TextValue(survey.LongText, "Slow"),
			"weeks_waited":     survey.NumberValue(survey.Number, 30),
		}, survey.Answers{
			"has_ehcp": survey.TextValue(survey.YesNo, "no"),
		}},
		{"chain end dropped when the middle changes", survey.Answers{
			"has_ehcp":         survey.TextValue(survey.YesNo, "yes"),
			"ehcp_rating":      survey.NumberValue(survey.Scale, 5),
			"ehcp_poor_reason": survey.TextValue(survey.LongText, "Slow"),
		}, survey.Answers{
			"has_ehcp":    survey.TextValue(survey.YesNo, "yes"),
			"ehcp_rating": survey.NumberValue(survey.Scale, 5),
		}},
		{"blank answers dropped", survey.Answers{
			"child_age":      survey.TextValue(survey.SingleChoice, ""),
			"postcode_area":  survey.TextValue(survey.ShortText, "  "),
			"needs":          survey.ChoicesValue(),
			"children_count": survey.NumberValue(survey.Number, 0),
		}, survey.Answers{
			"children_count": survey.NumberValue(survey.Number, 0),
		}},
		{"blank answer hides what depends on it", survey.Answers{
			"needs":       survey.ChoicesValue(),
			"needs_other": survey.TextValue(survey.ShortText, "x"),
		}, survey.Answers{}},
		{"unknown questions dropped", survey.Answers{
			"nope":     survey.TextValue(survey.ShortText, "x"),
			"has_ehcp": survey.TextValue(survey.YesNo, "no"),
		}, survey.Answers{
			"has_ehcp": survey.TextValue(survey.YesNo, "no"),
		}},
		{"invalid but visible answers kept for validation", survey.Answers{
			"child_age": survey.TextValue(survey.SingleChoice, "99"),
		}, survey.Answers{
			"child_age": survey.TextValue(survey.SingleChoice, "99"),
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := d.Prune(tc.a)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if again := d.Prune(maps.Clone(got)); !reflect.DeepEqual(again, got) {
				t.Errorf("second prune: got %v, want %v", again, got)
			}
			for _, fe := range d.ValidateAnswers(got) {
				if strings.Contains(fe.Message, "must not be answered") {
					t.Errorf("pruned answers: got %s: %s", fe.Field, fe.Message)
				}
			}
		})
	}
}

func TestPruneWorksInPlace(t *testing.T) {
	d := fullDefinition(t)
	a := survey.Answers{
		"has_ehcp":    survey.TextValue(survey.YesNo, "no"),
		"ehcp_rating": survey.NumberValue(survey.Scale, 1),
	}
	got := d.Prune(a)
	if len(a) != 1 || len(got) != 1 {
		t.Errorf("got %d answers returned and %d left in the input, want 1 and 1 (the same map)", len(got), len(a))
	}
}

func TestParseFormValue(t *testing.T) {
	d := fullDefinition(t)
	tests := []struct {
		name    string
		id      string
		inputs  []string
		want    survey.Value
		ok      bool
		problem string
	}{
		{"short_text trimmed", "postcode_area", []string{"  LS6 \r\n"}, survey.TextValue(survey.ShortText, "LS6"), true, ""},
		{"short_text blank", "postcode_area", []string{"   "}, survey.TextValue(survey.ShortText, ""), false, ""},
		{"short_text missing", "postcode_area", nil, survey.TextValue(survey.ShortText, ""), false, ""},
		{"long_text keeps inner line breaks", "health_comment", []string{"\nOne\r\nTwo\n"}, survey.TextValue(survey.LongText, "One\r\nTwo"), true, ""},
		{"single_choice", "child_age", []string{"5-10"}, survey.TextValue(survey.SingleChoice, "5-10"), true, ""},
		{"yes_no", "has_ehcp", []string{"no"}, survey.TextValue(survey.YesNo, "no"), true, ""},
		{"yes_no uses the first input", "has_ehcp", []string{"yes", "no"}, survey.TextValue(survey.YesNo, "yes"), true, ""},
		{"multi_choice drops empty inputs", "needs", []string{"autism", "", "other"}, survey.ChoicesValue("autism", "other"), true, ""},
		{"multi_choice none", "needs", nil, survey.Value{Type: survey.MultiChoice}, false, ""},
		{"multi_choice only empty", "needs", []string{""}, survey.Value{Type: survey.MultiChoice}, false, ""},
		{"scale", "ehcp_rating", []string{" 4 "}, survey.NumberValue(survey.Scale, 4), true, ""},
		{"scale blank", "ehcp_rating", []string{""}, survey.Value{}, false, ""},
		{"scale not a number", "ehcp_rating", []string{"good"}, survey.Value{}, false, "Choose a point on the scale"},
		{"number", "children_count", []string{"12.5"}, survey.NumberValue(survey.Number, 12.5), true, ""},
		{"number with thousands separator", "weeks_waited", []string{"1,000"}, survey.NumberValue(survey.Number, 1000), true, ""},
		{"number negative", "weeks_waited", []string{"-3"}, survey.NumberValue(survey.Number, -3), true, ""},
		{"number words", "children_count", []string{"two"}, survey.Value{}, false, "Enter a number, like 3 or 12.5"},
		{"number NaN", "children_count", []string{"NaN"}, survey.Value{}, false, "Enter a number, like 3 or 12.5"},
		{"number infinite", "children_count", []string{"Inf"}, survey.Value{}, false, "Enter a number, like 3 or 12.5"},
		{"number overflows", "children_count", []string{"1e400"}, survey.Value{}, false, "Enter a number, like 3 or 12.5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok, problem := survey.ParseFormValue(d.Question(tc.id), tc.inputs)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got value %#v, want %#v", got, tc.want)
			}
			if ok != tc.ok {
				t.Errorf("got ok %v, want %v", ok, tc.ok)
			}
			if problem != tc.problem {
				t.Errorf("got problem %q, want %q", problem, tc.problem)
			}
		})
	}
}

func TestValueString(t *testing.T) {
	tests := []struct {
		name string
		v    survey.Value
		want string
		json string
	}{
		{"text", survey.TextValue(survey.ShortText, "a \"b\""), `a "b"`, `"a \"b\""`},
		{"choices", survey.ChoicesValue("autism", "adhd"), "autism;adhd", `["autism","adhd"]`},
		{"no choices", survey.ChoicesValue(), "", `[]`},
		{"whole number", survey.NumberValue(survey.Scale, 3), "3", `3`},
		{"fraction", survey.NumberValue(survey.Number, 12.5), "12.5", `12.5`},
		{"big number", survey.NumberValue(survey.Number, 1e21), "1000000000000000000000", `1e+21`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.v.String(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			b, err := json.Marshal(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(b); got != tc.json {
				t.Errorf("got JSON %s, want %s", got, tc.json)
			}
		})
	}
}

func TestAnswersJSONRoundTrip(t *testing.T) {
	// What the API writes back out it must read in again unchanged.
	d := fullDefinition(t)
	a := parseAnswers(t, d, `{"child_age": "17-25", "needs": ["adhd", "other"], "needs_other": "Hearing", "children_count": 3.25,
		"has_ehcp": "yes", "ehcp_rating": 1, "ehcp_poor_reason": "Late\n\"very\"", "post16_worries": []}`)
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if got := parseAnswers(t, d, string(b)); !reflect.DeepEqual(got, a) {
		t.Errorf("got %v, want %v", got, a)
	}
}

func TestOptionLabel(t *testing.T) {
	d := fullDefinition(t)
	tests := []struct {
		name, id, value, want string
	}{
		{"choice", "child_age", "5-10", "5 to 10"},
		{"unknown choice", "child_age", "99", "99"},
		{"yes", "has_ehcp", "yes", "Yes"},
		{"no", "has_ehcp", "no", "No"},
		{"text", "postcode_area", "LS6", "LS6"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := d.Question(tc.id).OptionLabel(tc.value); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
