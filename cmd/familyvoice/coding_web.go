package main

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/analysis/learn"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/export"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
	"github.com/labstack/echo/v4"
)

// codingRoutes registers the pages where leaders correct how comments
// were coded, and export and import coded comments.
func (a *App) codingRoutes(e *echo.Echo, only func(...staff.Role) []echo.MiddlewareFunc) {
	leaders := only(staff.Leader)
	e.GET("/admin/surveys/:slug/comments/:response/:question", a.codingForm, leaders...)
	e.POST("/admin/surveys/:slug/comments/:response/:question", a.codingSave, leaders...)
	e.GET("/admin/surveys/:slug/coded", a.codedPage, leaders...)
	e.GET("/admin/surveys/:slug/export/coded.csv", a.codedExport, leaders...)
	// An import carries a whole file, far beyond the form limit.
	importLimit := []echo.MiddlewareFunc{a.limitBody(codedImportBodyLimit), a.csrf(), a.requireRole(staff.Leader)}
	e.POST("/admin/surveys/:slug/coded/import", a.codedImport, importLimit...)
}

// Limits on one import of coded comments.
const (
	maxCodedImportRows   = 20000
	codedImportBodyLimit = 8 << 20
)

// surveyForLeaders finds the survey named in the path, with its newest
// definition.
func (a *App) surveyForLeaders(c echo.Context) (*sqlite.Version, error) {
	slug := c.Param("slug")
	if !survey.ValidSlug(slug) {
		return nil, echo.ErrNotFound
	}
	return a.db.LatestVersion(c.Request().Context(), slug)
}

// staffComment is one free-text answer as staff see it.
type staffComment struct {
	ResponseID int64
	Reference  string
	Question   *survey.Question
	Text       string // redacted
	raw        string
}

// findComment returns one comment of the survey, or not found: ids of
// another survey's responses are refused.
func (a *App) findComment(c echo.Context, v *sqlite.Version) (*staffComment, error) {
	id, err := strconv.ParseInt(c.Param("response"), 10, 64)
	if err != nil {
		return nil, echo.ErrNotFound
	}
	q := v.Definition.Question(c.Param("question"))
	if q == nil || !q.Type.IsText() {
		return nil, echo.ErrNotFound
	}
	responses, err := a.insights.Responses(c.Request().Context(), v.SurveyID)
	if err != nil {
		return nil, err
	}
	for _, r := range responses {
		if r.ID == id {
			ans, ok := r.Answers[q.ID]
			if !ok || ans.IsBlank() {
				return nil, echo.ErrNotFound
			}
			return &staffComment{ResponseID: id, Reference: r.Reference, Question: q, Text: analysis.Redact(ans.Text), raw: ans.Text}, nil
		}
	}
	return nil, echo.ErrNotFound
}

type codingData struct {
	Slug, Title, Next string
	Comment           *staffComment
	Coding            analysis.Coding
	CodedBy           string
	Areas, Themes     []*analysis.Entry
	Selected          map[string]bool
	Sentiments        []analysis.Sentiment
	Saved             bool
}

func (a *App) codingForm(c echo.Context) error {
	v, err := a.surveyForLeaders(c)
	if err != nil {
		return err
	}
	cm, err := a.findComment(c, v)
	if err != nil {
		return err
	}
	cd, by, err := a.coder.Code(c.Request().Context(), v.SurveyID, cm.Reference, cm.Question.ID, cm.raw, string(cm.Question.Area))
	if err != nil {
		return err
	}
	return a.renderCoding(c, http.StatusOK, v, cm, cd, by, nil, c.QueryParam("saved") != "")
}

func (a *App) renderCoding(c echo.Context, status int, v *sqlite.Version, cm *staffComment, cd analysis.Coding, by string, errs []errorLink, saved bool) error {
	tax := a.rules.Taxonomy()
	d := codingData{Slug: v.Slug, Title: v.Definition.Title, Next: safeNext(c.QueryParam("next")), Comment: cm, Coding: cd, CodedBy: by,
		Selected: map[string]bool{}, Sentiments: []analysis.Sentiment{analysis.Positive, analysis.Negative, analysis.Mixed, analysis.Neutral}, Saved: saved}
	if d.Next == "/admin" {
		d.Next = ""
	}
	for i := range tax.Areas {
		d.Areas = append(d.Areas, &tax.Areas[i])
	}
	for i := range tax.Themes {
		d.Themes = append(d.Themes, &tax.Themes[i])
	}
	for _, id := range append(slices.Clone(cd.Areas), cd.Themes...) {
		d.Selected[id] = true
	}
	return a.page(c, status, "coding", &view{Title: "Coding of a comment", Errors: errs, Data: d})
}

