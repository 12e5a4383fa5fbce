package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/labstack/echo/v4"
)

// Creating, naming, publishing, closing, reopening, deleting and copying
// whole surveys.

// newSurveyData is the form to create a survey, or to copy one.
type newSurveyData struct {
	Title, Slug, Action, BackURL string
	Heading, Button, Intro       string
	Suggested                    bool
	Errors                       map[string]string
}

func (a *App) designNewForm(c echo.Context) error {
	return a.renderNewSurvey(c, http.StatusOK, newSurveyData{}, nil)
}

func (a *App) renderNewSurvey(c echo.Context, status int, d newSurveyData, fe *formErrors) error {
	if d.Action == "" {
		d.Action, d.BackURL = "/admin/surveys/new", "/admin/surveys"
		d.Heading, d.Button = "Create a survey", "Create survey"
	}
	v := &view{Title: d.Heading, Data: &d}
	if fe != nil {
		d.Errors, v.Errors = fe.Fields, fe.Summary
	}
	return a.page(c, status, "design_new", v)
}

// starterSection is the first section of a new survey, so that it is
// valid from the start: a survey needs a section with a question.
func starterSection() survey.Section {
	return survey.Section{ID: "section_1", Title: "Section 1", Questions: []survey.Question{
		{ID: "question_1", Type: survey.ShortText, Text: "Question 1"},
	}}
}

// readNewSurvey reads and checks the title and web address of a new
// survey. With no web address it suggests one from the title, and
// suggested is true: the person is asked to check it before going on.
func (a *App) readNewSurvey(c echo.Context, d *newSurveyData, sections []survey.Section) (def *survey.Definition, fe *formErrors, err error) {
	ctx := c.Request().Context()
	d.Title = strings.TrimSpace(c.FormValue("title"))
	d.Slug = strings.ToLower(strings.TrimSpace(c.FormValue("slug")))
	fe = &formErrors{}
	if d.Slug == "" && d.Title != "" {
		d.Slug, err = a.freeSlug(ctx, suggestSlug(d.Title))
		d.Suggested = true
		return nil, fe, err
	}
	def = &survey.Definition{Slug: d.Slug, Title: d.Title, Sections: sections}
	if verr := def.Validate(); verr != nil {
		var se *survey.Error
		errors.As(verr, &se)
		for _, f := range se.Fields {
			if f.Field == "slug" || f.Field == "title" {
				id, label := detailsField(f.Field)
				fe.add(id, joinMessage(label, f.Message))
			} else {
				fe.elsewhere(describeFieldError(d.Slug, def, f))
			}
		}
	}
	if _, ok := fe.Fields["slug"]; !ok && d.Slug != "" {
		taken, err := a.db.SlugTaken(ctx, d.Slug)
		if err != nil {
			return nil, nil, err
		}
		if taken || reservedSlugs[d.Slug] {
			fe.add("slug", fmt.Sprintf("Web address %q is already used: choose another", d.Slug))
		}
	}
	return def, fe, nil
}

// freeSlug returns base, or base with a number added, that no survey uses.
func (a *App) freeSlug(ctx context.Context, base string) (string, error) {
	var ferr error
	slug := uniqueName(base, '-', func(s string) bool {
		if reservedSlugs[s] {
			return true
		}
		taken, err := a.db.SlugTaken(ctx, s)
		if err != nil {
			ferr = err
			return false
		}
		return taken
	})
	return slug, ferr
}

func (a *App) designNewPost(c echo.Context) error {
	var d newSurveyData
	def, fe, err := a.readNewSurvey(c, &d, []survey.Section{starterSection()})
	if err != nil {
		return err
	}
	if d.Suggested || fe.any() {
		status := http.StatusUnprocessableEntity
		if d.Suggested {
			status = http.StatusOK
		}
		return a.renderNewSurvey(c, status, d, fe)
	}
	if _, err := a.db.CreateSurvey(c.Request().Context(), def); err != nil {
		if survey.ErrorCode(err) == survey.EConflict {
			fe.add("slug", capitalise(err.Error()))
			return a.renderNewSurvey(c, http.StatusUnprocessableEntity, d, fe)
		}
		return err
	}
	a.audit(c, "survey.create", def.Slug, "version 1")
	return c.Redirect(http.StatusSeeOther, designURL(def.Slug)+"?done=created")
}

