package main

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
	"github.com/labstack/echo/v4"
)

// The questionnaire designer: forum staff build, try out, publish and
// close surveys in the browser. Every page is a server-rendered form, so
// it works by keyboard alone and without JavaScript. Every change loads
// the newest version, edits a copy of its definition, validates the whole
// definition with the same rules as `survey import` and stores it as the
// draft (see sqlite.UpdateDraft): nothing invalid is stored and published
// versions never change. Designers see how many families answered, never
// what they wrote.

// importBodyLimit lets a definition file of the largest allowed size
// through, with room for the multipart wrapping around it.
const importBodyLimit = survey.MaxDefinitionBytes + 64<<10

// designRoutes registers the questionnaire designer's routes.
func (a *App) designRoutes(e *echo.Echo, only func(...staff.Role) []echo.MiddlewareFunc) {
	designers := only(staff.Designer)
	e.GET("/admin/surveys", a.designList, only(staff.Designer, staff.Leader)...)
	e.GET("/admin/surveys/new", a.designNewForm, designers...)
	e.POST("/admin/surveys/new", a.designNewPost, designers...)
	e.GET("/admin/surveys/import", a.designImportForm, designers...)
	// The import form carries a whole definition file, far beyond the
	// usual form limit, so it has its own.
	e.POST("/admin/surveys/import", a.designImportPost, a.limitBody(importBodyLimit), a.csrf(), a.requireRole(staff.Designer))

	s := "/admin/surveys/:slug"
	e.GET(s, a.designOverview, designers...)
	e.GET(s+"/details", a.designDetailsForm, designers...)
	e.POST(s+"/details", a.designDetailsPost, designers...)
	e.GET(s+"/sections/new", a.designSectionNewForm, designers...)
	e.POST(s+"/sections/new", a.designSectionNewPost, designers...)
	e.GET(s+"/sections/:section", a.designSectionForm, designers...)
	e.POST(s+"/sections/:section", a.designSectionPost, designers...)
	e.POST(s+"/sections/:section/move", a.designSectionMove, designers...)
	e.GET(s+"/sections/:section/delete", a.designSectionDeleteForm, designers...)
	e.POST(s+"/sections/:section/delete", a.designSectionDeletePost, designers...)
	e.GET(s+"/sections/:section/questions/new", a.designQuestionNewForm, designers...)
	e.POST(s+"/sections/:section/questions/new", a.designQuestionNewPost, designers...)
	e.GET(s+"/questions/:question", a.designQuestionForm, designers...)
	e.POST(s+"/questions/:question", a.designQuestionPost, designers...)
	e.POST(s+"/questions/:question/move", a.designQuestionMove, designers...)
	e.GET(s+"/questions/:question/delete", a.designQuestionDeleteForm, designers...)
	e.POST(s+"/questions/:question/delete", a.designQuestionDeletePost, designers...)
	for _, step := range lifecycleSteps {
		e.GET(s+"/"+step.name, a.designLifecycleForm(step), designers...)
		e.POST(s+"/"+step.name, a.designLifecyclePost(step), designers...)
	}
	e.GET(s+"/duplicate", a.designDuplicateForm, designers...)
	e.POST(s+"/duplicate", a.designDuplicatePost, designers...)
	e.GET(s+"/export", a.designExport, designers...)

	e.GET(s+"/preview", a.previewStart, designers...)
	e.POST(s+"/preview/start", a.previewStartPost, designers...)
	e.GET(s+"/preview/page/:n", a.previewPage, designers...)
	e.POST(s+"/preview/page/:n", a.previewPagePost, designers...)
	e.GET(s+"/preview/check", a.previewCheck, designers...)
	e.POST(s+"/preview/send", a.previewSend, designers...)
	e.GET(s+"/preview/saved", a.previewSaved, designers...)
	e.GET(s+"/preview/done", a.previewDone, designers...)

	e.GET("/admin/jargon", a.jargonForm, designers...)
	e.POST("/admin/jargon", a.jargonPost, designers...)
	e.GET("/admin/jargon/download", a.jargonDownload, designers...)
}

func designURL(slug string) string { return "/admin/surveys/" + slug }

func sectionURL(slug, id string) string { return designURL(slug) + "/sections/" + id }

func questionURL(slug, id string) string { return designURL(slug) + "/questions/" + id }

// reservedSlugs are words the designer's own pages use after
// /admin/surveys/, so no survey may take them.
var reservedSlugs = map[string]bool{"new": true, "import": true}

// statusLabel is a survey's status as staff read it.
func statusLabel(s sqlite.Status) string {
	switch s {
	case sqlite.StatusPublished:
		return "Published"
	case sqlite.StatusClosed:
		return "Closed"
	default:
		return "Draft"
	}
}

// statusClass colours a status tag.
func statusClass(s sqlite.Status) string {
	switch s {
	case sqlite.StatusPublished:
		return "tag--green"
	case sqlite.StatusClosed:
		return "tag--red"
	default:
		return "tag--grey"
	}
}

