package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/labstack/echo/v4"
)

// The question editor: one form for every setting of one question. Its
// secondary buttons (move or remove an option, add option rows, choose
// the answers of a show-if condition) send the whole form back and show
// it again with the change, storing nothing until "Save question".

// optionRow is one option as typed.
type optionRow struct{ Value, Label string }

func (o optionRow) blank() bool {
	return strings.TrimSpace(o.Value) == "" && strings.TrimSpace(o.Label) == ""
}

// questionForm is the editor's input, kept as typed so that a form with
// mistakes comes back exactly as the person left it.
type questionForm struct {
	ID, Text, Hint, Area         string
	Type                         survey.QuestionType
	Required, Profile            bool
	MaxLength, Min, Max          string
	ScaleMin, ScaleMax           string
	ScaleMinLabel, ScaleMaxLabel string
	Options                      []optionRow
	Extra                        int // blank option rows to offer
	ShowIf, ShowIfFor            string
	ShowIfValues                 []string
	ShowIfText                   string
	// BasedOn fingerprints the stored question the editor was opened on,
	// so that a save over someone else's change to it is caught.
	BasedOn string
}

// defaultExtra is how many blank option rows the editor offers.
const defaultExtra = 2

// fmtFloat shows an optional number as a form field holds it.
func fmtFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return fmtNum(*f)
}

// formFromQuestion fills the editor from a stored question.
func formFromQuestion(q *survey.Question) questionForm {
	f := questionForm{
		ID: q.ID, Text: q.Text, Hint: q.Hint, Area: string(q.Area), Type: q.Type,
		Required: q.Required, Profile: q.Profile, Min: fmtFloat(q.Min), Max: fmtFloat(q.Max), Extra: defaultExtra,
		BasedOn: questionFingerprint(q),
	}
	if q.MaxLength > 0 {
		f.MaxLength = strconv.Itoa(q.MaxLength)
	}
	if q.Scale != nil {
		f.ScaleMin, f.ScaleMax = strconv.Itoa(q.Scale.Min), strconv.Itoa(q.Scale.Max)
		f.ScaleMinLabel, f.ScaleMaxLabel = q.Scale.MinLabel, q.Scale.MaxLabel
	}
	for _, o := range q.Options {
		f.Options = append(f.Options, optionRow(o))
	}
	if q.ShowIf != nil {
		f.ShowIf, f.ShowIfFor = q.ShowIf.Question, q.ShowIf.Question
		f.ShowIfValues = q.ShowIf.Values()
		f.ShowIfText = strings.Join(f.ShowIfValues, ", ")
	}
	return f
}

// retype switches the form to another question type, keeping what still
// applies and starting the new type's settings with sensible values.
func (f *questionForm) retype(t survey.QuestionType) {
	if t == f.Type || !slices.Contains(survey.QuestionTypes, t) {
		return
	}
	f.Type = t
	if t == survey.Scale && f.ScaleMin == "" && f.ScaleMax == "" {
		f.ScaleMin, f.ScaleMax = "1", "5"
	}
	if t.HasOptions() && len(f.Options) == 0 {
		f.Extra = 3
	}
}

// newQuestionForm is the editor for a new question of type t.
func newQuestionForm(t survey.QuestionType) questionForm {
	f := questionForm{Type: survey.ShortText, Extra: defaultExtra}
	f.retype(t)
	return f
}

