package main

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/labstack/echo/v4"
)

// "You said, we did": leaders record what will be done about each theme
// families raised, by whom and by when, and keep it up to date. Actions
// appear in the printed report and, once a leader turns it on, on the
// public results page. The audit log records who changed which action,
// never what it says.

// actionView is an action as pages show it.
type actionView struct {
	ID                     int64
	Theme, ThemeLabel      string
	Area, AreaLabel        string
	What, Who              string
	Due                    string
	Status                 sqlite.ActionStatus
	StatusLabel            string
	StatusClass            string
	RecordedBy, RecordedAt string
	UpdatedBy, UpdatedAt   string
	Edited                 bool
	EditURL, DeleteURL     string
}

func actionStatusClass(s sqlite.ActionStatus) string {
	switch s {
	case sqlite.ActionDone:
		return "tag--green"
	case sqlite.ActionInProgress:
		return ""
	}
	return "tag--grey"
}

func newActionView(slug string, ac *sqlite.Action) actionView {
	u := actionsURL(slug) + "/" + strconv.FormatInt(ac.ID, 10)
	return actionView{
		ID: ac.ID, Theme: ac.Theme, ThemeLabel: reportThemeLabel(ac.Theme),
		Area: ac.Area, AreaLabel: reportAreaLabel(ac.Area),
		What: ac.What, Who: ac.Who, Due: reportDate(ac.Due),
		Status: ac.Status, StatusLabel: ac.Status.Label(), StatusClass: actionStatusClass(ac.Status),
		RecordedBy: ac.RecordedBy, RecordedAt: ac.RecordedAt.Format("2 January 2006"),
		UpdatedBy: ac.UpdatedBy, UpdatedAt: ac.UpdatedAt.Format("2 January 2006"),
		Edited:  !ac.UpdatedAt.Equal(ac.RecordedAt),
		EditURL: u, DeleteURL: u + "/delete",
	}
}

func actionViews(slug string, list []*sqlite.Action) []actionView {
	out := make([]actionView, len(list))
	for i, ac := range list {
		out[i] = newActionView(slug, ac)
	}
	return out
}

// actionsNotices are the messages shown after a change, chosen by a fixed
// key in the address so that nothing typed is echoed back.
var actionsNotices = map[string]string{
	"added":       "Action added.",
	"saved":       "Action saved.",
	"deleted":     "Action deleted.",
	"results-on":  "The public results page is on. Families can see it at the address below.",
	"results-off": "The public results page is off.",
	"approved":    "Quote approved for the public results page.",
	"withdrawn":   "Quote taken off the public results page.",
}

type actionsListData struct {
	Title, Slug    string
	Notice         string
	Actions        []actionView
	NewURL         string
	ReportURL      string
	ResultsURL     string
	PublicURL      string
	ResultsOn      bool
	Exports        []exportLink
	ApprovedQuotes int
}