// codingSave stores a leader's coding of one comment; the survey's model
// is then learned again in the background.
func (a *App) codingSave(c echo.Context) error {
	v, err := a.surveyForLeaders(c)
	if err != nil {
		return err
	}
	cm, err := a.findComment(c, v)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "the form could not be read")
	}
	tax := a.rules.Taxonomy()
	cd := analysis.Coding{Sentiment: analysis.Sentiment(form.Get("sentiment"))}
	var errs []errorLink
	for _, id := range form["areas"] {
		if tax.Area(id) == nil {
			errs = append(errs, errorLink{Href: "#areas", Message: fmt.Sprintf("%q is not a service area", id)})
		} else if !slices.Contains(cd.Areas, id) {
			cd.Areas = append(cd.Areas, id)
		}
	}
	for _, id := range form["themes"] {
		if tax.Theme(id) == nil {
			errs = append(errs, errorLink{Href: "#themes", Message: fmt.Sprintf("%q is not a theme", id)})
		} else if !slices.Contains(cd.Themes, id) {
			cd.Themes = append(cd.Themes, id)
		}
	}
	if !slices.Contains([]analysis.Sentiment{analysis.Positive, analysis.Negative, analysis.Mixed, analysis.Neutral}, cd.Sentiment) {
		errs = append(errs, errorLink{Href: "#sentiment", Message: "Choose the tone of the comment"})
	}
	if len(errs) > 0 {
		return a.renderCoding(c, http.StatusUnprocessableEntity, v, cm, cd, codedByPerson, errs, false)
	}
	slices.SortFunc(cd.Areas, func(x, y string) int {
		return slices.Index(analysis.AreaIDs, x) - slices.Index(analysis.AreaIDs, y)
	})
	err = a.coder.Correct(c.Request().Context(), v.SurveyID, sqlite.Correction{
		ResponseID: cm.ResponseID, Reference: cm.Reference, QuestionID: cm.Question.ID, Text: cm.raw,
		Areas: cd.Areas, Themes: cd.Themes, Sentiment: string(cd.Sentiment), CodedBy: actor(c),
	})
	if err != nil {
		return err
	}
	a.audit(c, "coding.correct", v.Slug, fmt.Sprintf("response %d, question %s", cm.ResponseID, cm.Question.ID))
	if next := safeNext(form.Get("next")); form.Get("next") != "" {
		return c.Redirect(http.StatusSeeOther, next)
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/admin/surveys/%s/comments/%d/%s?saved=1", v.Slug, cm.ResponseID, cm.Question.ID))
}

type codedData struct {
	Slug, Title                   string
	Examples, Corrections, Needed int
	TrainedAt                     string
}

// codedPage shows how comments are being coded (the learned model, if
// any) and offers the export and import of coded comments.
func (a *App) codedPage(c echo.Context) error {
	v, err := a.surveyForLeaders(c)
	if err != nil {
		return err
	}
	return a.renderCoded(c, http.StatusOK, v, nil)
}

func (a *App) renderCoded(c echo.Context, status int, v *sqlite.Version, errs []errorLink) error {
	examples, trained, corrections, err := a.coder.ModelInfo(c.Request().Context(), v.SurveyID)
	if err != nil {
		return err
	}
	d := codedData{Slug: v.Slug, Title: v.Definition.Title, Examples: examples, Corrections: corrections, Needed: minTrainingExamples}
	if !trained.IsZero() {
		d.TrainedAt = trained.Format("2 January 2006 at 15:04")
	}
	return a.page(c, status, "coded", &view{Title: "How comments are coded", Errors: errs, Data: d})
}

