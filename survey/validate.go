package survey

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on a definition. They keep every page small enough for a cheap
// phone and every response within the API's body limit.
const (
	MaxTitleLen       = 200
	MaxDescriptionLen = 4000
	MaxQuestionLen    = 500
	MaxHintLen        = 1000
	MaxSections       = 50
	MaxQuestions      = 300
	MinOptions        = 2
	MaxOptions        = 50
	MaxOptionValueLen = 100
	MaxOptionLabelLen = 200
	MaxTextLimit      = 10000
	MaxScalePoints    = 11
	MaxScaleLabelLen  = 100
	MaxIDLen          = 64
)

var (
	slugPattern       = regexp.MustCompile(`^[a-z0-9-]{3,64}$`)
	sectionIDPattern  = regexp.MustCompile(`^[a-z0-9_-]{1,64}$`)
	questionIDPattern = regexp.MustCompile(`^[a-z0-9_]{1,64}$`)
)

// ValidSlug reports whether s is a well-formed survey slug.
func ValidSlug(s string) bool { return slugPattern.MatchString(s) }

// Validate checks every rule of the definition format and returns an
// EInvalid *Error listing every problem, or nil.
func (d *Definition) Validate() error {
	v := &validator{}
	v.check(d)
	if len(v.errs) > 0 {
		return Invalid("the survey definition is not valid", v.errs)
	}
	return nil
}

type validator struct {
	errs []FieldError
}

