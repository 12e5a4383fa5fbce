package survey_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey"
)

// FuzzParseDefinition checks that any input either fails with field errors
// or parses to a definition that exports and imports unchanged.
func FuzzParseDefinition(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"",
		"null",
		"[]",
		`{}`,
		`{"slug": "abc", "title": "T", "sections": [{"id": "s", "title": "S", "questions": [{"id": "a", "type": "yes_no", "text": "A"}]}]} }`,
		oneSection(`{"id": "a", "type": "short_text", "text": "A", "options": []}`),
		oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": -9223372036854775808, "max": 9223372036854775807}}`),
		oneSection(`{"id": "a", "type": "scale", "text": "A", "scale": {"min": 1.5, "max": 1e40}}`),
		oneSection(`{"id": "a", "type": "number", "text": "A", "min": -0, "max": 1e308}`, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "any_of": [1e-400, "0x1p3", -0]}}`),
		oneSection(`{"id": "a", "type": "single_choice", "text": "\u00e9\ud800", "options": [{"value": "x", "label": "X"}, {"value": "y", "label": "Y"}]}`, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": "x"}}`),
		oneSection(`{"id": "a", "type": "short_text", "text": "A", "max_length": 0}`, `{"id": "b", "type": "yes_no", "text": "B", "show_if": {"question": "a", "equals": 7}}`),
		`{"slug": "abc", "slug": "abd", "title": "T", "sections": [{"id": "s", "title": "S", "questions": [{"id": "a", "type": "scale", "text": "A", "scale": {"min": 1, "max": 3, "min_label": "x"}, "scale": {"min": 1, "max": 3}}]}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := survey.ParseDefinition(bytes.NewReader(data))
		if err != nil {
			var e *survey.Error
			if !errors.As(err, &e) || e.Code != survey.EInvalid {
				t.Fatalf("got error %T %v, want an EInvalid *survey.Error", err, err)
			}
			if len(e.Fields) == 0 {
				t.Fatalf("got %q with no field errors", e.Message)
			}
			for _, fe := range e.Fields {
				if fe.Field == "" || fe.Message == "" {
					t.Fatalf("got an empty field error %+v", fe)
				}
			}
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("parsed definition does not validate: %v", err)
		}
		out := d.MarshalIndent()
		again, err := survey.ParseDefinition(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("export does not import: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(again, d) {
			t.Fatalf("round trip differs:\ngot\n%s\nwant\n%s", again.MarshalIndent(), out)
		}
		checkPagesCover(t, d, d.Pages())
	})
}

// FuzzValidateAnswers sends any answers object to the full example and
// checks that a set of answers with no problems is one a person could have
// given: nothing hidden is answered and nothing required and shown is left.
func FuzzValidateAnswers(f *testing.F) {
	d := fullDefinition(f)
	for _, s := range []string{
		`{}`,
		`{` + base + `}`,
		`{"child_age": "17-25", "needs": ["adhd", "other"], "needs_other": "Hearing", "children_count": 3,
			"has_ehcp": "yes", "ehcp_rating": 1, "ehcp_poor_reason": "Late", "weeks_waited": 40,
			"uses_short_breaks": "yes", "short_breaks_rating": 0, "short_breaks_comment": "Cancelled",
			"post16_plan": "no", "post16_worries": ["work"], "autism_support": "some", "health_comment": "Fine"}`,
		`{"child_age": "5-10", "has_ehcp": "no", "ehcp_rating": 1, "ehcp_poor_reason": "x"}`,
		`{"child_age": "", "has_ehcp": null, "needs": [], "needs_other": "  "}`,
		`{"child_age": "5-10", "has_ehcp": "no", "needs": ["autism", "autism", null]}`,
		`{"ehcp_rating": "3", "children_count": "2", "short_breaks_rating": 2.5, "weeks_waited": 1e400}`,
		`{"nope": 1, "has_ehcp": true, "needs": "autism"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, parseErrs, err := d.ParseJSONAnswers(data)
		var raw map[string]json.RawMessage
		stdErr := json.Unmarshal(data, &raw)
		if stdOK := stdErr == nil && raw != nil; (err == nil) != stdOK {
			t.Fatalf("ParseJSONAnswers error %v, encoding/json error %v: they must agree on what is one JSON object", err, stdErr)
		}
		if err != nil {
			return
		}
		errs := d.ValidateAnswers(a)
		for _, fe := range append(parseErrs, errs...) {
			// The field is the question id as sent, so it is empty only
			// when the answers had an empty key.
			if _, sent := raw[""]; fe.Field == "" && !sent || fe.Message == "" {
				t.Fatalf("got an empty field error %+v", fe)
			}
		}
		for id := range a {
			if d.Question(id) == nil {
				t.Fatalf("ParseJSONAnswers kept an answer to unknown question %q", id)
			}
		}
		if len(parseErrs) > 0 || len(errs) > 0 {
			return
		}
		for id, v := range a {
			q := d.Question(id)
			if v.IsBlank() {
				continue
			}
			if !d.Visible(q, a) {
				t.Errorf("%s: answered but hidden, and no error", id)
			}
			if msg := survey.CheckAnswer(q, v); msg != "" {
				t.Errorf("%s: CheckAnswer says %q, and no error", id, msg)
			}
		}
		for _, q := range d.Questions() {
			if !q.Required || !d.Visible(q, a) {
				continue
			}
			if v, ok := a[q.ID]; !ok || v.IsBlank() {
				t.Errorf("%s: required and shown but unanswered, and no error", q.ID)
			}
		}
		// Valid answers lose nothing but blanks to Prune, and read back
		// the same from the JSON the API would write.
		p := d.Prune(maps.Clone(a))
		for id, v := range a {
			if got, ok := p[id]; !v.IsBlank() && (!ok || !reflect.DeepEqual(got, v)) {
				t.Errorf("%s: Prune dropped or changed a valid answer", id)
			}
		}
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("marshal answers: %v", err)
		}
		again := parseAnswers(t, d, string(b))
		if !reflect.DeepEqual(again, a) {
			t.Errorf("answers JSON round trip: got %v, want %v", again, a)
		}
	})
}

