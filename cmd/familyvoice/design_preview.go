package main

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/labstack/echo/v4"
)

// The preview shows the newest version of a survey, draft or not, exactly
// as families see it: the same templates, the same steps (Pages) and the
// same skip logic. It stores nothing. The answers given so far travel in
// the page address (?p=, compressed), so each step can be shown, checked
// and skipped as in the real journey, and they vanish with the tab.

// maxPreviewState keeps the address well under the server's header limit.
const maxPreviewState = 16 << 10

func encodePreview(ans survey.Answers) string {
	if len(ans) == 0 {
		return ""
	}
	b, err := json.Marshal(ans)
	if err != nil {
		return "" // answers hold only text, lists and numbers
	}
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression) // the level is valid
	w.Write(b)
	w.Close()
	return base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// decodePreview reads the answers carried in the address. Anything that
// does not fit the definition (a changed survey, an edited address) is
// dropped, as in a family's saved draft.
func decodePreview(def *survey.Definition, s string) survey.Answers {
	out := survey.Answers{}
	if s == "" || len(s) > maxPreviewState*2 {
		return out
	}
	z, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return out
	}
	b, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(z)), 1<<20))
	if err != nil {
		return out
	}
	ans, _, err := def.ParseJSONAnswers(b)
	if err != nil {
		return out
	}
	for id, v := range ans {
		if survey.CheckAnswer(def.Question(id), v) == "" {
			out[id] = v
		}
	}
	return def.Prune(out)
}

// preview is one step of a preview: the survey, the answers so far and
// the journey logic of the real thing.
type preview struct {
	v    *sqlite.Version
	j    *journey
	base string
}

func (a *App) loadPreview(c echo.Context) (*preview, error) {
	_, v, err := a.designSurvey(c)
	if err != nil {
		return nil, err
	}
	ans := decodePreview(v.Definition, c.QueryParam("p"))
	j := &journey{v: v, d: &sqlite.Draft{Version: v, Answers: ans}, def: v.Definition, pages: v.Definition.Pages()}
	return &preview{v: v, j: j, base: designURL(v.Slug) + "/preview"}, nil
}

// url adds the answers so far to a preview address.
func (p *preview) url(path string, change bool, fragment string) string {
	q := url.Values{}
	if s := encodePreview(p.j.d.Answers); s != "" {
		q.Set("p", s)
	}
	if change {
		q.Set("change", "1")
	}
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	if fragment != "" {
		path += "#" + fragment
	}
	return path
}

func (p *preview) stepURL(n int, change bool) string {
	if n >= len(p.j.pages) {
		return p.url(p.base+"/check", false, "")
	}
	return p.url(p.base+"/page/"+strconv.Itoa(n), change, "")
}

// changeURL links from the preview's "check your answers" to question q
// on step n.
func (p *preview) changeURL(n int, q *survey.Question) string {
	return p.url(p.base+"/page/"+strconv.Itoa(n), true, fieldID(q.ID))
}

func (a *App) previewStart(c echo.Context) error {
	p, err := a.loadPreview(c)
	if err != nil {
		return err
	}
	data := newStartData(p.v.Definition)
	data.StartURL, data.ResumeURL = p.base+"/start", p.base+"/saved"
	return a.page(c, http.StatusOK, "start", &view{HomeURL: p.base, Data: data})
}

func (a *App) previewStartPost(c echo.Context) error {
	p, err := a.loadPreview(c)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, p.stepURL(p.j.nextPage(0), false))
}

func (a *App) previewPage(c echo.Context) error {
	p, err := a.loadPreview(c)
	if err != nil {
		return err
	}
	n, err := stepNumber(c, p.j)
	if err != nil {
		return err
	}
	views := p.j.savedViews(n)
	if len(views) == 0 {
		return c.Redirect(http.StatusSeeOther, p.stepURL(p.j.nextPage(n), false))
	}
	return a.renderPreviewPage(c, p, n, views, nil, http.StatusOK)
}

func (a *App) renderPreviewPage(c echo.Context, p *preview, n int, views []questionView, errs []errorLink, status int) error {
	change := c.QueryParam("change") != ""
	j := p.j
	back := p.url(p.base, false, "")
	if change {
		back = p.stepURL(len(j.pages), false)
	} else if prev := j.prevPage(n); prev >= 0 {
		back = p.stepURL(prev, false)
	}
	return a.page(c, status, "page", &view{HomeURL: p.base, Errors: errs, Data: j.pageData(n, views, p.stepURL(n, change), back, change)})
}

