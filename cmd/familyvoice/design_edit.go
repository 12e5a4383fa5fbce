package main

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/labstack/echo/v4"
)

// Sections: add, edit, move and delete; and moving and deleting
// questions, from the survey's overview.

type sectionData struct {
	Heading, Caption, Action, BackURL string
	IsNew                             bool
	Title, Description, ID            string
	FirstQuestion                     string
	Errors                            map[string]string
}

func (a *App) renderSection(c echo.Context, status int, v *sqlite.Version, d sectionData, fe *formErrors) error {
	d.BackURL = designURL(v.Slug)
	if d.IsNew {
		d.Heading, d.Action = "Add a section", designURL(v.Slug)+"/sections/new"
	} else {
		d.Heading, d.Action = "Edit section", sectionURL(v.Slug, c.Param("section"))
	}
	d.Caption = v.Definition.Title
	vw := &view{Title: d.Heading, Data: &d}
	if fe != nil {
		d.Errors, vw.Errors = fe.Fields, fe.Summary
	}
	return a.page(c, status, "design_section", vw)
}

func (a *App) designSectionNewForm(c echo.Context) error {
	_, v, err := a.designSurvey(c)
	if err != nil {
		return err
	}
	return a.renderSection(c, http.StatusOK, v, sectionData{IsNew: true}, nil)
}

func (a *App) designSectionForm(c echo.Context) error {
	_, v, err := a.designSurvey(c)
	if err != nil {
		return err
	}
	si := findSection(v.Definition, c.Param("section"))
	if si < 0 {
		return echo.ErrNotFound
	}
	s := v.Definition.Sections[si]
	return a.renderSection(c, http.StatusOK, v, sectionData{Title: s.Title, Description: s.Description, ID: s.ID}, nil)
}

func readSection(c echo.Context, isNew bool) sectionData {
	return sectionData{
		IsNew:         isNew,
		Title:         strings.TrimSpace(c.FormValue("title")),
		Description:   strings.TrimSpace(c.FormValue("description")),
		ID:            strings.TrimSpace(c.FormValue("id")),
		FirstQuestion: strings.TrimSpace(c.FormValue("first_question")),
	}
}

func (a *App) designSectionNewPost(c echo.Context) error {
	return a.sectionPost(c, true)
}

func (a *App) designSectionPost(c echo.Context) error {
	return a.sectionPost(c, false)
}