// versionLabel says which version is live and which is being edited.
func versionLabel(si sqlite.SurveyInfo) string {
	switch {
	case si.PublishedVersion == 0:
		return fmt.Sprintf("%d (draft)", si.LatestVersion)
	case si.HasDraft:
		return fmt.Sprintf("%d (draft %d)", si.PublishedVersion, si.LatestVersion)
	default:
		return fmt.Sprint(si.PublishedVersion)
	}
}

// typeLabels name the question types in words designers know.
var typeLabels = map[survey.QuestionType]string{
	survey.ShortText:    "Short text",
	survey.LongText:     "Long text",
	survey.SingleChoice: "Choose one option",
	survey.MultiChoice:  "Choose one or more options",
	survey.YesNo:        "Yes or no",
	survey.Scale:        "Scale",
	survey.Number:       "Number",
}

// typeHints say what families see for each type.
var typeHints = map[survey.QuestionType]string{
	survey.ShortText:    "A one-line answer, such as a name or a few words.",
	survey.LongText:     "A box for a longer answer in the family's own words.",
	survey.SingleChoice: "Families pick one option from a list you write.",
	survey.MultiChoice:  "Families tick all the options that apply.",
	survey.YesNo:        "Families answer yes or no.",
	survey.Scale:        "Families pick a point on a scale, such as 1 to 5.",
	survey.Number:       "Families type a number, such as a number of months.",
}

type listRow struct {
	Info                                    sqlite.SurveyInfo
	Status, StatusClass, Version, DesignURL string
	SummaryURL                              string // what families said, for leaders
}

type listData struct {
	Surveys   []listRow
	CanDesign bool
	Notice    string
}

func (a *App) designList(c echo.Context) error {
	list, err := a.db.ListSurveys(c.Request().Context())
	if err != nil {
		return err
	}
	u := currentUser(c)
	d := listData{CanDesign: u.Has(staff.Designer), Notice: notices[c.QueryParam("done")]}
	for _, si := range list {
		row := listRow{Info: si, Status: statusLabel(si.Status), StatusClass: statusClass(si.Status), Version: versionLabel(si)}
		if d.CanDesign {
			row.DesignURL = designURL(si.Slug)
		}
		if u.Has(staff.Leader) {
			row.SummaryURL = summaryURL(si.Slug)
		}
		d.Surveys = append(d.Surveys, row)
	}
	return a.page(c, http.StatusOK, "design_list", &view{Title: "Surveys", Data: d})
}

// designSurvey loads the survey named in the path and its newest version.
func (a *App) designSurvey(c echo.Context) (sqlite.SurveyInfo, *sqlite.Version, error) {
	ctx := c.Request().Context()
	si, err := a.db.FindSurveyBySlug(ctx, c.Param("slug"))
	if err != nil {
		return si, nil, err
	}
	v, err := a.db.LatestVersion(ctx, si.Slug)
	return si, v, err
}

// notices are the messages shown after a change, chosen by a fixed key
// in the address so that nothing a person typed is echoed back.
var notices = map[string]string{
	"created":    "Survey created. We have added a first section and question to get you started: change them to suit your survey.",
	"saved":      "Your change has been saved.",
	"published":  "Survey published. Families can now answer it.",
	"closed":     "Survey closed. It no longer takes answers.",
	"reopened":   "Survey reopened. Families can answer it again.",
	"imported":   "Survey imported as a draft. Preview it, then publish it when it is ready.",
	"duplicated": "Survey copied as a new draft. Question short names are kept, so answers can be compared with the earlier round.",
	"deleted":    "Deleted.",
}

type overviewSection struct {
	Number                 int
	S                      *survey.Section
	EditURL, DeleteURL     string
	MoveURL, AddURL        string
	CanMoveUp, CanMoveDown bool
	Questions              []overviewQuestion
}

type overviewQuestion struct {
	Number                 int
	Q                      *survey.Question
	Type, ShowIf, Area     string
	EditURL, DeleteURL     string
	MoveURL                string
	CanMoveUp, CanMoveDown bool
	Advice                 []string
}

type overviewData struct {
	Info                  sqlite.SurveyInfo
	V                     *sqlite.Version
	Def                   *survey.Definition
	Status, StatusClass   string
	Version, Notice       string
	NextVersion           int
	PublicURL, PreviewURL string
	URL                   string
	Sections              []overviewSection
	CanPublish, CanClose  bool
	CanReopen, CanDelete  bool
	AdviceCount           int
}

func (a *App) designOverview(c echo.Context) error {
	si, v, err := a.designSurvey(c)
	if err != nil {
		return err
	}
	return a.renderOverview(c, http.StatusOK, si, v, nil)
}