// byteReader hands out fuzz bytes one at a time, then zeros, so that any
// input builds a case.
type byteReader struct{ b []byte }

func (r *byteReader) next() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// showIfTypes are the question types a generated case may use.
var showIfTypes = []survey.QuestionType{survey.YesNo, survey.SingleChoice, survey.MultiChoice, survey.Scale, survey.Number, survey.ShortText}

// condPool returns values a condition on a question of type t may use.
func condPool(t survey.QuestionType) []string {
	switch t {
	case survey.YesNo:
		return []string{"yes", "no"}
	case survey.SingleChoice, survey.MultiChoice:
		return []string{"v0", "v1", "v2"}
	case survey.Scale:
		return []string{"1", "2", "3", "4", "5"}
	case survey.Number:
		return []string{"0", "1", "2.5"}
	default:
		return []string{"a", "b"}
	}
}

// showIfCase builds a valid definition with show_if links between random
// questions, and a set of answers (some blank, some invalid) to it.
func showIfCase(data []byte) (*survey.Definition, survey.Answers) {
	r := &byteReader{b: data}
	n := 1 + int(r.next()%10)
	d := &survey.Definition{Slug: "fuzz", Title: "Fuzz"}
	var qs []survey.Question
	for i := range n {
		q := survey.Question{ID: fmt.Sprintf("q%d", i), Type: showIfTypes[int(r.next())%len(showIfTypes)], Text: "Q", Required: r.next()%2 == 0}
		switch q.Type {
		case survey.SingleChoice, survey.MultiChoice:
			q.Options = []survey.Option{{Value: "v0", Label: "0"}, {Value: "v1", Label: "1"}, {Value: "v2", Label: "2"}}
		case survey.Scale:
			q.Scale = &survey.ScaleRange{Min: 1, Max: 5}
		}
		if c := r.next(); i > 0 && c%4 != 0 {
			ref := qs[int(r.next())%i]
			pool := condPool(ref.Type)
			cond := &survey.Condition{Question: ref.ID}
			if c%2 == 0 {
				cond.Equals = ptr(survey.CondValue(pool[int(r.next())%len(pool)]))
			} else {
				for j, bits := 0, r.next(); j < len(pool); j++ {
					if bits&(1<<j) != 0 {
						cond.AnyOf = append(cond.AnyOf, survey.CondValue(pool[j]))
					}
				}
				if cond.AnyOf == nil {
					cond.AnyOf = []survey.CondValue{survey.CondValue(pool[0])}
				}
			}
			q.ShowIf = cond
		}
		qs = append(qs, q)
	}
	// Cut the questions into sections at random.
	for start := 0; start < len(qs); {
		end := start + 1
		for end < len(qs) && r.next()%3 != 0 {
			end++
		}
		d.Sections = append(d.Sections, survey.Section{ID: fmt.Sprintf("s%d", len(d.Sections)), Title: "S", Questions: qs[start:end]})
		start = end
	}

	a := survey.Answers{}
	for _, q := range qs {
		mode := r.next() % 5
		if mode == 0 {
			continue
		}
		pool := condPool(q.Type)
		pick := pool[int(r.next())%len(pool)]
		switch q.Type {
		case survey.MultiChoice:
			var choices []string
			if mode != 1 {
				for j, bits := 0, r.next(); j < 4; j++ {
					if bits&(1<<j) != 0 {
						choices = append(choices, []string{"v0", "v1", "v2", "v9"}[j])
					}
				}
				if mode == 4 {
					choices = append(choices, pick)
				}
			}
			a[q.ID] = survey.ChoicesValue(choices...)
		case survey.Scale, survey.Number:
			n := float64(int(r.next())%8) - 1 // -1 to 6: off the scale at both ends
			if mode == 4 {
				n += 0.5
			}
			a[q.ID] = survey.NumberValue(q.Type, n)
		default:
			text := pick
			switch mode {
			case 1:
				text = " "
			case 4:
				text = " " + strings.ToUpper(pick) + "x"
			}
			a[q.ID] = survey.TextValue(q.Type, text)
		}
	}
	return d, a
}