// readQuestionForm reads the editor's fields from a posted form.
func readQuestionForm(form url.Values) questionForm {
	f := questionForm{
		ID: strings.TrimSpace(form.Get("id")), Text: strings.TrimSpace(form.Get("text")), Hint: strings.TrimSpace(form.Get("hint")),
		Area: form.Get("area"), Type: survey.QuestionType(form.Get("type")),
		Required: form.Get("required") == "yes", Profile: form.Get("profile") == "yes",
		MaxLength: strings.TrimSpace(form.Get("max_length")), Min: strings.TrimSpace(form.Get("min")), Max: strings.TrimSpace(form.Get("max")),
		ScaleMin: strings.TrimSpace(form.Get("scale_min")), ScaleMax: strings.TrimSpace(form.Get("scale_max")),
		ScaleMinLabel: strings.TrimSpace(form.Get("scale_min_label")), ScaleMaxLabel: strings.TrimSpace(form.Get("scale_max_label")),
		ShowIf: form.Get("show_if"), ShowIfFor: form.Get("show_if_for"),
		ShowIfValues: form["show_if_values"], ShowIfText: strings.TrimSpace(form.Get("show_if_text")),
		BasedOn: form.Get("based_on"),
	}
	f.Extra, _ = strconv.Atoi(form.Get("extra"))
	f.Extra = min(max(f.Extra, 0), survey.MaxOptions)
	values, labels := form["option_value"], form["option_label"]
	for i := range max(len(values), len(labels)) {
		var o optionRow
		if i < len(values) {
			o.Value = strings.TrimSpace(values[i])
		}
		if i < len(labels) {
			o.Label = strings.TrimSpace(labels[i])
		}
		f.Options = append(f.Options, o)
	}
	return f
}

// compactOptions drops blank option rows and suggests a value for each
// option that has a label but no value.
func (f *questionForm) compactOptions() {
	var rows []optionRow
	for _, o := range f.Options {
		if !o.blank() {
			rows = append(rows, o)
		}
	}
	for i := range rows {
		if rows[i].Value == "" {
			base := suggestName(rows[i].Label, '_', 6, 40)
			if base == "" {
				base = fmt.Sprintf("option_%d", i+1)
			}
			rows[i].Value = uniqueName(base, '_', func(s string) bool {
				return slices.ContainsFunc(rows, func(o optionRow) bool { return o.Value == s })
			})
		}
	}
	f.Options = rows
}

// applyAction carries out one of the editor's secondary buttons. It
// reports false for "save" (or no button: the Enter key).
func (f *questionForm) applyAction(action string) bool {
	op, arg, _ := strings.Cut(action, ":")
	k, err := strconv.Atoi(arg)
	inRange := err == nil && k >= 0 && k < len(f.Options)
	switch {
	case op == "add-options":
		f.Extra = min(f.Extra+3, survey.MaxOptions)
	case op == "option-up" && inRange && k > 0:
		f.Options[k-1], f.Options[k] = f.Options[k], f.Options[k-1]
	case op == "option-down" && inRange && k < len(f.Options)-1:
		f.Options[k+1], f.Options[k] = f.Options[k], f.Options[k+1]
	case op == "option-remove" && inRange:
		f.Options = slices.Delete(f.Options, k, k+1)
	case op == "show-if":
		if f.ShowIf != f.ShowIfFor {
			f.ShowIfFor, f.ShowIfValues, f.ShowIfText = f.ShowIf, nil, ""
		}
	case op == "option-up", op == "option-down", op == "option-remove":
		// A stale button: show the form again as it is.
	default:
		return false
	}
	f.compactOptions()
	return true
}

// build makes the question the form describes. Problems the validator
// cannot see, such as a number that is not a number, are added to fe.
// ref finds an earlier question by id, for the show-if condition.
func (f *questionForm) build(fe *formErrors, ref func(string) *survey.Question) survey.Question {
	q := survey.Question{
		ID: f.ID, Type: f.Type, Text: f.Text, Hint: f.Hint, Area: survey.Area(f.Area),
		Required: f.Required, Profile: f.Profile,
	}
	switch {
	case f.Type.IsText():
		if f.MaxLength != "" {
			n, err := strconv.Atoi(f.MaxLength)
			if err != nil || n <= 0 {
				fe.add("question-max-length", "Most characters must be a whole number, such as 500")
			} else {
				q.MaxLength = n
			}
		}
	case f.Type.HasOptions():
		for _, o := range f.Options {
			q.Options = append(q.Options, survey.Option(o))
		}
	case f.Type == survey.Number:
		q.Min = parseBound(fe, f.Min, "question-min", "Lowest number")
		q.Max = parseBound(fe, f.Max, "question-max", "Highest number")
	case f.Type == survey.Scale:
		lo, lerr := strconv.Atoi(f.ScaleMin)
		hi, herr := strconv.Atoi(f.ScaleMax)
		if lerr != nil {
			fe.add("scale-min", "Lowest point must be a whole number, such as 1")
		}
		if herr != nil {
			fe.add("scale-max", "Highest point must be a whole number, such as 5")
		}
		if lerr == nil && herr == nil {
			q.Scale = &survey.ScaleRange{Min: lo, Max: hi, MinLabel: f.ScaleMinLabel, MaxLabel: f.ScaleMaxLabel}
		}
	}
	if f.ShowIf != "" {
		q.ShowIf = f.condition(fe, ref(f.ShowIf))
	}
	return q
}