// actionsList lists a survey's actions with links to change them, and
// says whether the public results page is on.
func (a *App) actionsList(c echo.Context) error {
	ls, err := a.reportSurvey(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	list, err := a.db.ListActions(ctx, ls.Info.ID)
	if err != nil {
		return err
	}
	on, err := a.db.ResultsPublished(ctx, ls.Info.ID)
	if err != nil {
		return err
	}
	quotes, err := a.db.ApprovedQuotes(ctx, ls.Info.ID)
	if err != nil {
		return err
	}
	d := actionsListData{
		Title: ls.Def.Title, Slug: ls.Info.Slug, Notice: actionsNotices[c.QueryParam("done")],
		Actions: actionViews(ls.Info.Slug, list), NewURL: actionsURL(ls.Info.Slug) + "/new",
		ReportURL: reportURL(ls.Info.Slug), ResultsURL: resultsAdminURL(ls.Info.Slug), PublicURL: resultsPublicURL(ls.Info.Slug),
		ResultsOn: on, Exports: exportLinks(ls.Info.Slug, ""), ApprovedQuotes: len(quotes),
	}
	return a.page(c, http.StatusOK, "actions_list", &view{Title: "You said, we did: " + ls.Def.Title, Data: d})
}

// actionForm is the add and change form as typed, kept to show again.
type actionForm struct {
	Theme, Area, What, Who string
	Day, Month, Year       string
	Status                 string
}

func readActionForm(c echo.Context) actionForm {
	return actionForm{
		Theme: strings.TrimSpace(c.FormValue("theme")), Area: strings.TrimSpace(c.FormValue("area")),
		What: c.FormValue("what"), Who: c.FormValue("who"),
		Day: strings.TrimSpace(c.FormValue("due_day")), Month: strings.TrimSpace(c.FormValue("due_month")),
		Year: strings.TrimSpace(c.FormValue("due_year")), Status: c.FormValue("status"),
	}
}

func actionFormOf(ac *sqlite.Action) actionForm {
	f := actionForm{Theme: ac.Theme, Area: ac.Area, What: ac.What, Who: ac.Who, Status: string(ac.Status)}
	if !ac.Due.IsZero() {
		f.Day, f.Month, f.Year = strconv.Itoa(ac.Due.Day()), strconv.Itoa(int(ac.Due.Month())), strconv.Itoa(ac.Due.Year())
	}
	return f
}

// actionFieldOrder is the order of the form's fields, for the error
// summary, with the element each error links to.
var actionFieldOrder = []struct{ field, href string }{
	{"theme", "#theme"}, {"area", "#area"}, {"what", "#what"}, {"who", "#who"},
	{"due", "#due-day"}, {"status", "#status-planned"},
}

// apply fills ac from the form and returns a message per field that is
// wrong, checking the choices and the date here and the rest with the
// action's own Validate.
func (f actionForm) apply(ac *sqlite.Action) map[string]string {
	errs := map[string]string{}
	ac.Theme, ac.Area, ac.What, ac.Who = f.Theme, f.Area, f.What, f.Who
	ac.Status = sqlite.ActionStatus(f.Status)
	if leaderTaxonomy().Theme(f.Theme) == nil {
		ac.Theme = ""
	}
	if f.Area != "" && !slices.Contains(analysis.AreaIDs, f.Area) {
		errs["area"] = "Choose a service area from the list, or all areas"
	}
	due, msg := parseActionDate(f.Day, f.Month, f.Year)
	if msg != "" {
		errs["due"] = msg
	}
	ac.Due = due
	var se *survey.Error
	if err := ac.Validate(); errors.As(err, &se) {
		for _, fe := range se.Fields {
			if _, seen := errs[fe.Field]; !seen {
				errs[fe.Field] = fe.Message
			}
		}
	}
	return errs
}

// parseActionDate reads a GOV.UK-style date of three boxes. All blank is
// no date (the action's Validate asks for one).
func parseActionDate(day, month, year string) (time.Time, string) {
	if day == "" && month == "" && year == "" {
		return time.Time{}, ""
	}
	var missing []string
	for _, p := range []struct{ name, v string }{{"day", day}, {"month", month}, {"year", year}} {
		if p.v == "" {
			missing = append(missing, p.name)
		}
	}
	if len(missing) > 0 {
		return time.Time{}, "The date it will be done by must include a " + strings.Join(missing, " and a ")
	}
	d, errD := strconv.Atoi(day)
	m, errM := strconv.Atoi(month)
	y, errY := strconv.Atoi(year)
	if errD != nil || errM != nil || errY != nil || len(year) != 4 {
		return time.Time{}, "The date it will be done by must be a real date, like 31 3 2027"
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m || t.Year() != y {
		return time.Time{}, "The date it will be done by must be a real date, like 31 3 2027"
	}
	if y < 2000 || y > 2100 {
		return time.Time{}, "The year must be between 2000 and 2100"
	}
	return t, ""
}

type actionOption struct{ ID, Label string }

type actionFormData struct {
	Title, Slug string
	Heading     string
	Action      string
	BackURL     string
	Button      string
	Form        actionForm
	Errors      map[string]string
	Themes      []actionOption
	Areas       []actionOption
	Statuses    []actionOption
	Recorded    string
}

func actionChoices() (themes, areas, statuses []actionOption) {
	tax := leaderTaxonomy()
	for _, t := range tax.Themes {
		themes = append(themes, actionOption{t.ID, t.Label})
	}
	for _, id := range analysis.AreaIDs {
		areas = append(areas, actionOption{id, reportAreaLabel(id)})
	}
	for _, s := range sqlite.ActionStatuses {
		statuses = append(statuses, actionOption{string(s), s.Label()})
	}
	return themes, areas, statuses
}

func (a *App) renderActionForm(c echo.Context, status int, ls *leaderSurvey, d actionFormData) error {
	d.Title, d.Slug, d.BackURL = ls.Def.Title, ls.Info.Slug, actionsURL(ls.Info.Slug)
	d.Themes, d.Areas, d.Statuses = actionChoices()
	var links []errorLink
	for _, f := range actionFieldOrder {
		if msg, ok := d.Errors[f.field]; ok {
			links = append(links, errorLink{Href: f.href, Message: msg})
		}
	}
	if d.Errors == nil {
		d.Errors = map[string]string{}
	}
	return a.page(c, status, "actions_form", &view{Title: d.Heading, Errors: links, Data: d})
}

// actionsNewForm shows the form for a new action. A link from a theme or
// area can choose them in advance (?theme=waiting_times&area=health).
func (a *App) actionsNewForm(c echo.Context) error {
	ls, err := a.reportSurvey(c)
	if err != nil {
		return err
	}
	f := actionForm{Status: string(sqlite.ActionPlanned)}
	if t := c.QueryParam("theme"); leaderTaxonomy().Theme(t) != nil {
		f.Theme = t
	}
	if ar := c.QueryParam("area"); slices.Contains(analysis.AreaIDs, ar) {
		f.Area = ar
	}
	return a.renderActionForm(c, http.StatusOK, ls, actionFormData{
		Heading: "Add an action", Action: actionsURL(ls.Info.Slug), Button: "Add action", Form: f})
}

func (a *App) actionsCreate(c echo.Context) error {
	ls, err := a.reportSurvey(c)
	if err != nil {
		return err
	}
	f := readActionForm(c)
	ac := &sqlite.Action{SurveyID: ls.Info.ID, RecordedBy: actor(c)}
	if errs := f.apply(ac); len(errs) > 0 {
		return a.renderActionForm(c, http.StatusUnprocessableEntity, ls, actionFormData{
			Heading: "Add an action", Action: actionsURL(ls.Info.Slug), Button: "Add action", Form: f, Errors: errs})
	}
	if err := a.db.CreateAction(c.Request().Context(), ac); err != nil {
		return err
	}
	a.audit(c, "action.add", ls.Info.Slug, fmt.Sprintf("action %d, theme %s", ac.ID, ac.Theme))
	return c.Redirect(http.StatusSeeOther, actionsURL(ls.Info.Slug)+"?done=added#action-"+strconv.FormatInt(ac.ID, 10))
}

// loadAction finds the survey and the action named in the path.
func (a *App) loadAction(c echo.Context) (*leaderSurvey, *sqlite.Action, error) {
	ls, err := a.reportSurvey(c)
	if err != nil {
		return nil, nil, err
	}
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, nil, survey.Errorf(survey.ENotFound, "action %q was not found", c.Param("id"))
	}
	ac, err := a.db.ActionByID(c.Request().Context(), ls.Info.ID, id)
	return ls, ac, err
}

func (a *App) actionEditData(ls *leaderSurvey, ac *sqlite.Action) actionFormData {
	rec := fmt.Sprintf("Recorded by %s on %s.", ac.RecordedBy, ac.RecordedAt.Format("2 January 2006"))
	if !ac.UpdatedAt.Equal(ac.RecordedAt) {
		rec += fmt.Sprintf(" Last changed by %s on %s.", ac.UpdatedBy, ac.UpdatedAt.Format("2 January 2006"))
	}
	return actionFormData{Heading: "Change an action", Button: "Save changes", Recorded: rec,
		Action: actionsURL(ls.Info.Slug) + "/" + strconv.FormatInt(ac.ID, 10)}
}

func (a *App) actionsEditForm(c echo.Context) error {
	ls, ac, err := a.loadAction(c)
	if err != nil {
		return err
	}
	d := a.actionEditData(ls, ac)
	d.Form = actionFormOf(ac)
	return a.renderActionForm(c, http.StatusOK, ls, d)
}

func (a *App) actionsUpdate(c echo.Context) error {
	ls, ac, err := a.loadAction(c)
	if err != nil {
		return err
	}
	d := a.actionEditData(ls, ac)
	f := readActionForm(c)
	ac.UpdatedBy = actor(c)
	if errs := f.apply(ac); len(errs) > 0 {
		d.Form, d.Errors = f, errs
		return a.renderActionForm(c, http.StatusUnprocessableEntity, ls, d)
	}
	if err := a.db.UpdateAction(c.Request().Context(), ac); err != nil {
		return err
	}
	a.audit(c, "action.change", ls.Info.Slug, fmt.Sprintf("action %d, theme %s, status %s", ac.ID, ac.Theme, ac.Status))
	return c.Redirect(http.StatusSeeOther, actionsURL(ls.Info.Slug)+"?done=saved#action-"+strconv.FormatInt(ac.ID, 10))
}

type actionDeleteData struct {
	Title   string
	A       actionView
	Action  string
	BackURL string
}

func (a *App) actionsDeleteForm(c echo.Context) error {
	ls, ac, err := a.loadAction(c)
	if err != nil {
		return err
	}
	av := newActionView(ls.Info.Slug, ac)
	return a.page(c, http.StatusOK, "actions_delete", &view{Title: "Delete this action?", Data: actionDeleteData{
		Title: ls.Def.Title, A: av, Action: av.DeleteURL, BackURL: actionsURL(ls.Info.Slug)}})
}

func (a *App) actionsDeletePost(c echo.Context) error {
	ls, ac, err := a.loadAction(c)
	if err != nil {
		return err
	}
	if err := a.db.DeleteAction(c.Request().Context(), ls.Info.ID, ac.ID); err != nil {
		return err
	}
	a.audit(c, "action.delete", ls.Info.Slug, fmt.Sprintf("action %d, theme %s", ac.ID, ac.Theme))
	return c.Redirect(http.StatusSeeOther, actionsURL(ls.Info.Slug)+"?done=deleted")
}