// FuzzShowIf checks skip logic on generated definitions: pruning is
// idempotent, keeps every visible answer, never changes what is visible,
// and leaves nothing that validation would call hidden.
func FuzzShowIf(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{3, 0, 1, 0, 0, 1, 1, 0, 2, 0, 1, 1, 0, 3, 1, 1, 2, 2, 2, 2, 2, 2})
	f.Add([]byte{9, 2, 0, 0, 1, 0, 5, 0, 3, 2, 1, 1, 0, 0, 3, 1, 1, 2, 0, 4, 0, 3, 0, 5, 0, 1, 3, 0, 7, 1, 4, 1, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3})
	f.Add([]byte("a chain of questions that hide one another"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, a := showIfCase(data)
		if err := d.Validate(); err != nil {
			t.Fatalf("generated definition does not validate: %v\n%s", err, d.MarshalIndent())
		}
		p := d.Prune(maps.Clone(a))
		if again := d.Prune(maps.Clone(p)); !reflect.DeepEqual(again, p) {
			t.Fatalf("Prune is not idempotent: got %v, want %v", again, p)
		}
		for _, q := range d.Questions() {
			v, given := a[q.ID]
			visible := d.Visible(q, a)
			if got, want := d.Visible(q, p), visible; got != want {
				t.Errorf("%s: visible %v after Prune, want %v", q.ID, got, want)
			}
			if got, want := visible, referenceVisible(d, q, a); got != want {
				t.Errorf("%s: got visible %v, want %v", q.ID, got, want)
			}
			kept, inP := p[q.ID]
			switch {
			case given && !v.IsBlank() && visible:
				if !inP || !reflect.DeepEqual(kept, v) {
					t.Errorf("%s: Prune dropped or changed a visible answer", q.ID)
				}
			case inP:
				t.Errorf("%s: Prune kept a blank or hidden answer", q.ID)
			}
		}
		for _, fe := range d.ValidateAnswers(p) {
			if strings.Contains(fe.Message, "must not be answered") {
				t.Errorf("pruned answers: %s: %s", fe.Field, fe.Message)
			}
		}
		hiddenErrs := map[string]bool{}
		for _, fe := range d.ValidateAnswers(a) {
			if strings.Contains(fe.Message, "must not be answered") {
				hiddenErrs[fe.Field] = true
			}
		}
		for _, q := range d.Questions() {
			v, given := a[q.ID]
			want := given && !v.IsBlank() && !d.Visible(q, a)
			if got := hiddenErrs[q.ID]; got != want {
				t.Errorf("%s: got hidden-answer error %v, want %v", q.ID, got, want)
			}
		}
		pages := d.Pages()
		checkPagesCover(t, d, pages)
		var shown []*survey.Question
		for _, pg := range pages {
			shown = append(shown, d.VisibleQuestions(pg, p)...)
		}
		var want []*survey.Question
		for _, q := range d.Questions() {
			if d.Visible(q, p) {
				want = append(want, q)
			}
		}
		if got, want := questionIDs(shown), questionIDs(want); !reflect.DeepEqual(got, want) {
			t.Errorf("pages show %v, want %v", got, want)
		}
	})
}

// referenceVisible is the rule written out plainly: a question is shown
// when it has no show_if, or the question it depends on is shown and has
// a non-blank answer that meets the condition.
func referenceVisible(d *survey.Definition, q *survey.Question, a survey.Answers) bool {
	if q.ShowIf == nil {
		return true
	}
	ref := d.Question(q.ShowIf.Question)
	v, ok := a[ref.ID]
	return ok && !v.IsBlank() && v.Matches(q.ShowIf.Values()) && referenceVisible(d, ref, a)
}