// detailsData is the form for a survey's title, description and privacy
// notice.
type detailsData struct {
	Title, Description, PrivacyNotice string
	Action, BackURL                   string
	Errors                            map[string]string
}

func (a *App) designDetailsForm(c echo.Context) error {
	_, v, err := a.designSurvey(c)
	if err != nil {
		return err
	}
	def := v.Definition
	return a.renderDetails(c, http.StatusOK, detailsData{Title: def.Title, Description: def.Description, PrivacyNotice: def.PrivacyNotice}, nil)
}

func (a *App) renderDetails(c echo.Context, status int, d detailsData, fe *formErrors) error {
	slug := c.Param("slug")
	d.Action, d.BackURL = designURL(slug)+"/details", designURL(slug)
	v := &view{Title: "Title and description", Data: &d}
	if fe != nil {
		d.Errors, v.Errors = fe.Fields, fe.Summary
	}
	return a.page(c, status, "design_details", v)
}

func (a *App) designDetailsPost(c echo.Context) error {
	d := detailsData{
		Title:         strings.TrimSpace(c.FormValue("title")),
		Description:   strings.TrimSpace(c.FormValue("description")),
		PrivacyNotice: strings.TrimSpace(c.FormValue("privacy_notice")),
	}
	slug := c.Param("slug")
	var changed *survey.Definition
	v, err := a.db.UpdateDraft(c.Request().Context(), slug, func(def *survey.Definition) error {
		changed = def
		def.Title, def.Description, def.PrivacyNotice = d.Title, d.Description, d.PrivacyNotice
		return nil
	})
	if err != nil {
		fe, ferr := localErrors(slug, err, changed, func(fp fieldPath) (string, string, bool) {
			if fp.Section >= 0 {
				return "", "", false
			}
			id, label := detailsField(fp.Rest)
			return id, label, true
		})
		if ferr != nil {
			return ferr
		}
		return a.renderDetails(c, http.StatusUnprocessableEntity, d, fe)
	}
	a.audit(c, "survey.edit", slug, fmt.Sprintf("title and description (version %d)", v.Number))
	return c.Redirect(http.StatusSeeOther, designURL(slug)+"?done=saved")
}

// localErrors sorts the problems of a refused change into those of the
// form on this page (local reports the field id and label of each) and
// those to fix elsewhere. An error that is not a domain problem is
// returned as ferr, for the error handler.
func localErrors(slug string, err error, changed *survey.Definition, local func(fieldPath) (id, label string, ok bool)) (fe *formErrors, ferr error) {
	var se *survey.Error
	if !errors.As(err, &se) || se.Code == survey.EInternal {
		return nil, err
	}
	if se.Code == survey.ENotFound {
		return nil, err
	}
	fe = &formErrors{}
	if len(se.Fields) == 0 {
		fe.elsewhere(errorLink{Href: "#main", Message: capitalise(se.Message)})
		return fe, nil
	}
	for _, f := range se.Fields {
		if id, label, ok := local(parseFieldPath(f.Field)); ok {
			fe.add(id, joinMessage(label, f.Message))
		} else {
			fe.elsewhere(describeFieldError(slug, changed, f))
		}
	}
	return fe, nil
}

// lifecycleStep is one of the actions that change a whole survey's
// state, each confirmed on a page of its own.
type lifecycleStep struct {
	name, action, notice string
	title, button        string
	warning              bool
	// check says why the step cannot be taken now, or "".
	check func(si sqlite.SurveyInfo) string
	// explain gives the paragraphs of the confirmation page.
	explain func(a *App, c echo.Context, si sqlite.SurveyInfo, v *sqlite.Version) []string
	do      func(a *App, ctx context.Context, slug string) (string, error)
	next    func(slug string) string
}