// previewPagePost takes one step's answers as respondPagePost does, but
// carries them on in the address instead of storing them.
func (a *App) previewPagePost(c echo.Context) error {
	p, err := a.loadPreview(c)
	if err != nil {
		return err
	}
	n, err := stepNumber(c, p.j)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "the form could not be read").SetInternal(err)
	}
	j := p.j
	saving := form.Get("action") == "save"
	given, views, errs := j.readStep(n, form, saving)
	if len(errs) > 0 && !saving {
		return a.renderPreviewPage(c, p, n, views, errs, http.StatusUnprocessableEntity)
	}
	j.keepStep(n, given)
	if len(encodePreview(j.d.Answers)) > maxPreviewState {
		msg := "A preview keeps your answers in the page address, which has a size limit. Use shorter answers to try the survey out."
		for i := range views {
			views[i].Error = ""
		}
		return a.renderPreviewPage(c, p, n, views, []errorLink{{Href: "#" + views[0].ID, Message: msg}}, http.StatusUnprocessableEntity)
	}
	if saving {
		return c.Redirect(http.StatusSeeOther, p.savedURL(n))
	}
	if c.QueryParam("change") != "" {
		if m := j.firstIncompleteStep(); m < len(j.pages) {
			return c.Redirect(http.StatusSeeOther, p.stepURL(m, true))
		}
		return c.Redirect(http.StatusSeeOther, p.stepURL(len(j.pages), false))
	}
	return c.Redirect(http.StatusSeeOther, p.stepURL(j.nextPage(n+1), false))
}

// savedURL is the page that explains saving, which a preview cannot
// do, with the way back to step n.
func (p *preview) savedURL(n int) string {
	q := url.Values{"step": {strconv.Itoa(n)}}
	if s := encodePreview(p.j.d.Answers); s != "" {
		q.Set("p", s)
	}
	return p.base + "/saved?" + q.Encode()
}

func (a *App) previewCheck(c echo.Context) error {
	p, err := a.loadPreview(c)
	if err != nil {
		return err
	}
	return a.renderPreviewCheck(c, p, nil, http.StatusOK)
}

func (a *App) renderPreviewCheck(c echo.Context, p *preview, errs []errorLink, status int) error {
	j := p.j
	secs := j.checkSections(p.changeURL)
	back := p.url(p.base, false, "")
	if prev := j.prevPage(len(j.pages)); prev >= 0 {
		back = p.stepURL(prev, false)
	}
	return a.page(c, status, "check", &view{HomeURL: p.base, Errors: errs, Data: checkData{
		Sections: secs, BackURL: back, SendURL: p.url(p.base+"/send", false, ""),
	}})
}

// previewSend checks the answers as sending them would, and stores
// nothing.
func (a *App) previewSend(c echo.Context) error {
	p, err := a.loadPreview(c)
	if err != nil {
		return err
	}
	j := p.j
	if problems := j.def.ValidateAnswers(j.d.Answers); len(problems) > 0 {
		errs := j.problemLinks(problems, p.stepURL(len(j.pages), false), p.changeURL)
		return a.renderPreviewCheck(c, p, errs, http.StatusUnprocessableEntity)
	}
	return c.Redirect(http.StatusSeeOther, p.base+"/done")
}

type previewEndData struct {
	Title, StartURL, DesignURL, ContinueURL string
	Saved                                   bool
}

func (a *App) previewSaved(c echo.Context) error {
	p, err := a.loadPreview(c)
	if err != nil {
		return err
	}
	d := previewEndData{Title: p.v.Definition.Title, Saved: true, StartURL: p.base, DesignURL: designURL(p.v.Slug)}
	if n, err := strconv.Atoi(c.QueryParam("step")); err == nil && n >= 0 && n < len(p.j.pages) {
		d.ContinueURL = p.stepURL(n, false)
	}
	return a.page(c, http.StatusOK, "design_preview_end", &view{Title: "Saving answers", HomeURL: p.base, Data: d})
}

func (a *App) previewDone(c echo.Context) error {
	p, err := a.loadPreview(c)
	if err != nil {
		return err
	}
	d := previewEndData{Title: p.v.Definition.Title, StartURL: p.base, DesignURL: designURL(p.v.Slug)}
	return a.page(c, http.StatusOK, "design_preview_end", &view{Title: "End of the preview", HomeURL: p.base, Data: d})
}
