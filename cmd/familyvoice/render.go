package main

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/familyvoice/familyvoice/static"
	"github.com/familyvoice/familyvoice/survey/staff"
	"github.com/labstack/echo/v4"
)

// view is what every page template receives.
type view struct {
	Title      string
	CSRF       string
	Stylesheet string
	HomeURL    string
	Staff      *staff.User // the signed-in staff member, if any
	Errors     []errorLink
	Data       any
}

// errorLink is one line of a page's error summary, linking to the field.
type errorLink struct {
	Href    string
	Message string
}

// renderer holds every page's template, parsed once at start-up.
type renderer struct {
	pages      map[string]*template.Template
	stylesheet string
}

var templateFuncs = template.FuncMap{
	// paragraphs turns text with blank lines into <p> elements, escaping
	// the text itself.
	"paragraphs": func(s string) template.HTML {
		var b strings.Builder
		for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				b.WriteString("<p>" + template.HTMLEscapeString(p) + "</p>")
			}
		}
		return template.HTML(b.String())
	},
}

// partials are the template files that define pieces for pages to use
// rather than pages of their own; every page gets the layout.
var partials = []string{"layout.html", "question.html", "leader_partials.html"}

func newRenderer(stylesheet string) (*renderer, error) {
	tfs := static.Templates()
	pages, err := fs.Glob(tfs, "*.html")
	if err != nil {
		return nil, err
	}
	sources := map[string]string{}
	for _, p := range pages {
		b, err := fs.ReadFile(tfs, p)
		if err != nil {
			return nil, err
		}
		sources[p] = string(b)
	}
	r := &renderer{pages: map[string]*template.Template{}, stylesheet: stylesheet}
	for _, p := range pages {
		if slices.Contains(partials, p) {
			continue
		}
		t, err := template.New(p).Funcs(templateFuncs).ParseFS(tfs, append(partialsFor(p, sources), p)...)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", p, err)
		}
		r.pages[strings.TrimSuffix(p, ".html")] = t
	}
	return r, nil
}

// partialsFor lists the partial files page needs: the layout, and those
// defining a template it calls, or that a partial it needs calls. Each
// page holds its own parsed copy of its partials, and giving every page
// all of them was half the server's live memory.
func partialsFor(page string, sources map[string]string) []string {
	need := []string{"layout.html"}
	calls := sources[page] + sources["layout.html"]
	for added := true; added; {
		added = false
		for _, f := range partials {
			if slices.Contains(need, f) || !callsAnyOf(calls, sources[f]) {
				continue
			}
			need = append(need, f)
			calls += sources[f]
			added = true
		}
	}
	return need
}

// callsAnyOf reports whether src calls a template that defs defines.
func callsAnyOf(src, defs string) bool {
	called := map[string]bool{}
	for _, m := range templateCall.FindAllStringSubmatch(src, -1) {
		called[m[1]] = true
	}
	for _, m := range templateDefinition.FindAllStringSubmatch(defs, -1) {
		if called[m[1]] {
			return true
		}
	}
	return false
}

var (
	templateCall       = regexp.MustCompile(`{{-?\s*(?:template|block)\s+"([^"]+)"`)
	templateDefinition = regexp.MustCompile(`{{-?\s*(?:define|block)\s+"([^"]+)"`)
)

// Render writes a page into a buffer first, so a template error becomes
// a clean error page rather than half a page with a 200 status.
func (r *renderer) Render(w *bytes.Buffer, name string, v *view) error {
	t, ok := r.pages[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	v.Stylesheet = r.stylesheet
	if v.HomeURL == "" {
		v.HomeURL = "/"
	}
	return t.ExecuteTemplate(w, "layout", v)
}

// page renders a page with the given status.
func (a *App) page(c echo.Context, status int, name string, v *view) error {
	if v.CSRF == "" {
		v.CSRF, _ = c.Get(csrfContextKey).(string)
	}
	v.Staff = currentUser(c)
	var buf bytes.Buffer
	if err := a.views.Render(&buf, name, v); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// errorPage renders the kind page shown for an error status.
func (a *App) errorPage(c echo.Context, status int, title string, paragraphs ...string) error {
	return a.page(c, status, "error", &view{Data: struct {
		Title      string
		Paragraphs []string
	}{title, paragraphs}})
}

// stylesheetHandler serves the embedded stylesheet with a year-long cache,
// safe because its name changes with its content.
func stylesheetHandler(asset static.Asset) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Param("name") != asset.Name {
			return echo.ErrNotFound
		}
		c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		return c.Blob(http.StatusOK, asset.ContentType, asset.Body)
	}
}
