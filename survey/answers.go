package survey

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/valyala/fastjson"
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
	for _, id := range d.unknownIDs(a) {
		delete(a, id)
	}
	// In question order, so an answer is judged by the earlier answers
	// that survived: show_if only looks back.
	for si := range d.Sections {
		for qi := range d.Sections[si].Questions {
			q := &d.Sections[si].Questions[qi]
			if v, ok := a[q.ID]; ok && (v.IsBlank() || !d.Visible(q, a)) {
				delete(a, q.ID)
			}
		}
	}
	return a
}

// unknownIDs returns, in order, the ids of answers to questions the
// survey does not have. Nearly always there are none, so it counts the
// known answers first and sorts and searches only when some are not.
func (d *Definition) unknownIDs(a Answers) []string {
	known := 0
	for si := range d.Sections {
		for qi := range d.Sections[si].Questions {
			if _, ok := a[d.Sections[si].Questions[qi].ID]; ok {
				known++
			}
		}
	}
	if known == len(a) {
		return nil
	}
	var ids []string
	for _, id := range sortedKeys(a) {
		if d.Question(id) == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// jsonParsers parse submission bodies and saved drafts. Decoding with
// encoding/json into a map of boxed values, each read once, was the
// largest part of handling a submission; fastjson parses in place.
var jsonParsers fastjson.ParserPool

// ErrNotJSONObject reports data that is not exactly one well-formed JSON
// object.
var ErrNotJSONObject = errors.New("not a JSON object")

// BodyError is a submission body that is a JSON object but not of the
// right shape: Field names the top-level field at fault.
type BodyError struct {
	Field, Message string
}

func (e *BodyError) Error() string { return e.Field + " " + e.Message }

// withJSONObject parses data, which must be one JSON object, and calls fn
// with it. The object and its values are valid only during fn.
func withJSONObject(data []byte, fn func(*fastjson.Object)) error {
	// The parser is lenient where JSON is strict (number syntax, control
	// characters in strings); malformed bodies are refused whole, as they
	// always have been.
	if controlCharInString(data) || fastjson.ValidateBytes(data) != nil {
		return ErrNotJSONObject
	}
	p := jsonParsers.Get()
	defer jsonParsers.Put(p)
	v, err := p.ParseBytes(data)
	if err != nil {
		return ErrNotJSONObject
	}
	o, err := v.Object()
	if err != nil {
		return ErrNotJSONObject
	}
	fn(o)
	return nil
}

// controlCharInString reports whether a JSON text holds a raw control
// character inside a string, which JSON forbids.
func controlCharInString(data []byte) bool {
	// Most bodies hold no control character at all, not even whitespace
	// between tokens; only those that do need the strings found.
	plain := true
	for _, c := range data {
		if c < 0x20 {
			plain = false
			break
		}
	}
	if plain {
		return false
	}
	in, escaped := false, false
	for _, c := range data {
		switch {
		case !in:
			in = c == '"'
		case escaped:
			escaped = false
		case c == '\\':
			escaped = true
		case c == '"':
			in = false
		case c < 0x20:
			return true
		}
	}
	return false
}

// ParseJSONAnswers decodes a JSON object of answers keyed by question id,
// reporting unknown questions and values of the wrong JSON type by
// question id. A null reads as unanswered. err is ErrNotJSONObject when
// data is not one JSON object.
func (d *Definition) ParseJSONAnswers(data []byte) (a Answers, errs []FieldError, err error) {
	err = withJSONObject(data, func(o *fastjson.Object) {
		a, errs = d.answersFromJSON(o)
	})
	return a, errs, err
}

// ParseJSONSubmission decodes the API's submission body: a JSON object
// whose one field, "answers", is the answers object ParseJSONAnswers
// reads. Any other top-level field is reported with the answers' errors.
// err is ErrNotJSONObject, or a *BodyError when "answers" is missing or
// not an object.
func (d *Definition) ParseJSONSubmission(body []byte) (a Answers, errs []FieldError, err error) {
	var shape error
	err = withJSONObject(body, func(top *fastjson.Object) {
		var answers *fastjson.Value
		top.Visit(func(k []byte, v *fastjson.Value) {
			if string(k) == "answers" {
				answers = v
				return
			}
			errs = append(errs, FieldError{Field: string(k), Message: "is not a known field"})
		})
		if answers == nil {
			shape = &BodyError{Field: "answers", Message: "is required"}
			return
		}
		o, err := answers.Object()
		if err != nil {
			shape = &BodyError{Field: "answers", Message: "must be an object of question ids and answers"}
			return
		}
		var answerErrs []FieldError
		a, answerErrs = d.answersFromJSON(o)
		errs = append(errs, answerErrs...)
	})
	if err == nil && shape != nil {
		return nil, nil, shape
	}
	return a, errs, err
}

// answersFromJSON reads an answers object. A question given twice takes
// its last value, as encoding/json would; errors come in question order.
func (d *Definition) answersFromJSON(o *fastjson.Object) (Answers, []FieldError) {
	out := make(Answers, o.Len())
	var errs []FieldError
	o.Visit(func(k []byte, raw *fastjson.Value) {
		q := d.Question(string(k))
		if q == nil {
			errs = append(errs, FieldError{Field: string(k), Message: "is not a question in this survey"})
			return
		}
		id := q.ID // the definition's string: a key of its own would cost an allocation
		delete(out, id)
		if raw.Type() == fastjson.TypeNull {
			return
		}
		v, msg := jsonValue(q, raw)
		if msg != "" {
			errs = append(errs, FieldError{Field: id, Message: msg})
			return
		}
		out[id] = v
	})
	slices.SortStableFunc(errs, func(a, b FieldError) int { return strings.Compare(a.Field, b.Field) })
	return out, errs
}

func jsonValue(q *Question, raw *fastjson.Value) (Value, string) {
	switch q.Type {
	case MultiChoice:
		list, err := raw.Array()
		if err != nil {
			return Value{}, "must be a list of option values"
		}
		choices := make([]string, len(list))
		for i, c := range list {
			var ok bool
			if choices[i], ok = jsonString(c); !ok {
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
		s, ok := jsonString(raw)
		if !ok {
			return Value{}, "must be text"
		}
		return Value{Type: q.Type, Text: s}, ""
	}
}

// jsonString reads a JSON string. Bytes that are not UTF-8 become U+FFFD,
// as encoding/json makes them.
func jsonString(v *fastjson.Value) (string, bool) {
	b, err := v.StringBytes()
	if err != nil {
		return "", false
	}
	if !utf8.Valid(b) {
		return strings.ToValidUTF8(string(b), "\uFFFD"), true
	}
	return string(b), true
}

// jsonFloat reads a JSON number that fits a float64, from the digits it
// was written with, so a number too large is reported against its own
// question.
func jsonFloat(v *fastjson.Value) (float64, bool) {
	if v.Type() != fastjson.TypeNumber {
		return 0, false
	}
	var digits [32]byte
	f, err := strconv.ParseFloat(string(v.MarshalTo(digits[:0])), 64)
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
	for _, id := range d.unknownIDs(a) {
		errs = append(errs, FieldError{Field: id, Message: "is not a question in this survey"})
	}
	for si := range d.Sections {
		for qi := range d.Sections[si].Questions {
			errs = append(errs, d.checkQuestion(&d.Sections[si].Questions[qi], a)...)
		}
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