func parseBound(fe *formErrors, s, id, label string) *float64 {
	if s == "" {
		return nil
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		fe.add(id, label+" must be a number, such as 0 or 12")
		return nil
	}
	return &n
}

// condition builds the show-if condition from the builder's fields:
// equals for one chosen answer, any_of for several.
func (f *questionForm) condition(fe *formErrors, ref *survey.Question) *survey.Condition {
	c := &survey.Condition{Question: f.ShowIf}
	if ref == nil {
		return c // the validator names the problem
	}
	if f.ShowIfFor != f.ShowIf {
		fe.add("show-if-question", "Choose which answers to “"+ref.Text+"” show this question")
		f.ShowIfFor, f.ShowIfValues, f.ShowIfText = f.ShowIf, nil, ""
		return nil
	}
	var values []string
	switch ref.Type {
	case survey.ShortText, survey.LongText:
		if f.ShowIfText != "" {
			values = []string{f.ShowIfText}
		}
	case survey.Number:
		for v := range strings.SplitSeq(f.ShowIfText, ",") {
			if v = strings.TrimSpace(v); v != "" {
				values = append(values, v)
			}
		}
	default:
		for _, v := range f.ShowIfValues {
			if v != "" {
				values = append(values, v)
			}
		}
	}
	switch len(values) {
	case 0:
		id := "show-if-value-0"
		if ref.Type.IsText() || ref.Type == survey.Number {
			id = "show-if-text"
		}
		fe.add(id, "Choose at least one answer to “"+ref.Text+"” that shows this question")
		return nil
	case 1:
		v := survey.CondValue(values[0])
		c.Equals = &v
	default:
		for _, v := range values {
			c.AnyOf = append(c.AnyOf, survey.CondValue(v))
		}
	}
	return c
}

// questionPlace says where the question being edited is, or will go.
type questionPlace struct {
	sectionID  string // for a new question: the section it is added to
	questionID string // for an existing question: its id before the edit
}

func (p questionPlace) isNew() bool { return p.questionID == "" }

// findQuestion finds the question with the given id in def, or -1, -1.
func findQuestion(def *survey.Definition, id string) (si, qi int) {
	for si := range def.Sections {
		for qi := range def.Sections[si].Questions {
			if def.Sections[si].Questions[qi].ID == id {
				return si, qi
			}
		}
	}
	return -1, -1
}

// findSection finds the section with the given id in def, or -1.
func findSection(def *survey.Definition, id string) int {
	for si := range def.Sections {
		if def.Sections[si].ID == id {
			return si
		}
	}
	return -1
}

// earlierQuestions are the questions a question at place may depend on:
// every question before it.
func earlierQuestions(def *survey.Definition, place questionPlace) []*survey.Question {
	var out []*survey.Question
	for si := range def.Sections {
		for qi := range def.Sections[si].Questions {
			q := &def.Sections[si].Questions[qi]
			if q.ID == place.questionID {
				return out
			}
			out = append(out, q)
		}
		if def.Sections[si].ID == place.sectionID && place.isNew() {
			return out
		}
	}
	return out
}