// sectionPost adds a section (with its first question, as a section needs
// one) or changes one.
func (a *App) sectionPost(c echo.Context, isNew bool) error {
	_, v, err := a.designSurvey(c)
	if err != nil {
		return err
	}
	oldID := c.Param("section")
	if !isNew && findSection(v.Definition, oldID) < 0 {
		return echo.ErrNotFound
	}
	d := readSection(c, isNew)
	var si int
	var questionID string
	change := func(def *survey.Definition) error {
		taken := func(id string) bool {
			i := findSection(def, id)
			return i >= 0 && (isNew || def.Sections[i].ID != oldID)
		}
		id := d.ID
		if id == "" {
			base := suggestName(d.Title, '_', 4, 40)
			if base == "" {
				base = "section"
			}
			id = uniqueName(base, '_', taken)
		}
		if isNew {
			si = len(def.Sections)
			q := survey.Question{Type: survey.ShortText, Text: d.FirstQuestion}
			q.ID = uniqueName(orDefault(suggestName(d.FirstQuestion, '_', 5, 40), "question"), '_', func(s string) bool { return def.Question(s) != nil })
			questionID = q.ID
			def.Sections = append(def.Sections, survey.Section{Questions: []survey.Question{q}})
		} else if si = findSection(def, oldID); si < 0 {
			return survey.Errorf(survey.ENotFound, "section %s was not found", oldID)
		}
		if taken(id) {
			return survey.Invalid("the section cannot be saved", []survey.FieldError{{Field: fmt.Sprintf("sections[%d].id", si), Message: fmt.Sprintf("%q is used by another section: choose another", id)}})
		}
		s := &def.Sections[si]
		s.ID, s.Title, s.Description = id, d.Title, d.Description
		return nil
	}
	var changed *survey.Definition
	saved, err := a.db.UpdateDraft(c.Request().Context(), v.Slug, func(def *survey.Definition) error {
		changed = def
		return change(def)
	})
	if err != nil {
		fe, ferr := localErrors(v.Slug, err, changed, func(fp fieldPath) (string, string, bool) {
			switch {
			case fp.Section != si:
				return "", "", false
			case fp.Question < 0 && (fp.Rest != "questions" || !isNew):
				id, label := sectionField(fp.Rest)
				return id, label, true
			case isNew:
				return "first-question", "First question", true
			}
			return "", "", false
		})
		if ferr != nil {
			return ferr
		}
		return a.renderSection(c, http.StatusUnprocessableEntity, v, d, fe)
	}
	s := changed.Sections[si]
	if isNew {
		a.audit(c, "survey.edit", v.Slug, fmt.Sprintf("section %s added (version %d)", s.ID, saved.Number))
		// Straight on to the first question, whose type is still to choose.
		return c.Redirect(http.StatusSeeOther, questionURL(v.Slug, questionID)+"?change_type=1")
	}
	a.audit(c, "survey.edit", v.Slug, fmt.Sprintf("section %s changed (version %d)", s.ID, saved.Number))
	return c.Redirect(http.StatusSeeOther, designURL(v.Slug)+"?done=saved")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// moveDirection reads the direction of a move button: -1 up, +1 down.
func moveDirection(c echo.Context) (int, error) {
	switch c.FormValue("direction") {
	case "up":
		return -1, nil
	case "down":
		return 1, nil
	}
	return 0, echo.NewHTTPError(http.StatusBadRequest, "move up or down")
}

func (a *App) designSectionMove(c echo.Context) error {
	dir, err := moveDirection(c)
	if err != nil {
		return err
	}
	id := c.Param("section")
	return a.surveyEdit(c, "survey.edit", "section "+id+" moved", "section-"+id, func(def *survey.Definition) error {
		si := findSection(def, id)
		if si < 0 {
			return survey.Errorf(survey.ENotFound, "section %s was not found", id)
		}
		to := si + dir
		if to < 0 || to >= len(def.Sections) {
			return survey.Errorf(survey.EConflict, "the section cannot move further %s", directionWord(dir))
		}
		def.Sections[si], def.Sections[to] = def.Sections[to], def.Sections[si]
		return nil
	})
}

func directionWord(dir int) string {
	if dir < 0 {
		return "up"
	}
	return "down"
}

// designQuestionMove moves a question one place up or down. At the start
// or end of a section it moves into the section before or after, so any
// question can reach any place with these two buttons alone.
func (a *App) designQuestionMove(c echo.Context) error {
	dir, err := moveDirection(c)
	if err != nil {
		return err
	}
	id := c.Param("question")
	return a.surveyEdit(c, "survey.edit", "question "+id+" moved", "question-"+id, func(def *survey.Definition) error {
		si, qi := findQuestion(def, id)
		if si < 0 {
			return survey.Errorf(survey.ENotFound, "question %s was not found", id)
		}
		qs := def.Sections[si].Questions
		switch to := qi + dir; {
		case to >= 0 && to < len(qs):
			qs[qi], qs[to] = qs[to], qs[qi]
		case dir < 0 && si > 0:
			q := qs[qi]
			def.Sections[si].Questions = slices.Delete(qs, qi, qi+1)
			def.Sections[si-1].Questions = append(def.Sections[si-1].Questions, q)
		case dir > 0 && si < len(def.Sections)-1:
			q := qs[qi]
			def.Sections[si].Questions = slices.Delete(qs, qi, qi+1)
			def.Sections[si+1].Questions = slices.Insert(def.Sections[si+1].Questions, 0, q)
		default:
			return survey.Errorf(survey.EConflict, "the question cannot move further %s", directionWord(dir))
		}
		return nil
	})
}

// dependents lists the questions, outside gone, whose show-if condition
// depends on a question in gone.
func dependents(def *survey.Definition, gone map[string]bool) []*survey.Question {
	var out []*survey.Question
	for _, q := range def.Questions() {
		if q.ShowIf != nil && gone[q.ShowIf.Question] && !gone[q.ID] {
			out = append(out, q)
		}
	}
	return out
}

// dropConditions removes the show-if conditions that depend on questions
// about to be deleted, so that those questions are always shown.
func dropConditions(def *survey.Definition, gone map[string]bool) {
	for _, q := range dependents(def, gone) {
		q.ShowIf = nil
	}
}

func (a *App) designSectionDeleteForm(c echo.Context) error {
	_, v, err := a.designSurvey(c)
	if err != nil {
		return err
	}
	def := v.Definition
	si := findSection(def, c.Param("section"))
	if si < 0 {
		return echo.ErrNotFound
	}
	s := &def.Sections[si]
	d := confirmData{
		Heading: "Delete section " + fmt.Sprint(si+1) + ": " + s.Title, Caption: def.Title,
		Action: sectionURL(v.Slug, s.ID) + "/delete", Button: "Delete section", BackURL: designURL(v.Slug), Warning: true,
		ItemsIntro: "These questions will be deleted with it:",
	}
	gone := map[string]bool{}
	for _, q := range s.Questions {
		gone[q.ID] = true
		d.Items = append(d.Items, q.Text)
	}
	status := http.StatusOK
	if len(def.Sections) == 1 {
		d.Refusal, status = "This is the only section. A survey needs at least one section: add another before deleting this one.", http.StatusConflict
	}
	d.Paragraphs = dependentWarning(def, gone)
	return a.page(c, status, "design_confirm", &view{Title: d.Heading, Data: d})
}

// dependentWarning explains which conditions a deletion removes.
func dependentWarning(def *survey.Definition, gone map[string]bool) []string {
	deps := dependents(def, gone)
	if len(deps) == 0 {
		return []string{"You cannot undo this, but the published versions of the survey, and families' answers to them, are not changed."}
	}
	names := make([]string, len(deps))
	for i, q := range deps {
		names[i] = "“" + q.Text + "”"
	}
	return []string{
		"Some questions are only shown depending on an answer you are deleting: " + strings.Join(names, ", ") + ". Their conditions will be removed, so they will always be shown.",
		"You cannot undo this, but the published versions of the survey, and families' answers to them, are not changed.",
	}
}

func (a *App) designSectionDeletePost(c echo.Context) error {
	id := c.Param("section")
	return a.surveyEdit(c, "survey.edit", "section "+id+" deleted", "main", func(def *survey.Definition) error {
		si := findSection(def, id)
		if si < 0 {
			return survey.Errorf(survey.ENotFound, "section %s was not found", id)
		}
		gone := map[string]bool{}
		for _, q := range def.Sections[si].Questions {
			gone[q.ID] = true
		}
		dropConditions(def, gone)
		def.Sections = slices.Delete(def.Sections, si, si+1)
		return nil
	})
}

func (a *App) designQuestionDeleteForm(c echo.Context) error {
	_, v, err := a.designSurvey(c)
	if err != nil {
		return err
	}
	def := v.Definition
	si, qi := findQuestion(def, c.Param("question"))
	if si < 0 {
		return echo.ErrNotFound
	}
	q := &def.Sections[si].Questions[qi]
	d := confirmData{
		Heading: fmt.Sprintf("Delete question %d", questionNumber(def, si, qi)), Caption: def.Title,
		Items: []string{q.Text}, ItemsIntro: "This question will be deleted:",
		Action: questionURL(v.Slug, q.ID) + "/delete", Button: "Delete question", BackURL: designURL(v.Slug), Warning: true,
	}
	status := http.StatusOK
	if len(def.Sections[si].Questions) == 1 {
		d.Refusal, status = "This is the only question in its section. A section needs at least one question: add another question first, or delete the whole section.", http.StatusConflict
	}
	d.Paragraphs = dependentWarning(def, map[string]bool{q.ID: true})
	return a.page(c, status, "design_confirm", &view{Title: d.Heading, Data: d})
}

func (a *App) designQuestionDeletePost(c echo.Context) error {
	id := c.Param("question")
	return a.surveyEdit(c, "survey.edit", "question "+id+" deleted", "main", func(def *survey.Definition) error {
		si, qi := findQuestion(def, id)
		if si < 0 {
			return survey.Errorf(survey.ENotFound, "question %s was not found", id)
		}
		dropConditions(def, map[string]bool{id: true})
		def.Sections[si].Questions = slices.Delete(def.Sections[si].Questions, qi, qi+1)
		return nil
	})
}
