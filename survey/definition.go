// Package survey is the domain of FamilyVoice: survey definitions, skip
// logic, answers and responses. It knows nothing of HTTP or SQL; storage
// lives beneath it in survey/sqlite.
package survey

import (
	"encoding/json"
	"strconv"
)

// QuestionType is the kind of answer a question takes.
type QuestionType string

// The seven question types of the definition format.
const (
	ShortText    QuestionType = "short_text"
	LongText     QuestionType = "long_text"
	SingleChoice QuestionType = "single_choice"
	MultiChoice  QuestionType = "multi_choice"
	YesNo        QuestionType = "yes_no"
	Scale        QuestionType = "scale"
	Number       QuestionType = "number"
)

// QuestionTypes lists every question type in the order designers see them.
var QuestionTypes = []QuestionType{ShortText, LongText, SingleChoice, MultiChoice, YesNo, Scale, Number}

// IsText reports whether answers to t are free text.
func (t QuestionType) IsText() bool { return t == ShortText || t == LongText }

// HasOptions reports whether t takes its answers from a list of options.
func (t QuestionType) HasOptions() bool { return t == SingleChoice || t == MultiChoice }

// Area is a service area a question is about.
type Area string

// The five SEND service areas.
const (
	Education  Area = "education"
	Health     Area = "health"
	SocialCare Area = "social_care"
	Autism     Area = "autism"
	Post16     Area = "post16"
)

// Areas lists the service areas in their canonical order.
var Areas = []Area{Education, Health, SocialCare, Autism, Post16}

// AreaLabels gives each area the name families and leaders know it by.
var AreaLabels = map[Area]string{
	Education:  "Education",
	Health:     "Health",
	SocialCare: "Social care",
	Autism:     "Autism",
	Post16:     "Preparing for adulthood and post-16",
}

// Definition is a questionnaire: its sections and questions in order.
type Definition struct {
	Slug          string    `json:"slug"`
	Title         string    `json:"title"`
	Description   string    `json:"description,omitempty"`
	PrivacyNotice string    `json:"privacy_notice,omitempty"`
	Sections      []Section `json:"sections"`
}

// Section is one page (or a few pages, see Pages) of the family journey.
type Section struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	Description string     `json:"description,omitempty"`
	Questions   []Question `json:"questions"`
}

// Question is one question. Which fields apply depends on Type.
type Question struct {
	ID        string       `json:"id"`
	Type      QuestionType `json:"type"`
	Text      string       `json:"text"`
	Hint      string       `json:"hint,omitempty"`
	Required  bool         `json:"required,omitempty"`
	Area      Area         `json:"area,omitempty"`
	Profile   bool         `json:"profile,omitempty"`
	Options   []Option     `json:"options,omitempty"`
	MaxLength int          `json:"max_length,omitempty"`
	Min       *float64     `json:"min,omitempty"`
	Max       *float64     `json:"max,omitempty"`
	Scale     *ScaleRange  `json:"scale,omitempty"`
	ShowIf    *Condition   `json:"show_if,omitempty"`
}

// Option is one choice of a single_choice or multi_choice question.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// ScaleRange is the range of a scale question and the words at each end.
type ScaleRange struct {
	Min      int    `json:"min"`
	Max      int    `json:"max"`
	MinLabel string `json:"min_label,omitempty"`
	MaxLabel string `json:"max_label,omitempty"`
}

// Condition shows a question only when an earlier question's answer
// equals a value, or is any of several values. For a multi_choice
// question, the condition holds when any chosen option matches.
type Condition struct {
	Question string      `json:"question"`
	Equals   *CondValue  `json:"equals,omitempty"`
	AnyOf    []CondValue `json:"any_of,omitempty"`
}

// CondValue is a value in a show_if condition. Definitions may write it
// as a string or, for scale and number questions, as a number; it is kept
// as a string so one comparison serves every question type.
type CondValue string

// UnmarshalJSON accepts a JSON string or number.
func (v *CondValue) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*v = CondValue(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	f, err := n.Float64()
	if err != nil {
		return err
	}
	*v = CondValue(strconv.FormatFloat(f, 'f', -1, 64))
	return nil
}

// Values returns the values the condition accepts.
func (c *Condition) Values() []string {
	if c.Equals != nil {
		return []string{string(*c.Equals)}
	}
	out := make([]string, len(c.AnyOf))
	for i, v := range c.AnyOf {
		out[i] = string(v)
	}
	return out
}

// Default text limits, in characters (runes).
const (
	DefaultShortTextMax = 200
	DefaultLongTextMax  = 4000
)

// TextLimit returns the most characters a text answer may have.
func (q *Question) TextLimit() int {
	if q.MaxLength > 0 {
		return q.MaxLength
	}
	if q.Type == ShortText {
		return DefaultShortTextMax
	}
	return DefaultLongTextMax
}

// ChoiceValues returns the values a choice or yes/no answer may take.
func (q *Question) ChoiceValues() []string {
	if q.Type == YesNo {
		return []string{"yes", "no"}
	}
	vals := make([]string, len(q.Options))
	for i, o := range q.Options {
		vals[i] = o.Value
	}
	return vals
}

// HasChoice reports whether value is one of the question's choice values,
// without building the list as ChoiceValues does: it is checked for every
// choice answer submitted.
func (q *Question) HasChoice(value string) bool {
	if q.Type == YesNo {
		return value == "yes" || value == "no"
	}
	for _, o := range q.Options {
		if o.Value == value {
			return true
		}
	}
	return false
}

// OptionLabel returns the label shown for value, or value itself.
func (q *Question) OptionLabel(value string) string {
	switch q.Type {
	case YesNo:
		if value == "yes" {
			return "Yes"
		}
		if value == "no" {
			return "No"
		}
	case SingleChoice, MultiChoice:
		for _, o := range q.Options {
			if o.Value == value {
				return o.Label
			}
		}
	}
	return value
}

// Questions returns every question in survey order.
func (d *Definition) Questions() []*Question {
	n := 0
	for si := range d.Sections {
		n += len(d.Sections[si].Questions)
	}
	qs := make([]*Question, 0, n)
	for si := range d.Sections {
		for qi := range d.Sections[si].Questions {
			qs = append(qs, &d.Sections[si].Questions[qi])
		}
	}
	return qs
}

// Question returns the question with the given id, or nil.
func (d *Definition) Question(id string) *Question {
	for si := range d.Sections {
		for qi := range d.Sections[si].Questions {
			if d.Sections[si].Questions[qi].ID == id {
				return &d.Sections[si].Questions[qi]
			}
		}
	}
	return nil
}