// applyQuestion returns the change that puts q in place. It records
// where q ends up in pos, so that problems can be matched to the form.
func applyQuestion(q survey.Question, place questionPlace, pos *[2]int) func(*survey.Definition) error {
	return func(def *survey.Definition) error {
		var si, qi int
		if place.isNew() {
			if si = findSection(def, place.sectionID); si < 0 {
				return survey.Errorf(survey.ENotFound, "section %s was not found", place.sectionID)
			}
			qi = len(def.Sections[si].Questions)
		} else if si, qi = findQuestion(def, place.questionID); si < 0 {
			return survey.Errorf(survey.ENotFound, "question %s was not found", place.questionID)
		}
		path := fmt.Sprintf("sections[%d].questions[%d]", si, qi)
		*pos = [2]int{si, qi}
		taken := func(id string) bool {
			other := def.Question(id)
			return other != nil && (place.isNew() || other.ID != place.questionID)
		}
		if q.ID == "" {
			base := suggestName(q.Text, '_', 5, 40)
			if base == "" {
				base = "question"
			}
			q.ID = uniqueName(base, '_', taken)
		}
		if taken(q.ID) {
			return survey.Invalid("the question cannot be saved", []survey.FieldError{{Field: path + ".id", Message: fmt.Sprintf("%q is used by another question: choose another", q.ID)}})
		}
		if place.isNew() {
			def.Sections[si].Questions = append(def.Sections[si].Questions, q)
			return nil
		}
		if q.ID != place.questionID {
			// Conditions follow a renamed question.
			for _, other := range def.Questions() {
				if other.ShowIf != nil && other.ShowIf.Question == place.questionID {
					other.ShowIf.Question = q.ID
				}
			}
		}
		def.Sections[si].Questions[qi] = q
		return nil
	}
}

// cloneDefinition returns a deep copy of def, to try a change on.
func cloneDefinition(def *survey.Definition) *survey.Definition {
	b, err := json.Marshal(def)
	if err != nil {
		panic(fmt.Sprintf("clone definition: %v", err)) // a Definition always encodes
	}
	var out survey.Definition
	if err := json.Unmarshal(b, &out); err != nil {
		panic(fmt.Sprintf("clone definition: %v", err))
	}
	return &out
}

// questionProblems sorts the problems of a refused change to a question
// into those of its form (at pos) and those elsewhere.
func questionProblems(fe *formErrors, slug string, err error, changed *survey.Definition, pos [2]int) error {
	local := func(fp fieldPath) (string, string, bool) {
		if fp.Section != pos[0] || fp.Question != pos[1] {
			return "", "", false
		}
		id, label := questionField(fp.Rest)
		return id, label, true
	}
	more, ferr := localErrors(slug, err, changed, local)
	if ferr != nil {
		return ferr
	}
	for _, l := range more.Summary {
		if id := strings.TrimPrefix(l.Href, "#"); id != l.Href {
			fe.add(id, l.Message)
		} else {
			fe.elsewhere(l)
		}
	}
	return nil
}

// questionPageData is what the question editor template shows.
type questionPageData struct {
	Heading, Caption, Action, BackURL string
	TypeURL, ChooseTypeAction         string
	ChooseType, IsNew, Published      bool
	F                                 questionForm
	TypeLabel                         string
	Types                             []radioChoice
	Areas                             []radioChoice
	Rows                              []optionRowView
	Candidates                        []radioChoice
	ShowIfChoices                     []radioChoice
	ShowIfRef                         *survey.Question
	ShowIfTextInput                   bool
	Errors                            map[string]string
	Advice                            []string
	ReadingAge                        string
	TypeChanged                       bool
	Fields                            questionFields
}

// formField is one labelled text input or text area of a form.
type formField struct {
	ID, Name, Label, Hint, Value, Error string
	Class                               string // for an input: its width
	Numeric                             bool   // offer a number keypad on phones
	Rows                                int    // for a text area
}

// questionFields are the editor's plain text fields.
type questionFields struct {
	Text, Hint, MaxLength, Min, Max formField
	ScaleMin, ScaleMax              formField
	ScaleMinLabel, ScaleMaxLabel    formField
	ID                              formField
}

