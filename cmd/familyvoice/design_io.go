package main

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/labstack/echo/v4"
)

// Import and export of definition files, the same JSON that `survey
// import` and `survey export` read and write.

// designExport sends a version of the definition as a download: the
// newest, or the one named by ?version=.
func (a *App) designExport(c echo.Context) error {
	ctx := c.Request().Context()
	slug := c.Param("slug")
	var v *sqlite.Version
	var err error
	if s := c.QueryParam("version"); s != "" {
		n, cerr := strconv.Atoi(s)
		if cerr != nil || n < 1 {
			return echo.ErrNotFound
		}
		v, err = a.db.VersionByNumber(ctx, slug, n)
	} else {
		v, err = a.db.LatestVersion(ctx, slug)
	}
	if err != nil {
		return err
	}
	a.audit(c, "survey.export", v.Slug, fmt.Sprintf("version %d", v.Number))
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s-v%d.json"`, v.Slug, v.Number))
	return c.Blob(http.StatusOK, "application/json; charset=utf-8", v.Definition.MarshalIndent())
}

type importData struct {
	Replace  bool
	Problems []string
	Errors   map[string]string
}

func (a *App) designImportForm(c echo.Context) error {
	return a.page(c, http.StatusOK, "design_import", &view{Title: "Import a survey", Data: &importData{}})
}

// designImportPost reads an uploaded definition. A new web address makes
// a new draft survey; an existing one gets the file as its new draft,
// but only when the person ticked the box that says so.
func (a *App) designImportPost(c echo.Context) error {
	ctx := c.Request().Context()
	d := importData{Replace: c.FormValue("replace") == "yes"}
	fail := func(problems ...string) error {
		d.Problems = problems
		msg := "Choose a file without these problems"
		if len(problems) == 1 {
			msg = problems[0]
		}
		d.Errors = map[string]string{"definition": msg}
		links := make([]errorLink, len(problems))
		for i, p := range problems {
			links[i] = errorLink{Href: "#definition", Message: p}
		}
		return a.page(c, http.StatusUnprocessableEntity, "design_import", &view{Title: "Import a survey", Errors: links, Data: &d})
	}
	fh, err := c.FormFile("definition")
	if err != nil {
		return fail("Choose a survey definition file (.json) to import")
	}
	f, err := fh.Open()
	if err != nil {
		return fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	def, err := survey.ParseDefinition(f)
	if err != nil {
		var se *survey.Error
		if !errors.As(err, &se) {
			return err
		}
		// Listed as `survey import` lists them: one problem a line, by path.
		problems := []string{fmt.Sprintf("%s: %s", fh.Filename, capitalise(se.Message))}
		for _, fe := range se.Fields {
			problems = append(problems, fe.Field+": "+fe.Message)
		}
		return fail(problems...)
	}
	if reservedSlugs[def.Slug] {
		return fail(fmt.Sprintf("slug: %q is a word the designer uses in its own addresses: choose another", def.Slug))
	}
	taken, err := a.db.SlugTaken(ctx, def.Slug)
	if err != nil {
		return err
	}
	var v *sqlite.Version
	how := "new survey"
	switch {
	case taken && !d.Replace:
		return fail(fmt.Sprintf("slug: a survey with the web address %s already exists. To import this file as its new draft, tick the box below; otherwise change the slug in the file", def.Slug))
	case taken:
		how = "new draft of an existing survey"
		v, err = a.db.SaveDraft(ctx, def)
	default:
		v, err = a.db.CreateSurvey(ctx, def)
	}
	if err != nil {
		if code := survey.ErrorCode(err); code == survey.EInvalid || code == survey.EConflict {
			return fail(capitalise(err.Error()))
		}
		return err
	}
	a.audit(c, "survey.import", def.Slug, fmt.Sprintf("version %d, %s", v.Number, how))
	return c.Redirect(http.StatusSeeOther, designURL(def.Slug)+"?done=imported")
}