func (v *validator) add(field, format string, args ...any) {
	v.errs = append(v.errs, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// text checks a required or optional text field's presence and length.
func (v *validator) text(field, s string, required bool, max int) {
	if strings.TrimSpace(s) == "" {
		if required {
			v.add(field, "is required")
		}
		return
	}
	if !utf8.ValidString(s) {
		v.add(field, "must be valid UTF-8 text")
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		v.add(field, "must be at most %d characters (it has %d)", max, n)
	}
}

func (v *validator) check(d *Definition) {
	switch {
	case d.Slug == "":
		v.add("slug", "is required")
	case !slugPattern.MatchString(d.Slug):
		v.add("slug", "must be 3 to 64 characters of lower-case letters, digits and hyphens")
	}
	v.text("title", d.Title, true, MaxTitleLen)
	v.text("description", d.Description, false, MaxDescriptionLen)
	v.text("privacy_notice", d.PrivacyNotice, false, MaxDescriptionLen)
	switch {
	case len(d.Sections) == 0:
		v.add("sections", "must have at least one section")
	case len(d.Sections) > MaxSections:
		v.add("sections", "must have at most %d sections", MaxSections)
	}

	sectionIDs := map[string]bool{}
	earlier := map[string]*Question{} // questions before the one being checked
	seen := map[string]bool{}         // every question id, to report repeats
	total := 0
	for si := range d.Sections {
		s := &d.Sections[si]
		sp := fmt.Sprintf("sections[%d]", si)
		switch {
		case s.ID == "":
			v.add(sp+".id", "is required")
		case !sectionIDPattern.MatchString(s.ID):
			v.add(sp+".id", "must be 1 to 64 characters of lower-case letters, digits, hyphens and underscores")
		case sectionIDs[s.ID]:
			v.add(sp+".id", "%q is used by an earlier section", s.ID)
		}
		sectionIDs[s.ID] = true
		v.text(sp+".title", s.Title, true, MaxTitleLen)
		v.text(sp+".description", s.Description, false, MaxDescriptionLen)
		if len(s.Questions) == 0 {
			v.add(sp+".questions", "must have at least one question")
		}
		for qi := range s.Questions {
			q := &s.Questions[qi]
			qp := fmt.Sprintf("%s.questions[%d]", sp, qi)
			total++
			v.question(q, qp, earlier)
			switch {
			case q.ID == "":
			case seen[q.ID]:
				v.add(qp+".id", "%q is used by an earlier question", q.ID)
			default:
				seen[q.ID] = true
				earlier[q.ID] = q
			}
		}
	}
	if total > MaxQuestions {
		v.add("sections", "must have at most %d questions in all (it has %d)", MaxQuestions, total)
	}
}

func (v *validator) question(q *Question, qp string, earlier map[string]*Question) {
	switch {
	case q.ID == "":
		v.add(qp+".id", "is required")
	case !questionIDPattern.MatchString(q.ID):
		v.add(qp+".id", "must be 1 to 64 characters of lower-case letters, digits and underscores")
	}
	if !slices.Contains(QuestionTypes, q.Type) {
		if q.Type == "" {
			v.add(qp+".type", "is required")
		} else {
			v.add(qp+".type", "%q is not a question type (use one of %s)", q.Type, typeList())
		}
	}
	v.text(qp+".text", q.Text, true, MaxQuestionLen)
	v.text(qp+".hint", q.Hint, false, MaxHintLen)
	if q.Area != "" && !slices.Contains(Areas, q.Area) {
		v.add(qp+".area", "%q is not a service area (use education, health, social_care, autism or post16)", q.Area)
	}

	if q.Type.HasOptions() {
		v.options(q, qp)
	} else if q.Options != nil {
		v.add(qp+".options", "are only for single_choice and multi_choice questions")
	}

	if q.Type.IsText() {
		if q.MaxLength < 0 || q.MaxLength > MaxTextLimit {
			v.add(qp+".max_length", "must be between 1 and %d", MaxTextLimit)
		}
	} else if q.MaxLength != 0 {
		v.add(qp+".max_length", "is only for short_text and long_text questions")
	}

	if q.Type == Number {
		for _, b := range []struct {
			name string
			val  *float64
		}{{"min", q.Min}, {"max", q.Max}} {
			if b.val != nil && (math.IsNaN(*b.val) || math.IsInf(*b.val, 0)) {
				v.add(qp+"."+b.name, "must be a finite number")
			}
		}
		if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
			v.add(qp+".max", "must not be less than min")
		}
	} else {
		if q.Min != nil {
			v.add(qp+".min", "is only for number questions (a scale question uses scale.min)")
		}
		if q.Max != nil {
			v.add(qp+".max", "is only for number questions (a scale question uses scale.max)")
		}
	}

	if q.Type == Scale {
		switch s := q.Scale; {
		case s == nil:
			v.add(qp+".scale", "is required for a scale question")
		case s.Max <= s.Min:
			v.add(qp+".scale.max", "must be greater than scale.min")
		case uint64(s.Max-s.Min) >= MaxScalePoints:
			// Max > Min here, so the unsigned difference is exact even
			// when the signed one would overflow.
			v.add(qp+".scale.max", "the scale may have at most %d points", MaxScalePoints)
		}
		if q.Scale != nil {
			v.text(qp+".scale.min_label", q.Scale.MinLabel, false, MaxScaleLabelLen)
			v.text(qp+".scale.max_label", q.Scale.MaxLabel, false, MaxScaleLabelLen)
		}
	} else if q.Scale != nil {
		v.add(qp+".scale", "is only for scale questions")
	}

	if q.ShowIf != nil {
		v.showIf(q, qp+".show_if", earlier)
	}
}

func typeList() string {
	names := make([]string, len(QuestionTypes))
	for i, t := range QuestionTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

func (v *validator) options(q *Question, qp string) {
	switch n := len(q.Options); {
	case n < MinOptions:
		v.add(qp+".options", "must have at least %d options", MinOptions)
	case n > MaxOptions:
		v.add(qp+".options", "must have at most %d options (it has %d)", MaxOptions, n)
	}
	values := map[string]bool{}
	for oi, o := range q.Options {
		op := fmt.Sprintf("%s.options[%d]", qp, oi)
		switch {
		case o.Value == "":
			v.add(op+".value", "is required")
		case utf8.RuneCountInString(o.Value) > MaxOptionValueLen:
			v.add(op+".value", "must be at most %d characters", MaxOptionValueLen)
		case strings.TrimSpace(o.Value) != o.Value:
			v.add(op+".value", "must not start or end with a space")
		case strings.ContainsRune(o.Value, ';'):
			v.add(op+".value", "must not contain ';', which separates choices in exports")
		case strings.IndexFunc(o.Value, unicode.IsControl) >= 0 || !utf8.ValidString(o.Value):
			v.add(op+".value", "must be plain text with no control characters")
		case values[o.Value]:
			v.add(op+".value", "%q is used by an earlier option", o.Value)
		}
		values[o.Value] = true
		v.text(op+".label", o.Label, true, MaxOptionLabelLen)
	}
}

func (v *validator) showIf(q *Question, sp string, earlier map[string]*Question) {
	c := q.ShowIf
	ref, ok := earlier[c.Question]
	switch {
	case c.Question == "":
		v.add(sp+".question", "is required")
		return
	case c.Question == q.ID:
		v.add(sp+".question", "a question cannot depend on itself")
		return
	case !ok:
		v.add(sp+".question", "%q is not an earlier question", c.Question)
		return
	}
	switch {
	case c.Equals != nil && c.AnyOf != nil:
		v.add(sp, "give either equals or any_of, not both")
		return
	case c.Equals == nil && len(c.AnyOf) == 0:
		v.add(sp, "give equals or a non-empty any_of")
		return
	case len(c.AnyOf) > MaxOptions:
		v.add(sp+".any_of", "must have at most %d values", MaxOptions)
		return
	}
	for i, val := range c.Values() {
		field := sp + ".equals"
		if c.Equals == nil {
			field = fmt.Sprintf("%s.any_of[%d]", sp, i)
		}
		if msg := conditionValueProblem(ref, val); msg != "" {
			v.add(field, "%s", msg)
		}
	}
}

// conditionValueProblem says why val can never be an answer to ref, or "".
func conditionValueProblem(ref *Question, val string) string {
	switch ref.Type {
	case SingleChoice, MultiChoice, YesNo:
		if !slices.Contains(ref.ChoiceValues(), val) {
			return fmt.Sprintf("%q is not an option of question %q", val, ref.ID)
		}
	case Scale:
		n, err := strconv.Atoi(val)
		if err != nil || ref.Scale == nil || n < ref.Scale.Min || n > ref.Scale.Max {
			return fmt.Sprintf("%q is not a point on the scale of question %q", val, ref.ID)
		}
	case Number:
		if f, err := strconv.ParseFloat(val, 64); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Sprintf("%q is not a number", val)
		}
	default:
		if strings.TrimSpace(val) == "" {
			return "must not be blank"
		}
	}
	return ""
}
