package survey

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Value is one answer. Which field holds it depends on the question type:
// Text for short_text, long_text, single_choice and yes_no; Choices for
// multi_choice; Number for scale (a whole number) and number.
type Value struct {
	Type    QuestionType
	Text    string
	Choices []string
	Number  float64
}

// TextValue, ChoicesValue and NumberValue build answers of each kind.
func TextValue(t QuestionType, s string) Value    { return Value{Type: t, Text: s} }
func ChoicesValue(choices ...string) Value        { return Value{Type: MultiChoice, Choices: choices} }
func NumberValue(t QuestionType, n float64) Value { return Value{Type: t, Number: n} }

// IsBlank reports whether the value counts as unanswered: blank text or no
// choices. Numbers are never blank once given.
func (v Value) IsBlank() bool {
	switch v.Type {
	case MultiChoice:
		return len(v.Choices) == 0
	case Scale, Number:
		return false
	default:
		return strings.TrimSpace(v.Text) == ""
	}
}

// String renders the value as it appears in exports: multi_choice values
// joined with ";" and numbers without trailing zeros.
func (v Value) String() string {
	switch v.Type {
	case MultiChoice:
		return strings.Join(v.Choices, ";")
	case Scale, Number:
		return strconv.FormatFloat(v.Number, 'f', -1, 64)
	default:
		return v.Text
	}
}

// Matches reports whether the value satisfies one of the condition values.
func (v Value) Matches(values []string) bool {
	switch v.Type {
	case MultiChoice:
		for _, c := range v.Choices {
			if slices.Contains(values, c) {
				return true
			}
		}
		return false
	case Scale, Number:
		for _, s := range values {
			if n, err := strconv.ParseFloat(s, 64); err == nil && n == v.Number {
				return true
			}
		}
		return false
	case ShortText, LongText:
		t := strings.TrimSpace(v.Text)
		for _, s := range values {
			if strings.EqualFold(t, strings.TrimSpace(s)) {
				return true
			}
		}
		return false
	default:
		return slices.Contains(values, v.Text)
	}
}

// MarshalJSON writes the value in the API's answer format.
func (v Value) MarshalJSON() ([]byte, error) {
	switch v.Type {
	case MultiChoice:
		if v.Choices == nil {
			return []byte("[]"), nil
		}
		return json.Marshal(v.Choices)
	case Scale, Number:
		return json.Marshal(v.Number)
	default:
		return json.Marshal(v.Text)
	}
}

// Answers maps question ids to answers.
type Answers map[string]Value

// Visible reports whether q is shown, given the answers so far. A question
// is hidden when its show_if question is itself hidden or its answer does
// not match, so hiding one question hides the chain that depends on it.
func (d *Definition) Visible(q *Question, a Answers) bool {
	for q.ShowIf != nil {
		v, ok := a[q.ShowIf.Question]
		if !ok || v.IsBlank() || !v.Matches(q.ShowIf.Values()) {
			return false
		}
		q = d.Question(q.ShowIf.Question)
		if q == nil {
			return false
		}
	}
	return true
}

// Prune drops answers to questions the other answers now hide, blank
// answers and answers to questions the survey does not have, so that a
// person who changes an earlier answer never sends answers to questions
// they can no longer see. It deletes them from a, which it returns (an
// empty map for nil), so a submission's answers are not copied.
func (d *Definition) Prune(a Answers) Answers {
	if a == nil {
		return Answers{}
	}
	// In question order, so an answer is judged by the earlier answers
	// that survived: show_if only looks back.
	known := 0
	for si := range d.Sections {
		for qi := range d.Sections[si].Questions {
			q := &d.Sections[si].Questions[qi]
			v, ok := a[q.ID]
			switch {
			case !ok:
			case v.IsBlank() || !d.Visible(q, a):
				delete(a, q.ID)
			default:
				known++
			}
		}
	}
	if len(a) > known { // answers to questions the survey does not have
		for id := range a {
			if d.Question(id) == nil {
				delete(a, id)
			}
		}
	}
	return a
}

// DecodeJSONObject decodes one JSON object, such as a submission body or
// the answers inside it, in a single pass. Numbers keep the digits they
// were written with (json.Number), so a number too large for a float64 is
// reported against its own question rather than failing the whole object.
func DecodeJSONObject(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, err
	}
	if obj == nil {
		return nil, errors.New("not a JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("more than one JSON value")
	}
	return obj, nil
}

// ParseJSONAnswers turns the API's answers object, decoded by
// DecodeJSONObject, into Answers, reporting unknown questions and values
// of the wrong JSON type by question id. A null reads as unanswered.
func (d *Definition) ParseJSONAnswers(raw map[string]any) (Answers, []FieldError) {
	out := make(Answers, len(raw))
	var errs []FieldError
	for _, id := range sortedKeys(raw) {
		q := d.Question(id)
		if q == nil {
			errs = append(errs, FieldError{Field: id, Message: "is not a question in this survey"})
			continue
		}
		if raw[id] == nil {
			continue
		}
		v, msg := decodeJSONValue(q, raw[id])
		if msg != "" {
			errs = append(errs, FieldError{Field: id, Message: msg})
			continue
		}
		out[id] = v
	}
	return out, errs
}

