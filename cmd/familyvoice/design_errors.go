package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/familyvoice/familyvoice/survey"
)

// Definition problems come from survey.Definition.Validate with paths such
// as "sections[0].questions[2].options[1].value". The designer shows each
// one next to the form field it is about, in the words of the form, and
// keeps the validator's own message so it reads the same as `survey
// import`.

var fieldPathPattern = regexp.MustCompile(`^sections\[(\d+)\](?:\.questions\[(\d+)\])?(?:\.(.+))?$`)

// fieldPath is a definition path split into its parts. Section and
// Question are -1 when the path does not reach them.
type fieldPath struct {
	Section, Question int
	Rest              string // what follows, such as "options[1].value"
}

func parseFieldPath(p string) fieldPath {
	m := fieldPathPattern.FindStringSubmatch(p)
	if m == nil {
		return fieldPath{Section: -1, Question: -1, Rest: p}
	}
	fp := fieldPath{Section: -1, Question: -1, Rest: m[3]}
	fp.Section, _ = strconv.Atoi(m[1])
	if m[2] != "" {
		fp.Question, _ = strconv.Atoi(m[2])
	}
	return fp
}

var optionPathPattern = regexp.MustCompile(`^options\[(\d+)\]\.(value|label)$`)

// questionField maps the part of a path below a question to the id of
// its form field and the field's label.
func questionField(rest string) (id, label string) {
	if m := optionPathPattern.FindStringSubmatch(rest); m != nil {
		n, _ := strconv.Atoi(m[1])
		return fmt.Sprintf("option-%d-%s", n, m[2]), fmt.Sprintf("Option %d %s", n+1, m[2])
	}
	switch {
	case rest == "id":
		return "question-id", "Short name"
	case rest == "type":
		return "question-type", "Type"
	case rest == "text" || rest == "":
		return "question-text", "Question"
	case rest == "hint":
		return "question-hint", "Hint"
	case rest == "area":
		return "question-area", "Service area"
	case strings.HasPrefix(rest, "options"):
		return "option-0-value", "Options"
	case rest == "max_length":
		return "question-max-length", "Most characters"
	case rest == "min":
		return "question-min", "Lowest number"
	case rest == "max":
		return "question-max", "Highest number"
	case rest == "scale" || rest == "scale.min":
		return "scale-min", "Scale"
	case rest == "scale.max":
		return "scale-max", "Highest point"
	case rest == "scale.min_label":
		return "scale-min-label", "Words for the lowest point"
	case rest == "scale.max_label":
		return "scale-max-label", "Words for the highest point"
	case strings.HasPrefix(rest, "show_if"):
		return "show-if-question", "When to show this question"
	}
	return "question-text", rest
}

// sectionField maps the part of a path below a section to its field.
func sectionField(rest string) (id, label string) {
	switch rest {
	case "id":
		return "section-id", "Short name"
	case "description":
		return "section-description", "Introduction"
	case "questions":
		return "section-title", "This section"
	}
	return "section-title", "Section title"
}

// detailsField maps a top-level path to the details form's field.
func detailsField(rest string) (id, label string) {
	switch rest {
	case "slug":
		return "slug", "Web address"
	case "description":
		return "description", "Description"
	case "privacy_notice":
		return "privacy-notice", "Privacy notice"
	case "sections":
		return "title", "The survey"
	}
	return "title", "Survey title"
}

// joinMessage puts a field's label before a validator message: "Question
// is required", or with a colon where the message is a sentence of its
// own: "Highest point: the scale may have at most 11 points".
func joinMessage(label, msg string) string {
	for _, verb := range []string{"is ", "must ", "are ", "appears "} {
		if strings.HasPrefix(msg, verb) {
			return label + " " + msg
		}
	}
	return label + ": " + msg
}

// describeFieldError words a problem for the error summary of a page
// other than the one the field is on, and links to that field's page.
// def is the definition the path refers to, if known.
func describeFieldError(slug string, def *survey.Definition, fe survey.FieldError) errorLink {
	fp := parseFieldPath(fe.Field)
	switch {
	case fp.Question >= 0:
		id, label := questionField(fp.Rest)
		msg := joinMessage(label, fe.Message)
		if def != nil && fp.Section < len(def.Sections) && fp.Question < len(def.Sections[fp.Section].Questions) {
			q := &def.Sections[fp.Section].Questions[fp.Question]
			if friendly := showIfOrderProblem(def, q, fp.Rest); friendly != "" {
				msg = friendly
			}
			return errorLink{
				Href:    questionURL(slug, q.ID) + "#" + id,
				Message: fmt.Sprintf("Question %d, “%s”: %s", questionNumber(def, fp.Section, fp.Question), q.Text, msg),
			}
		}
		return errorLink{Href: designURL(slug), Message: fmt.Sprintf("Section %d, question %d: %s", fp.Section+1, fp.Question+1, msg)}
	case fp.Section >= 0:
		id, label := sectionField(fp.Rest)
		if def != nil && fp.Section < len(def.Sections) {
			sec := &def.Sections[fp.Section]
			return errorLink{
				Href:    sectionURL(slug, sec.ID) + "#" + id,
				Message: fmt.Sprintf("Section %d, “%s”: %s", fp.Section+1, sec.Title, joinMessage(label, fe.Message)),
			}
		}
		return errorLink{Href: designURL(slug), Message: fmt.Sprintf("Section %d: %s", fp.Section+1, joinMessage(label, fe.Message))}
	}
	id, label := detailsField(fp.Rest)
	return errorLink{Href: designURL(slug) + "/details#" + id, Message: joinMessage(label, fe.Message)}
}

// showIfOrderProblem explains the usual way a move breaks skip logic: a
// question now comes before the question it depends on.
func showIfOrderProblem(def *survey.Definition, q *survey.Question, rest string) string {
	if rest != "show_if.question" || q.ShowIf == nil {
		return ""
	}
	ref := def.Question(q.ShowIf.Question)
	if ref == nil || ref == q {
		return ""
	}
	return fmt.Sprintf("it depends on the answer to “%s”, so it must come after that question", ref.Text)
}

// questionNumber is the position of a question in the whole survey,
// counting from 1, as the overview numbers them.
func questionNumber(def *survey.Definition, si, qi int) int {
	n := qi + 1
	for i := 0; i < si && i < len(def.Sections); i++ {
		n += len(def.Sections[i].Questions)
	}
	return n
}

// formErrors collects the problems of one form: a message per field id
// to show beside the field, and the error summary in page order.
type formErrors struct {
	Fields  map[string]string
	Summary []errorLink
}

// add records a problem with a field on this page.
func (fe *formErrors) add(id, msg string) {
	if fe.Fields == nil {
		fe.Fields = map[string]string{}
	}
	if old, ok := fe.Fields[id]; ok {
		fe.Fields[id] = old + ". " + msg
	} else {
		fe.Fields[id] = msg
	}
	fe.Summary = append(fe.Summary, errorLink{Href: "#" + id, Message: msg})
}

// elsewhere records a problem with a field on another page.
func (fe *formErrors) elsewhere(l errorLink) {
	fe.Summary = append(fe.Summary, l)
}

func (fe *formErrors) any() bool { return len(fe.Summary) > 0 }