var lifecycleSteps = []lifecycleStep{
	{
		name: "publish", action: "survey.publish", notice: "published",
		title: "Publish this survey", button: "Publish survey",
		check: func(si sqlite.SurveyInfo) string {
			if !si.HasDraft {
				return fmt.Sprintf("Version %d is already published and there are no changes since. Make a change first, and it will start a new draft to publish.", si.PublishedVersion)
			}
			return ""
		},
		explain: func(a *App, c echo.Context, si sqlite.SurveyInfo, v *sqlite.Version) []string {
			p := []string{fmt.Sprintf("Version %d will be published. Families will be able to answer it at %s.", v.Number, surveyPath(si.Slug)),
				"A published version cannot be changed. If you change the survey later, your changes start a new draft version, which you publish in the same way."}
			if si.PublishedVersion > 0 {
				p = append(p, fmt.Sprintf("The %d answers already sent stay with the version the family answered. Families part-way through version %d can finish it.", si.Responses, si.PublishedVersion))
			}
			if si.Status == sqlite.StatusClosed {
				p = append(p, "The survey is closed. Publishing opens it to answers again.")
			}
			if n := adviceCount(v.Definition, a.jargon(c)); n > 0 {
				p = append(p, fmt.Sprintf("The plain English check has %d suggestions for the questions. They do not stop you publishing, but families find plain questions easier to answer.", n))
			}
			return p
		},
		do: func(a *App, ctx context.Context, slug string) (string, error) {
			v, err := a.db.Publish(ctx, slug)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("version %d", v.Number), nil
		},
	},
	{
		name: "close", action: "survey.close", notice: "closed",
		title: "Close this survey", button: "Close survey", warning: true,
		check: func(si sqlite.SurveyInfo) string {
			if si.Status != sqlite.StatusPublished {
				return "Only a published survey that is open to answers can be closed."
			}
			return ""
		},
		explain: func(a *App, c echo.Context, si sqlite.SurveyInfo, v *sqlite.Version) []string {
			return []string{"Families will no longer be able to answer it. Answers already sent are kept.",
				"Families part-way through will not be able to send their answers. You can reopen the survey later."}
		},
		do: func(a *App, ctx context.Context, slug string) (string, error) {
			return "", a.db.SetStatus(ctx, slug, sqlite.StatusClosed)
		},
	},
	{
		name: "reopen", action: "survey.reopen", notice: "reopened",
		title: "Reopen this survey", button: "Reopen survey",
		check: func(si sqlite.SurveyInfo) string {
			if si.Status != sqlite.StatusClosed {
				return "Only a closed survey can be reopened."
			}
			return ""
		},
		explain: func(a *App, c echo.Context, si sqlite.SurveyInfo, v *sqlite.Version) []string {
			return []string{fmt.Sprintf("Families will be able to answer version %d again at %s.", si.PublishedVersion, surveyPath(si.Slug))}
		},
		do: func(a *App, ctx context.Context, slug string) (string, error) {
			return "", a.db.SetStatus(ctx, slug, sqlite.StatusPublished)
		},
	},
	{
		name: "delete", action: "survey.delete", notice: "deleted",
		title: "Delete this survey", button: "Delete survey", warning: true,
		check: func(si sqlite.SurveyInfo) string {
			if si.PublishedVersion > 0 || si.Responses > 0 {
				return "Only a draft that was never published can be deleted, so that families' answers are never lost. Close the survey instead."
			}
			return ""
		},
		explain: func(a *App, c echo.Context, si sqlite.SurveyInfo, v *sqlite.Version) []string {
			return []string{"The draft and all its sections and questions will be deleted. You cannot undo this.",
				"If you might want it later, export it first."}
		},
		do: func(a *App, ctx context.Context, slug string) (string, error) {
			return "", a.db.DeleteSurvey(ctx, slug)
		},
		next: func(string) string { return "/admin/surveys" },
	},
}