func (a *App) renderOverview(c echo.Context, status int, si sqlite.SurveyInfo, v *sqlite.Version, errs []errorLink) error {
	def := v.Definition
	slug := si.Slug
	jargon := a.jargon(c)
	d := overviewData{
		Info: si, V: v, Def: def, Status: statusLabel(si.Status), StatusClass: statusClass(si.Status),
		Version: versionLabel(si), NextVersion: v.Number + 1,
		Notice:     notices[c.QueryParam("done")],
		PublicURL:  surveyPath(slug),
		PreviewURL: designURL(slug) + "/preview",
		URL:        designURL(slug),
		CanPublish: si.HasDraft,
		CanClose:   si.Status == sqlite.StatusPublished,
		CanReopen:  si.Status == sqlite.StatusClosed,
		CanDelete:  si.PublishedVersion == 0 && si.Responses == 0,
	}
	n := 0
	total := len(def.Questions())
	for i := range def.Sections {
		sec := &def.Sections[i]
		row := overviewSection{
			Number: i + 1, S: sec,
			EditURL: sectionURL(slug, sec.ID), DeleteURL: sectionURL(slug, sec.ID) + "/delete",
			MoveURL: sectionURL(slug, sec.ID) + "/move", AddURL: sectionURL(slug, sec.ID) + "/questions/new",
			CanMoveUp: i > 0, CanMoveDown: i < len(def.Sections)-1,
		}
		for j := range sec.Questions {
			q := &sec.Questions[j]
			n++
			oq := overviewQuestion{
				Number: n, Q: q, Type: typeLabels[q.Type], ShowIf: showIfText(def, q),
				Area:    survey.AreaLabels[q.Area],
				EditURL: questionURL(slug, q.ID), DeleteURL: questionURL(slug, q.ID) + "/delete",
				MoveURL: questionURL(slug, q.ID) + "/move", CanMoveUp: n > 1, CanMoveDown: n < total,
				Advice: questionAdvice(q, jargon),
			}
			d.AdviceCount += len(oq.Advice)
			row.Questions = append(row.Questions, oq)
		}
		d.Sections = append(d.Sections, row)
	}
	return a.page(c, status, "design_overview", &view{Title: def.Title, Errors: errs, Data: d})
}

// showIfText says in words when a question is shown, or "" if always.
func showIfText(def *survey.Definition, q *survey.Question) string {
	if q.ShowIf == nil {
		return ""
	}
	ref := def.Question(q.ShowIf.Question)
	if ref == nil {
		return "Only shown after question " + q.ShowIf.Question
	}
	labels := make([]string, 0, len(q.ShowIf.Values()))
	for _, v := range q.ShowIf.Values() {
		labels = append(labels, ref.OptionLabel(v))
	}
	verb := "is"
	if len(labels) > 1 {
		verb = "is any of"
	}
	if ref.Type == survey.MultiChoice {
		verb = "includes"
		if len(labels) > 1 {
			verb = "includes any of"
		}
	}
	return fmt.Sprintf("Only shown if the answer to “%s” %s: %s", ref.Text, verb, strings.Join(labels, ", "))
}

// surveyEdit applies change to the survey named in the path, or renders
// the overview with the problems that stop it. On success it goes back
// to the overview at anchor, the id of the element changed, so that the
// page scrolls there and the next Tab carries on from it.
func (a *App) surveyEdit(c echo.Context, action, detail, anchor string, change func(*survey.Definition) error) error {
	slug := c.Param("slug")
	var changed *survey.Definition
	v, err := a.db.UpdateDraft(c.Request().Context(), slug, func(def *survey.Definition) error {
		changed = def
		return change(def)
	})
	if err != nil {
		return a.overviewProblem(c, err, changed)
	}
	a.audit(c, action, slug, fmt.Sprintf("%s (version %d)", detail, v.Number))
	return c.Redirect(http.StatusSeeOther, designURL(slug)+"?done=saved#"+anchor)
}

// overviewProblem shows why a change from the overview was refused, on
// the overview itself, with status 422 (or the error's own status).
func (a *App) overviewProblem(c echo.Context, err error, changed *survey.Definition) error {
	code := survey.ErrorCode(err)
	if code != survey.EInvalid && code != survey.EConflict {
		return err
	}
	si, v, lerr := a.designSurvey(c)
	if lerr != nil {
		return lerr
	}
	return a.renderOverview(c, statusOf[code], si, v, problemLinks(c.Param("slug"), err, changed))
}

// problemLinks turns a refused change into error summary lines, each
// linking to the page where the problem can be fixed. def, when given,
// is the changed definition the field paths refer to.
func problemLinks(slug string, err error, def *survey.Definition) []errorLink {
	var se *survey.Error
	if !errors.As(err, &se) {
		return []errorLink{{Href: "#main", Message: "The change could not be made"}}
	}
	if len(se.Fields) == 0 {
		return []errorLink{{Href: "#main", Message: capitalise(se.Message)}}
	}
	links := make([]errorLink, 0, len(se.Fields))
	for _, fe := range se.Fields {
		links = append(links, describeFieldError(slug, def, fe))
	}
	return links
}