func (d *questionPageData) fields() questionFields {
	f, e := d.F, d.Errors
	field := func(id, name, label, hint, value string) formField {
		return formField{ID: id, Name: name, Label: label, Hint: hint, Value: value, Error: e[id]}
	}
	number := func(ff formField) formField {
		ff.Class, ff.Numeric = "input--number", true
		return ff
	}
	idHint := "Used in exports, reports and to compare answers between rounds. Lower-case letters, numbers and underscores. Leave it blank to make one from the question."
	if d.Published {
		idHint += " This question has been published: keep its short name the same, so that answers can still be compared."
	}
	qf := questionFields{
		Text:          field("question-text", "text", "Question", "Write it as you would ask a parent face to face. Keep it short.", f.Text),
		Hint:          field("question-hint", "hint", "Hint (optional)", "Extra help shown in grey under the question. Explain any abbreviations here.", f.Hint),
		MaxLength:     number(field("question-max-length", "max_length", "Most characters (optional)", "Leave it blank for the usual limit: 200 for short text, 4,000 for long text.", f.MaxLength)),
		Min:           number(field("question-min", "min", "Lowest number allowed (optional)", "", f.Min)),
		Max:           number(field("question-max", "max", "Highest number allowed (optional)", "", f.Max)),
		ScaleMin:      number(field("scale-min", "scale_min", "Lowest point", "For example 1.", f.ScaleMin)),
		ScaleMax:      number(field("scale-max", "scale_max", "Highest point", "For example 5. A scale has at most 11 points.", f.ScaleMax)),
		ScaleMinLabel: field("scale-min-label", "scale_min_label", "Words for the lowest point (optional)", "For example: Very poor.", f.ScaleMinLabel),
		ScaleMaxLabel: field("scale-max-label", "scale_max_label", "Words for the highest point (optional)", "For example: Very good.", f.ScaleMaxLabel),
		ID:            field("question-id", "id", "Short name", idHint, f.ID),
	}
	qf.Text.Rows, qf.Hint.Rows = 3, 3
	qf.ID.Class = "input--medium"
	return qf
}

// radioChoice is one radio, checkbox or select option.
type radioChoice struct {
	ID, Value, Label, Hint string
	Checked                bool
}

type optionRowView struct {
	Index, Number             int
	Value, Label              string
	ValueError, LabelError    string
	Filled, CanUp, CanDown    bool
	UpAction, DownAction, Rem string
}

func (a *App) questionPage(c echo.Context, status int, v *sqlite.Version, place questionPlace, f questionForm, fe *formErrors) error {
	def := v.Definition
	slug := v.Slug
	d := questionPageData{F: f, IsNew: place.isNew(), BackURL: designURL(slug), TypeLabel: typeLabels[f.Type]}
	if fe != nil {
		d.Errors = fe.Fields
	}
	if place.isNew() {
		si := findSection(def, place.sectionID)
		d.Heading = "Add a question"
		d.Caption = fmt.Sprintf("Section %d: %s", si+1, def.Sections[si].Title)
		d.Action = sectionURL(slug, place.sectionID) + "/questions/new"
	} else {
		si, qi := findQuestion(def, place.questionID)
		d.Heading = "Edit question"
		d.Caption = fmt.Sprintf("Question %d, in section %d: %s", questionNumber(def, si, qi), si+1, def.Sections[si].Title)
		d.Action = questionURL(slug, place.questionID)
		d.Published = a.questionPublished(c, slug, place.questionID)
		d.TypeChanged = def.Sections[si].Questions[qi].Type != f.Type
	}
	d.TypeURL = d.Action + "?change_type=1"
	for _, t := range survey.QuestionTypes {
		d.Types = append(d.Types, radioChoice{ID: "type-" + string(t), Value: string(t), Label: typeLabels[t], Hint: typeHints[t], Checked: t == f.Type})
	}
	d.Types[0].ID = "question-type"
	d.Areas = append(d.Areas, radioChoice{ID: "question-area", Value: "", Label: "None", Checked: f.Area == ""})
	for _, ar := range survey.Areas {
		d.Areas = append(d.Areas, radioChoice{ID: "area-" + string(ar), Value: string(ar), Label: survey.AreaLabels[ar], Checked: f.Area == string(ar)})
	}
	if f.Type.HasOptions() {
		f.Extra = max(f.Extra, 1, survey.MinOptions-len(f.Options))
	}
	for i, o := range f.Options {
		d.Rows = append(d.Rows, optionRowView{
			Index: i, Number: i + 1, Value: o.Value, Label: o.Label, Filled: true,
			ValueError: d.Errors[fmt.Sprintf("option-%d-value", i)], LabelError: d.Errors[fmt.Sprintf("option-%d-label", i)],
			CanUp: i > 0, CanDown: i < len(f.Options)-1,
			UpAction: fmt.Sprintf("option-up:%d", i), DownAction: fmt.Sprintf("option-down:%d", i), Rem: fmt.Sprintf("option-remove:%d", i),
		})
	}
	for i := len(f.Options); i < len(f.Options)+f.Extra && i < survey.MaxOptions; i++ {
		d.Rows = append(d.Rows, optionRowView{Index: i, Number: i + 1,
			ValueError: d.Errors[fmt.Sprintf("option-%d-value", i)], LabelError: d.Errors[fmt.Sprintf("option-%d-label", i)]})
	}
	d.F.Extra = len(d.Rows) - len(f.Options)
	d.Candidates = append(d.Candidates, radioChoice{Value: "", Label: "Always show this question", Checked: f.ShowIf == ""})
	for _, q := range earlierQuestions(def, place) {
		si, qi := findQuestion(def, q.ID)
		d.Candidates = append(d.Candidates, radioChoice{Value: q.ID, Label: fmt.Sprintf("%d. %s", questionNumber(def, si, qi), q.Text), Checked: q.ID == f.ShowIf})
		if q.ID == f.ShowIfFor {
			d.ShowIfRef = q
		}
	}
	if ref := d.ShowIfRef; ref != nil {
		switch ref.Type {
		case survey.ShortText, survey.LongText, survey.Number:
			d.ShowIfTextInput = true
		default:
			chosen := map[string]bool{}
			for _, v := range f.ShowIfValues {
				chosen[v] = true
			}
			var values []string
			if ref.Type == survey.Scale && ref.Scale != nil {
				for n := ref.Scale.Min; n <= ref.Scale.Max; n++ {
					values = append(values, strconv.Itoa(n))
				}
			} else {
				values = ref.ChoiceValues()
			}
			for i, val := range values {
				d.ShowIfChoices = append(d.ShowIfChoices, radioChoice{ID: fmt.Sprintf("show-if-value-%d", i), Value: val, Label: ref.OptionLabel(val), Checked: chosen[val]})
			}
		}
	}
	draft := &survey.Question{Text: f.Text, Hint: f.Hint}
	d.Advice, d.ReadingAge = questionAdvice(draft, a.jargon(c)), readingAge(draft)
	d.Fields = d.fields()
	vw := &view{Title: d.Heading, Data: &d}
	if fe != nil {
		vw.Errors = fe.Summary
	}
	return a.page(c, status, "design_question", vw)
}