func decodeJSONValue(q *Question, raw any) (Value, string) {
	switch q.Type {
	case MultiChoice:
		list, ok := raw.([]any)
		if !ok {
			return Value{}, "must be a list of option values"
		}
		choices := make([]string, len(list))
		for i, c := range list {
			if choices[i], ok = c.(string); !ok {
				return Value{}, "must be a list of option values"
			}
		}
		return Value{Type: q.Type, Choices: choices}, ""
	case Scale:
		// A number written as a string, such as "3", is refused.
		f, ok := jsonFloat(raw)
		if !ok || f != math.Trunc(f) {
			return Value{}, "must be a whole number"
		}
		return Value{Type: q.Type, Number: f}, ""
	case Number:
		f, ok := jsonFloat(raw)
		if !ok {
			return Value{}, "must be a number"
		}
		return Value{Type: q.Type, Number: f}, ""
	default:
		s, ok := raw.(string)
		if !ok {
			return Value{}, "must be text"
		}
		return Value{Type: q.Type, Text: s}, ""
	}
}

// jsonFloat reads a JSON number, as DecodeJSONObject keeps it, that fits
// a float64.
func jsonFloat(raw any) (float64, bool) {
	n, ok := raw.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(n), 64)
	return f, err == nil && !math.IsInf(f, 0)
}

// ParseFormValue turns what a person typed or chose in a web form into a
// Value. Blank input is not an error: it gives ok false (unanswered).
func ParseFormValue(q *Question, inputs []string) (v Value, ok bool, problem string) {
	first := ""
	if len(inputs) > 0 {
		first = strings.TrimSpace(inputs[0])
	}
	switch q.Type {
	case MultiChoice:
		var choices []string
		for _, s := range inputs {
			if s != "" {
				choices = append(choices, s)
			}
		}
		return Value{Type: q.Type, Choices: choices}, len(choices) > 0, ""
	case Scale, Number:
		if first == "" {
			return Value{}, false, ""
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(first, ",", ""), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			if q.Type == Scale {
				return Value{}, false, "Choose a point on the scale"
			}
			return Value{}, false, "Enter a number, like 3 or 12.5"
		}
		return Value{Type: q.Type, Number: f}, true, ""
	default:
		// Text keeps its inner line breaks; only surrounding space goes.
		return Value{Type: q.Type, Text: first}, first != "", ""
	}
}

// CheckAnswer reports what is wrong with one non-blank answer to q, or "".
func CheckAnswer(q *Question, v Value) string {
	switch q.Type {
	case ShortText, LongText:
		if !utf8.ValidString(v.Text) {
			return "must be valid text"
		}
		if strings.ContainsRune(v.Text, 0) {
			return "must not contain a NUL character"
		}
		if n, max := utf8.RuneCountInString(v.Text), q.TextLimit(); n > max {
			return fmt.Sprintf("must be %d characters or fewer (it has %d)", max, n)
		}
	case SingleChoice, YesNo:
		if !q.HasChoice(v.Text) {
			return fmt.Sprintf("%q is not one of the options", v.Text)
		}
	case MultiChoice:
		seen := map[string]bool{}
		for _, c := range v.Choices {
			if !q.HasChoice(c) {
				return fmt.Sprintf("%q is not one of the options", c)
			}
			if seen[c] {
				return fmt.Sprintf("%q is chosen more than once", c)
			}
			seen[c] = true
		}
	case Scale:
		if q.Scale != nil && (v.Number < float64(q.Scale.Min) || v.Number > float64(q.Scale.Max) || v.Number != math.Trunc(v.Number)) {
			return fmt.Sprintf("must be a whole number from %d to %d", q.Scale.Min, q.Scale.Max)
		}
	case Number:
		if q.Min != nil && v.Number < *q.Min {
			return "must be " + formatNumber(*q.Min) + " or more"
		}
		if q.Max != nil && v.Number > *q.Max {
			return "must be " + formatNumber(*q.Max) + " or less"
		}
	}
	return ""
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// ValidateAnswers checks a complete set of answers against the definition
// and returns every problem by question id: unknown questions, values that
// are not options, out of range or too long, required questions that are
// shown but unanswered, and answers to questions hidden by show_if. Blank
// answers count as unanswered.
func (d *Definition) ValidateAnswers(a Answers) []FieldError {
	var errs []FieldError
	for _, id := range sortedKeys(a) {
		if d.Question(id) == nil {
			errs = append(errs, FieldError{Field: id, Message: "is not a question in this survey"})
		}
	}
	for _, q := range d.Questions() {
		errs = append(errs, d.checkQuestion(q, a)...)
	}
	return errs
}

// ValidateQuestions checks the answers to some questions, as the web
// journey does page by page, using all the answers for show_if.
func (d *Definition) ValidateQuestions(qs []*Question, a Answers) []FieldError {
	var errs []FieldError
	for _, q := range qs {
		errs = append(errs, d.checkQuestion(q, a)...)
	}
	return errs
}

func (d *Definition) checkQuestion(q *Question, a Answers) []FieldError {
	v, given := a[q.ID]
	answered := given && !v.IsBlank()
	visible := d.Visible(q, a)
	switch {
	case answered && !visible:
		return []FieldError{{Field: q.ID, Message: "is hidden by the answer to " + q.ShowIf.Question + ", so it must not be answered"}}
	case answered:
		if msg := CheckAnswer(q, v); msg != "" {
			return []FieldError{{Field: q.ID, Message: msg}}
		}
	case visible && q.Required:
		return []FieldError{{Field: q.ID, Message: "is required"}}
	}
	return nil
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