// codedExport writes every comment of the survey with its current coding
// as id,text,labels,sentiment: the file staff can correct in a
// spreadsheet and import again. Texts are redacted.
func (a *App) codedExport(c echo.Context) error {
	v, err := a.surveyForLeaders(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	responses, err := a.insights.Responses(ctx, v.SurveyID)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s-coded-comments.csv"`, v.Slug))
	c.Response().WriteHeader(http.StatusOK)
	w := csv.NewWriter(c.Response())
	w.Write([]string{"id", "text", "labels", "sentiment", "coded_by"})
	for _, r := range responses {
		for _, q := range v.Definition.Questions() {
			ans, ok := r.Answers[q.ID]
			if !q.Type.IsText() || !ok || ans.IsBlank() {
				continue
			}
			cd, by, err := a.coder.Code(ctx, v.SurveyID, r.Reference, q.ID, ans.Text, string(q.Area))
			if err != nil {
				return err
			}
			labels := append(slices.Clone(cd.Areas), cd.Themes...)
			w.Write([]string{fmt.Sprintf("%d:%s", r.ID, q.ID), export.SafeCell(analysis.Redact(ans.Text)),
				strings.Join(labels, ";"), string(cd.Sentiment), by})
		}
	}
	w.Flush()
	a.audit(c, "export", v.Slug, "coded comments CSV")
	return w.Error()
}

// codedImport reads a CSV of coded comments (id,text,labels,sentiment).
// A row whose id names a comment of this survey (as the export writes
// it) corrects that comment; any other row teaches the model as an
// example. Labels must be service area or theme ids. Nothing is stored
// unless every row is right.
func (a *App) codedImport(c echo.Context) error {
	v, err := a.surveyForLeaders(c)
	if err != nil {
		return err
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return a.renderCoded(c, http.StatusUnprocessableEntity, v, []errorLink{{Href: "#file", Message: "Choose a CSV file of coded comments"}})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	ex, err := learn.ReadExamples(f)
	if err != nil {
		return a.renderCoded(c, http.StatusUnprocessableEntity, v, []errorLink{{Href: "#file", Message: "The file could not be read: " + err.Error()}})
	}
	if len(ex) > maxCodedImportRows {
		return a.renderCoded(c, http.StatusUnprocessableEntity, v, []errorLink{{Href: "#file", Message: fmt.Sprintf("The file has %d rows; import at most %d at a time", len(ex), maxCodedImportRows)}})
	}
	ctx := c.Request().Context()
	tax := a.rules.Taxonomy()
	var errs []errorLink
	var corrections []sqlite.Correction
	var examples []sqlite.CodedExample
	for i, e := range ex {
		row := i + 2 // the header is line 1
		var areas, themes []string
		for _, l := range e.Labels {
			switch {
			case tax.Area(l) != nil:
				areas = append(areas, l)
			case tax.Theme(l) != nil:
				themes = append(themes, l)
			default:
				errs = append(errs, errorLink{Href: "#file", Message: fmt.Sprintf("Row %d: %q is not a service area or theme id", row, l)})
			}
		}
		if e.Sentiment != "" && !slices.Contains([]string{"positive", "negative", "neutral", "mixed"}, e.Sentiment) {
			errs = append(errs, errorLink{Href: "#file", Message: fmt.Sprintf("Row %d: sentiment %q must be positive, negative, neutral or mixed", row, e.Sentiment)})
		}
		if respID, qid, ok := strings.Cut(e.ID, ":"); ok {
			if id, err := strconv.ParseInt(respID, 10, 64); err == nil && v.Definition.Question(qid) != nil {
				ref, err := a.db.ReferenceByResponseID(ctx, v.SurveyID, id)
				if err == nil {
					if e.Sentiment == "" {
						errs = append(errs, errorLink{Href: "#file", Message: fmt.Sprintf("Row %d: a correction needs a sentiment", row)})
					}
					corrections = append(corrections, sqlite.Correction{ResponseID: id, Reference: ref, QuestionID: qid,
						Areas: areas, Themes: themes, Sentiment: e.Sentiment, CodedBy: actor(c)})
					continue
				}
			}
		}
		examples = append(examples, sqlite.CodedExample{ExternalID: e.ID, Text: e.Text, Labels: e.Labels, Sentiment: e.Sentiment})
	}
	if len(errs) > 10 {
		errs = append(errs[:10], errorLink{Href: "#file", Message: fmt.Sprintf("and %d more problems", len(errs)-10)})
	}
	if len(errs) > 0 {
		return a.renderCoded(c, http.StatusUnprocessableEntity, v, errs)
	}
	if err := a.db.ImportCodedExamples(ctx, v.SurveyID, actor(c), examples); err != nil {
		return err
	}
	for _, cr := range corrections {
		if err := a.coder.Correct(ctx, v.SurveyID, cr); err != nil {
			if survey.ErrorCode(err) == survey.ENotFound {
				continue // a comment that is no longer there
			}
			return err
		}
	}
	a.coder.queueRetrain(v.SurveyID)
	a.audit(c, "coding.import", v.Slug, fmt.Sprintf("%d corrections, %d examples", len(corrections), len(examples)))
	return c.Redirect(http.StatusSeeOther, "/admin/surveys/"+v.Slug+"/coded")
}