// confirmData is a page that asks "are you sure?" before an action that
// cannot be undone, or explains why it cannot be taken.
type confirmData struct {
	Heading, Caption    string
	Paragraphs, Items   []string
	ItemsIntro, Refusal string
	Action, Button      string
	BackURL             string
	Warning             bool
	Hidden              map[string]string // sent with the form
}

func (a *App) designLifecycleForm(step lifecycleStep) echo.HandlerFunc {
	return func(c echo.Context) error {
		si, v, err := a.designSurvey(c)
		if err != nil {
			return err
		}
		d := confirmData{Heading: step.title, Caption: v.Definition.Title, Button: step.button, Warning: step.warning,
			Action: designURL(si.Slug) + "/" + step.name, BackURL: designURL(si.Slug)}
		status := http.StatusOK
		if d.Refusal = step.check(si); d.Refusal != "" {
			status = http.StatusConflict
		} else {
			d.Paragraphs = step.explain(a, c, si, v)
		}
		return a.page(c, status, "design_confirm", &view{Title: step.title, Data: d})
	}
}

func (a *App) designLifecyclePost(step lifecycleStep) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		si, err := a.db.FindSurveyBySlug(ctx, c.Param("slug"))
		if err != nil {
			return err
		}
		if refusal := step.check(si); refusal != "" {
			return a.designLifecycleForm(step)(c)
		}
		detail, err := step.do(a, ctx, si.Slug)
		if survey.ErrorCode(err) == survey.EConflict {
			// Someone else got there first: show the page as it now is.
			return a.designLifecycleForm(step)(c)
		}
		if err != nil {
			return err
		}
		a.audit(c, step.action, si.Slug, detail)
		next := designURL(si.Slug)
		if step.next != nil {
			next = step.next(si.Slug)
		}
		return c.Redirect(http.StatusSeeOther, next+"?done="+step.notice)
	}
}

func (a *App) designDuplicateForm(c echo.Context) error {
	si, v, err := a.designSurvey(c)
	if err != nil {
		return err
	}
	title, _ := nextRound(v.Definition.Title)
	slug, bumped := nextRound(si.Slug)
	if !bumped {
		slug = slug + "-2"
	}
	if slug, err = a.freeSlug(c.Request().Context(), slug); err != nil {
		return err
	}
	return a.renderDuplicate(c, http.StatusOK, v, newSurveyData{Title: title, Slug: slug}, nil)
}

func (a *App) renderDuplicate(c echo.Context, status int, v *sqlite.Version, d newSurveyData, fe *formErrors) error {
	d.Action, d.BackURL = designURL(v.Slug)+"/duplicate", designURL(v.Slug)
	d.Heading, d.Button = "Copy as a new round", "Copy survey"
	d.Intro = fmt.Sprintf("This copies version %d of “%s”, with all its sections and questions, as a new draft survey. Question short names stay the same, so answers to the two rounds can be compared. The original is not changed.", v.Number, v.Definition.Title)
	return a.renderNewSurvey(c, status, d, fe)
}

func (a *App) designDuplicatePost(c echo.Context) error {
	_, v, err := a.designSurvey(c)
	if err != nil {
		return err
	}
	var d newSurveyData
	def, fe, err := a.readNewSurvey(c, &d, v.Definition.Sections)
	if err != nil {
		return err
	}
	if d.Suggested || fe.any() {
		status := http.StatusUnprocessableEntity
		if d.Suggested {
			status = http.StatusOK
		}
		return a.renderDuplicate(c, status, v, d, fe)
	}
	def.Description, def.PrivacyNotice = v.Definition.Description, v.Definition.PrivacyNotice
	if _, err := a.db.CreateSurvey(c.Request().Context(), def); err != nil {
		if survey.ErrorCode(err) == survey.EConflict {
			fe.add("slug", capitalise(err.Error()))
			return a.renderDuplicate(c, http.StatusUnprocessableEntity, v, d, fe)
		}
		return err
	}
	a.audit(c, "survey.duplicate", def.Slug, fmt.Sprintf("copied from %s version %d", v.Slug, v.Number))
	return c.Redirect(http.StatusSeeOther, designURL(def.Slug)+"?done=duplicated")
}
