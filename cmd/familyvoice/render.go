package main

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
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

func newRenderer(stylesheet string) (*renderer, error) {
	tfs := static.Templates()
	shared := []string{"layout.html", "question.html", "leader_partials.html"}
	pages, err := fs.Glob(tfs, "*.html")
	if err != nil {
		return nil, err
	}
	r := &renderer{pages: map[string]*template.Template{}, stylesheet: stylesheet}
	for _, p := range pages {
		if isShared(p, shared) {
			continue
		}
		t, err := template.New(p).Funcs(templateFuncs).ParseFS(tfs, append(shared, p)...)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", p, err)
		}
		r.pages[strings.TrimSuffix(p, ".html")] = t
	}
	return r, nil
}

func isShared(name string, shared []string) bool {
	for _, s := range shared {
		if s == name {
			return true
		}
	}
	return false
}

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