// errEditedElsewhere refuses a save made on a stale copy of a question.
var errEditedElsewhere = errors.New("the question was changed by someone else")

// questionFingerprint identifies a stored question's content.
func questionFingerprint(q *survey.Question) string {
	b, _ := json.Marshal(q) // a Question always marshals
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// questionPublished reports whether a question with this id is in a
// published version, when renaming it would make rounds hard to compare.
func (a *App) questionPublished(c echo.Context, slug, id string) bool {
	v, err := a.db.PublishedVersion(c.Request().Context(), slug)
	return err == nil && v.Definition.Question(id) != nil
}

// typeChooser shows the choice of question type, before the rest of the
// form: the settings a question has depend on its type.
func (a *App) typeChooser(c echo.Context, v *sqlite.Version, place questionPlace, current survey.QuestionType) error {
	d := questionPageData{ChooseType: true, IsNew: place.isNew(), BackURL: designURL(v.Slug)}
	if place.isNew() {
		d.Heading, d.ChooseTypeAction = "What type of answer does the question need?", sectionURL(v.Slug, place.sectionID)+"/questions/new"
	} else {
		d.Heading, d.ChooseTypeAction = "Change the type of answer", questionURL(v.Slug, place.questionID)
		d.BackURL = d.ChooseTypeAction
		if current == "" {
			current = survey.ShortText
		}
	}
	for _, t := range survey.QuestionTypes {
		d.Types = append(d.Types, radioChoice{ID: "type-" + string(t), Value: string(t), Label: typeLabels[t], Hint: typeHints[t], Checked: t == current})
	}
	d.Types[0].ID = "question-type"
	return a.page(c, http.StatusOK, "design_question", &view{Title: d.Heading, Data: &d})
}

func (a *App) designQuestionNewForm(c echo.Context) error {
	_, v, err := a.designSurvey(c)
	if err != nil {
		return err
	}
	place := questionPlace{sectionID: c.Param("section")}
	if findSection(v.Definition, place.sectionID) < 0 {
		return echo.ErrNotFound
	}
	t := survey.QuestionType(c.QueryParam("type"))
	if !slices.Contains(survey.QuestionTypes, t) {
		return a.typeChooser(c, v, place, "")
	}
	return a.questionPage(c, http.StatusOK, v, place, newQuestionForm(t), nil)
}

func (a *App) designQuestionForm(c echo.Context) error {
	_, v, err := a.designSurvey(c)
	if err != nil {
		return err
	}
	place := questionPlace{questionID: c.Param("question")}
	q := v.Definition.Question(place.questionID)
	if q == nil {
		return echo.ErrNotFound
	}
	if c.QueryParam("change_type") != "" {
		return a.typeChooser(c, v, place, q.Type)
	}
	f := formFromQuestion(q)
	f.retype(survey.QuestionType(c.QueryParam("type")))
	return a.questionPage(c, http.StatusOK, v, place, f, nil)
}

func (a *App) designQuestionNewPost(c echo.Context) error {
	return a.questionPost(c, questionPlace{sectionID: c.Param("section")})
}

func (a *App) designQuestionPost(c echo.Context) error {
	return a.questionPost(c, questionPlace{questionID: c.Param("question")})
}

// questionPost handles every button of the question editor.
func (a *App) questionPost(c echo.Context, place questionPlace) error {
	_, v, err := a.designSurvey(c)
	if err != nil {
		return err
	}
	def := v.Definition
	if place.isNew() && findSection(def, place.sectionID) < 0 || !place.isNew() && def.Question(place.questionID) == nil {
		return echo.ErrNotFound
	}
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "the form could not be read").SetInternal(err)
	}
	f := readQuestionForm(form)
	if f.applyAction(form.Get("action")) {
		return a.questionPage(c, http.StatusOK, v, place, f, nil)
	}
	f.compactOptions()

	// Try the change on a copy first, so that the form's own problems
	// and the definition's are reported together.
	fe := &formErrors{}
	earlier := earlierQuestions(def, place)
	ref := func(id string) *survey.Question {
		for _, q := range earlier {
			if q.ID == id {
				return q
			}
		}
		return nil
	}
	q := f.build(fe, ref)
	var pos [2]int
	trial := cloneDefinition(def)
	terr := applyQuestion(q, place, &pos)(trial)
	if terr == nil {
		terr = trial.Validate()
	}
	if terr != nil {
		if err := questionProblems(fe, v.Slug, terr, trial, pos); err != nil {
			return err
		}
	}
	if fe.any() {
		return a.questionPage(c, http.StatusUnprocessableEntity, v, place, f, fe)
	}
	var changed *survey.Definition
	saved, err := a.db.UpdateDraft(c.Request().Context(), v.Slug, func(d *survey.Definition) error {
		changed = d
		if cur := d.Question(place.questionID); !place.isNew() && f.BasedOn != "" && cur != nil {
			if now := questionFingerprint(cur); now != f.BasedOn {
				f.BasedOn = now // saving again replaces their change, knowingly
				return errEditedElsewhere
			}
		}
		return applyQuestion(q, place, &pos)(d)
	})
	if errors.Is(err, errEditedElsewhere) {
		fe.elsewhere(errorLink{Href: "#question-text", Message: "Someone else changed this question while you were editing it, " +
			"so nothing was saved. Open the survey in another tab to see their version; save again to replace it with yours"})
		return a.questionPage(c, http.StatusConflict, v, place, f, fe)
	}
	if err != nil {
		if err := questionProblems(fe, v.Slug, err, changed, pos); err != nil {
			return err
		}
		return a.questionPage(c, http.StatusUnprocessableEntity, v, place, f, fe)
	}
	id := changed.Sections[pos[0]].Questions[pos[1]].ID
	detail := "question " + id + " changed"
	if place.isNew() {
		detail = "question " + id + " added"
	} else if id != place.questionID {
		detail = "question " + place.questionID + " renamed " + id
	}
	a.audit(c, "survey.edit", v.Slug, fmt.Sprintf("%s (version %d)", detail, saved.Number))
	return c.Redirect(http.StatusSeeOther, designURL(v.Slug)+"?done=saved#question-"+id)
}
